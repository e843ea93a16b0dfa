// CSV rows for events: fixed envelope columns, then the payload flattened into dotted column names
// (columnName: escaped so that no two payload paths, and no payload path and an envelope column, share one).
// Quoting follows RFC 4180 through csv-stringify.

import { stringify } from 'csv-stringify/sync'
import { bigIntegerDigits, unmarkBigIntegers } from '../json/big-integers'
import { isJsonObject, type Json, type JsonObject } from '../json/json-value'

export const envelopeColumns = ['version', 'aggregate_id', 'event_id', 'event_type', 'occurred_at'] as const

/**
 * Flatten a payload into `column name -> cell text`: objects open into their keys, arrays and scalars
 * are cells (arrays as JSON text, strings as they are, null as empty). Column names: see columnName.
 * O(payload), iterative: no depth a line can reach overflows it.
 */
export function flattenPayload(payload: JsonObject, into = new Map<string, string>()): Map<string, string> {
  // Depth first in key order, a nested object's columns where it stands, with a stack of open objects.
  const stack: { object: JsonObject; keys: string[]; next: number; path: string[] }[] = [
    { object: payload, keys: Object.keys(payload), next: 0, path: [] },
  ]
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as (typeof stack)[number]
    if (top.next >= top.keys.length) {
      stack.pop()
      continue
    }
    const key = top.keys[top.next++] as string
    const value = top.object[key] as Json
    const path = [...top.path, key]
    if (isJsonObject(value) && Object.keys(value).length > 0)
      stack.push({ object: value, keys: Object.keys(value), next: 0, path })
    else into.set(columnName(path), cellText(value))
  }
  return into
}

/** Names that a payload column never takes bare: the envelope's columns, and the prefix below. */
const reservedFirst = new Set<string>([...envelopeColumns, 'payload'])

/**
 * The CSV column of a payload path: its keys joined by `.`, a `.` or `\` inside a key escaped with a
 * `\` (so the key "a.b" is `a\.b` and the path a → b is `a.b`), and a path whose first key is an
 * envelope column's name or `payload` written under `payload.` (a payload field `version` is the
 * column `payload.version`, never the envelope's `version`). Two different paths never share a column.
 */
export function columnName(path: readonly string[]): string {
  const name = path.map((key) => key.replace(/[\\.]/g, (c) => `\\${c}`)).join('.')
  return reservedFirst.has(path[0] as string) ? `payload.${name}` : name
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
