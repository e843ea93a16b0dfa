// JSON given on the command line (--data, --metadata, batch lines), parsed with a message that says
// where it went wrong: V8 names a position for some mistakes but not for an unexpected token.

import { parseJsonExact } from '../core/json/big-integers'
import { usageError, type CliError } from './cli-error'

/**
 * Parse JSON text, integers beyond 2^53 exact (as bigints, so they are written with every digit); a
 * usage error `<what> is not valid JSON: <reason> at position N` when it is not JSON.
 */
export function parseJsonArgument(what: string, text: string): unknown {
  try {
    return parseJsonExact(text)
  } catch (error) {
    throw invalidJson(what, text, error)
  }
}

/** The usage error for JSON text that did not parse. */
export function invalidJson(what: string, text: string, error: unknown): CliError {
  return usageError(`${what} is not valid JSON: ${jsonErrorReason(text, error)}`)
}

/** V8's reason, always with the position of the first offending character. */
export function jsonErrorReason(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const positioned = /^(.*?) (?:in JSON )?at position (\d+)/.exec(message)
  if (positioned) return `${positioned[1]} at position ${positioned[2]}`
  const position = jsonErrorPosition(text)
  const token = /^Unexpected token '(.+?)',/.exec(message)
  if (token) return `Unexpected token '${token[1]}' at position ${position}`
  const reason = message.split('\n')[0]?.replace(/[.,]?\s*"[^"]*".*$/, '') ?? 'invalid JSON'
  return `${reason} at position ${position}`
}

/**
 * The offset of the first character at which `text` stops being JSON (its length when it ends too
 * early). Only called after JSON.parse failed, so it need not build values.
 */
export function jsonErrorPosition(text: string): number {
  let at = 0
  const fail = (): never => {
    throw at
  }
  const space = (): void => {
    while (at < text.length && ' \t\n\r'.includes(text[at] as string)) at++
  }
  const literal = (word: string): void => {
    for (const char of word)
      if (text[at] === char) at++
      else fail()
  }
  const string = (): void => {
    at++ // the opening quote
    for (;;) {
      const char = text[at]
      if (char === undefined || char < ' ') fail()
      if (char === '"') {
        at++
        return
      }
      if (char === '\\') {
        at++
        if (text[at] === 'u') {
          at++
          for (let i = 0; i < 4; i++)
            if (/[0-9a-f]/i.test(text[at] ?? '')) at++
            else fail()
        } else if ('"\\/bfnrt'.includes(text[at] ?? 'x')) at++
        else fail()
      } else at++
    }
  }
  const number = (): void => {
    if (text[at] === '-') at++
    const match = /^(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at))
    if (!match) fail()
    at += (match as RegExpExecArray)[0].length
  }
  const value = (): void => {
    space()
    const char = text[at]
    if (char === '{') {
      at++
      space()
      if (text[at] === '}') return void at++
      for (;;) {
        space()
        if (text[at] !== '"') fail()
        string()
        space()
        if (text[at] !== ':') fail()
        at++
        value()
        space()
        if (text[at] === ',') at++
        else if (text[at] === '}') return void at++
        else fail()
      }
    }
    if (char === '[') {
      at++
      space()
      if (text[at] === ']') return void at++
      for (;;) {
        value()
        space()
        if (text[at] === ',') at++
        else if (text[at] === ']') return void at++
        else fail()
      }
    }
    if (char === '"') return string()
    if (char === 't') return literal('true')
    if (char === 'f') return literal('false')
    if (char === 'n') return literal('null')
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return number()
    fail()
  }
  try {
    value()
    space()
    return at < text.length ? at : text.length
  } catch (position) {
    return position as number
  }
}
