// JSON text laid out again, 2 spaces per level as JSON.stringify(value, null, 2) would, but from its
// tokens: numbers and strings are copied as written (`1.0`, `1E5`, 2^64, escapes) and keys stay in
// their order, which parsing and stringifying would lose. One pass, no recursion, whatever the depth.
// Shared: the Event pane's raw line (renderer) and the Append template's payload text (core). Pure.

const maxIndentDepth = 100

/**
 * `text` (one JSON value) re-indented by `indent` spaces; 0 writes it on one line with no spaces, as
 * JSON.stringify(value, null, 0) would. Throws a SyntaxError where the text is no JSON token; it does
 * not check the grammar further, so give it text that parsed.
 */
export function reindentJson(text: string, indent = 2): string {
  const out: string[] = []
  let depth = 0
  // Deeper than this, lines are indented as at this depth: the text stays linear in its input's size
  // (deep data is a finding, never a failure), and no one reads 100 levels of indentation anyway.
  const newline = (): void => {
    if (indent > 0) out.push('\n', ' '.repeat(Math.min(depth, maxIndentDepth) * indent))
  }
  for (let at = 0; at < text.length;) {
    const c = text[at] as string
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      at++
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']'
      const next = skipBlank(text, at + 1)
      if (text[next] === close) {
        // An empty object or array stays on one line, as JSON.stringify writes it.
        out.push(c, close)
        at = next + 1
      } else {
        out.push(c)
        depth++
        newline()
        at++
      }
    } else if (c === '}' || c === ']') {
      depth--
      newline()
      out.push(c)
      at++
    } else if (c === ',') {
      out.push(',')
      newline()
      at++
    } else if (c === ':') {
      out.push(indent > 0 ? ': ' : ':')
      at++
    } else if (c === '"') {
      const end = stringEnd(text, at)
      out.push(text.slice(at, end))
      at = end
    } else {
      // A number, true, false or null: copied as it stands up to the next delimiter.
      let end = at
      while (end < text.length && !',:{}[]" \t\r\n'.includes(text[end] as string)) end++
      if (end === at) throw new SyntaxError(`Unexpected '${c}' at ${at}`)
      out.push(text.slice(at, end))
      at = end
    }
  }
  return out.join('')
}

function skipBlank(text: string, at: number): number {
  while (at < text.length && ' \t\r\n'.includes(text[at] as string)) at++
  return at
}

function stringEnd(text: string, open: number): number {
  for (let at = open + 1; at < text.length; at++) {
    const c = text.charCodeAt(at)
    if (c === 0x5c) at++
    else if (c === 0x22) return at + 1
  }
  throw new SyntaxError('Unterminated string')
}
