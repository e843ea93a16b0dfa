// CSV rows for events: fixed envelope columns, then the payload flattened into dotted column names.
// Quoting follows RFC 4180 through csv-stringify.

import { stringify } from 'csv-stringify/sync'
import { bigIntegerDigits, unmarkBigIntegers } from '../json/big-integers'
import { isJsonObject, type Json, type JsonObject } from '../json/json-value'

export const envelopeColumns = ['version', 'aggregate_id', 'event_id', 'event_type', 'occurred_at'] as const

/**
 * Flatten a payload into `dotted.path -> cell text`: objects open into their keys, arrays and scalars
 * are cells (arrays as JSON text, strings as they are, null as empty).
 */
export function flattenPayload(
  payload: JsonObject,
  prefix = '',
  into = new Map<string, string>(),
): Map<string, string> {
  for (const key of Object.keys(payload)) {
    const value = payload[key] as Json
    const column = prefix === '' ? key : `${prefix}.${key}`
    if (isJsonObject(value) && Object.keys(value).length > 0) flattenPayload(value, column, into)
    else into.set(column, cellText(value))
  }
  return into
}

function cellText(value: Json): string {
  if (value === null) return ''
  // A marked integer beyond 2^53 (big-integers.ts) is written as its digits, not rounded.
  if (typeof value === 'string') return bigIntegerDigits(value) ?? value
  if (typeof value === 'object') return unmarkBigIntegers(JSON.stringify(value))
  return String(value)
}

/** One CSV record (with its CRLF) from cells in column order. */
export function csvRecord(cells: readonly string[]): string {
  // csv-stringify quotes a field holding the record delimiter (CRLF) but not a lone LF or CR, which
  // RFC 4180 readers would take for the end of the record; quoted_match closes that gap.
  return stringify([cells as string[]], { record_delimiter: '\r\n', quoted_match: /[\r\n]/ })
}
