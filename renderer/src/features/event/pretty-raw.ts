// The raw JSONL line, pretty-printed when it parses (it does for every valid event).
//
// Re-indented as text, never through JSON.parse and JSON.stringify: numbers (an integer beyond 2^53, a
// `1.0`, a `1e3`) and string escapes stay exactly as the line has them. The layout is JSON.stringify's
// with an indent of two: `"key": value`, one member per line, `{}` and `[]` kept on one line.

/** Indent the raw line as JSON, or return it unchanged when it is not JSON. O(line length). */
export function prettyRaw(raw: string): string {
  try {
    JSON.parse(raw)
  } catch {
    return raw
  }
  return reindent(raw)
}

// The text is valid JSON here, so a string ends at the first unescaped quote and everything outside
// strings is punctuation, whitespace or the characters of a literal.
function reindent(json: string): string {
  let out = ''
  let depth = 0
  const newline = (): string => `\n${'  '.repeat(depth)}`
  for (let at = 0; at < json.length; at++) {
    const char = json[at] as string
    if (char === '"') {
      let end = at + 1
      while (json[end] !== '"') end += json[end] === '\\' ? 2 : 1
      out += json.slice(at, end + 1)
      at = end
    } else if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']'
      const next = nextSignificant(json, at + 1)
      if (json[next] === close) {
        out += char + close
        at = next
      } else {
        depth++
        out += char + newline()
      }
    } else if (char === '}' || char === ']') {
      depth--
      out += newline() + char
    } else if (char === ',') out += `,${newline()}`
    else if (char === ':') out += ': '
    else if (char !== ' ' && char !== '\t' && char !== '\n' && char !== '\r') out += char
  }
  return out
}

function nextSignificant(json: string, from: number): number {
  let at = from
  while (at < json.length && /\s/.test(json[at] as string)) at++
  return at
}
