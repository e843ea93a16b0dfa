// The tokens of the search expression language, each with the 1-based column it starts at.

import { ExpressionError } from './expression-error'

export type Token =
  | { readonly kind: 'word'; readonly text: string; readonly column: number }
  | { readonly kind: 'string'; readonly value: string; readonly column: number }
  /** `text` as written: compared exactly (exact-number.ts), `value` its nearest double. */
  | { readonly kind: 'number'; readonly value: number; readonly text: string; readonly column: number }
  | { readonly kind: 'symbol'; readonly text: string; readonly column: number }
  | { readonly kind: 'end'; readonly column: number }

const symbols = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '=', '(', ')', '[', ']', '.', ',']
const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const wordPattern = /[A-Za-z_$][A-Za-z0-9_$]*/y

/** Split an expression into tokens; throws ExpressionError at an unterminated string or a stray character. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let at = 0
  while (at < text.length) {
    const char = text[at] as string
    const column = at + 1
    if (/\s/.test(char)) {
      at++
      continue
    }
    if (char === '"' || char === "'") {
      const end = stringEnd(text, at)
      tokens.push({ kind: 'string', value: readString(text.slice(at, end + 1), column), column })
      at = end + 1
      continue
    }
    numberPattern.lastIndex = at
    const number = (char === '-' || (char >= '0' && char <= '9')) && numberPattern.exec(text)
    if (number) {
      tokens.push({ kind: 'number', value: Number(number[0]), text: number[0], column })
      at += number[0].length
      continue
    }
    wordPattern.lastIndex = at
    const word = wordPattern.exec(text)
    if (word) {
      tokens.push({ kind: 'word', text: word[0], column })
      at += word[0].length
      continue
    }
    const symbol = symbols.find((candidate) => text.startsWith(candidate, at))
    if (!symbol) throw new ExpressionError(`Unexpected character ${JSON.stringify(char)}`, column)
    tokens.push({ kind: 'symbol', text: symbol, column })
    at += symbol.length
  }
  tokens.push({ kind: 'end', column: text.length + 1 })
  return tokens
}

function stringEnd(text: string, start: number): number {
  const quote = text[start]
  for (let at = start + 1; at < text.length; at++) {
    if (text[at] === '\\') at++
    else if (text[at] === quote) return at
  }
  throw new ExpressionError('Unterminated string', start + 1)
}

// Double-quoted strings are JSON strings; single-quoted ones are read the same way, their quotes swapped.
function readString(literal: string, column: number): string {
  let json = literal
  if (literal[0] === "'") {
    json = '"'
    for (let at = 1; at < literal.length - 1; at++) {
      const char = literal[at] as string
      if (char === '\\' && literal[at + 1] === "'") {
        json += "'"
        at++
      } else if (char === '\\') {
        json += char + (literal[at + 1] ?? '')
        at++
      } else json += char === '"' ? '\\"' : char
    }
    json += '"'
  }
  try {
    return JSON.parse(json) as string
  } catch {
    throw new ExpressionError('Malformed string (check its backslash escapes)', column)
  }
}
