// Payload values as the timeline shows them: one short line per event, or one cell per chosen field.
// The host does this for the timeline's own rows (stream.window `cells`); this is the same for rows
// that come from a search (the timeline filter), so both read alike.

import type { Json } from '../../../shared/contract'

const cellChars = 120

/** The value at a dotted path of the payload as short text, or null when there is none. */
export function cellOf(payload: Json, field: string): string | null {
  let value: Json | undefined = payload
  for (const key of field.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, key))
      return null
    value = (value as { [key: string]: Json })[key]
  }
  if (value === undefined) return null
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text.length > cellChars ? `${text.slice(0, cellChars - 1)}…` : text
}

/** `key=value` pairs of a payload's top level, nested values abbreviated, cut at 160 characters. */
export function payloadSummary(payload: Json): string {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload))
    return JSON.stringify(payload)
  const text = Object.entries(payload)
    .map(([key, value]) => `${key}=${brief(value)}`)
    .join('  ')
  return text.length > 160 ? `${text.slice(0, 159)}…` : text
}

function brief(value: Json): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return `[${value.length}]`
  if (typeof value === 'object') return `{${Object.keys(value).length}}`
  if (typeof value === 'string') return value.length > 40 ? `${value.slice(0, 39)}…` : value
  return String(value)
}

/** Fields a picker offers: the top-level keys of the state and the event payload, one level into
 * objects ("customer.name"), in first-seen order, at most `max`. */
export function candidateFields(sources: readonly Json[], max = 40): string[] {
  const seen = new Set<string>()
  for (const source of sources) {
    if (source === null || typeof source !== 'object' || Array.isArray(source)) continue
    for (const [key, value] of Object.entries(source)) {
      seen.add(key)
      if (value !== null && typeof value === 'object' && !Array.isArray(value))
        for (const inner of Object.keys(value)) seen.add(`${key}.${inner}`)
    }
  }
  return [...seen].slice(0, max)
}
