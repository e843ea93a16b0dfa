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

/** What CSV cells that a spreadsheet would read as a formula become: `'`-prefixed (the default) or kept. */
export type CsvFormulas = 'neutralize' | 'keep'

// A cell a spreadsheet would evaluate: one starting with = + - @, a tab or a carriage return (OWASP's
// "CSV Injection" list). A plain number ("-5", "+1.5e3") is data in every spreadsheet, so it is kept.
const formulaStart = /^[=+\-@\t\r]/
const plainNumber = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/** The cell as a spreadsheet will show it, never run it: a leading `'` before a formula-like text. */
export function neutralizeFormula(cell: string): string {
  return formulaStart.test(cell) && !plainNumber.test(cell) ? `'${cell}` : cell
}

/**
 * One CSV record (with its CRLF) from cells in column order.
 *
 * Every cell is neutralized unless `formulas` is 'keep': payload values, event types, ids and the
 * header's column names alike, since each may come from whoever wrote the store.
 */
export function csvRecord(cells: readonly string[], formulas: CsvFormulas = 'neutralize'): string {
  const safe = formulas === 'keep' ? (cells as string[]) : cells.map(neutralizeFormula)
  // csv-stringify quotes a field holding the record delimiter (CRLF) but not a lone LF or CR, which
  // RFC 4180 readers would take for the end of the record; quoted_match closes that gap.
  return stringify([safe], { record_delimiter: '\r\n', quoted_match: /[\r\n]/ })
}
