// The raw JSONL line, pretty-printed when it parses (it does for every valid event).

/** Indent the raw line as JSON, or return it unchanged when it is not JSON. */
export function prettyRaw(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2)
  } catch {
    return raw
  }
}
