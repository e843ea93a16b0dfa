// The raw JSONL line, pretty-printed when it parses (it does for every valid event).
//
// Re-indented as text, never through JSON.parse and JSON.stringify: numbers (an integer beyond 2^53, a
// `1.0`, a `1e3`) and string escapes stay exactly as the line has them. The layout is JSON.stringify's
// with an indent of two: `"key": value`, one member per line, `{}` and `[]` kept on one line.

import { reindentJson } from '../../../../shared/reindent-json'

/** Indent the raw line as JSON, or return it unchanged when it is not JSON. O(line length). */
export function prettyRaw(raw: string): string {
  try {
    JSON.parse(raw)
  } catch {
    return raw
  }
  return reindentJson(raw)
}
