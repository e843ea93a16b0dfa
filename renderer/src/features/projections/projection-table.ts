// A projection's result as a table when it is an array of objects, and that table as CSV or JSON text.
//
// Pure: the panel and the exports use the same columns, and the unit tests check the quoting.

import type { Json } from '../../../../shared/contract'

type JsonObject = { readonly [key: string]: Json }

export interface ResultTable {
  readonly columns: readonly string[]
  readonly rows: readonly JsonObject[]
}

const isObject = (value: Json): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The table of a result that is a non-empty array of objects (columns in first-seen order), else null. */
export function asTable(result: Json): ResultTable | null {
  if (!Array.isArray(result) || result.length === 0 || !result.every(isObject)) return null
  const columns: string[] = []
  const seen = new Set<string>()
  for (const row of result as JsonObject[])
    for (const key of Object.keys(row))
      if (!seen.has(key)) {
        seen.add(key)
        columns.push(key)
      }
  return { columns, rows: result as JsonObject[] }
}

/** A cell as text: strings as they are, null and missing as empty, objects and arrays as JSON. */
export function cellText(value: Json | undefined): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** RFC 4180 CSV (CRLF records, quotes doubled) with a header row. */
export function tableToCsv(table: ResultTable): string {
  const record = (cells: readonly string[]) => cells.map(quote).join(',') + '\r\n'
  return (
    record(table.columns) +
    table.rows.map((row) => record(table.columns.map((c) => cellText(row[c])))).join('')
  )
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) || /^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell
}

/** A safe file name for a projection's export: `events-per-type.csv`. */
export function exportName(name: string, extension: 'csv' | 'json'): string {
  const base = name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'projection'
  return `${base}.${extension}`
}
