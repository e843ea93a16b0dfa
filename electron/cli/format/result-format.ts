// What `eventscope project` prints: a projection's result as a table when it is a list of records,
// else as indented JSON.

import type { Json } from '../../../shared/contract'
import { formatTable, shorten } from './table'

/** Widest a table cell may grow before it is shortened (nested values are JSON on one line). */
const maxCell = 60

/** An array of objects as an aligned table (columns in order of first appearance), anything else as JSON. */
export function resultText(result: Json): string[] {
  if (!Array.isArray(result) || result.length === 0 || !result.every(isRecord))
    return [JSON.stringify(result, null, 2)]
  const rows = result as Record<string, Json>[]
  const keys: string[] = []
  for (const row of rows) for (const key of Object.keys(row)) if (!keys.includes(key)) keys.push(key)
  const numeric = (key: string): boolean =>
    rows.every((row) => row[key] === undefined || row[key] === null || typeof row[key] === 'number')
  const columns = keys.map((key) => ({
    header: key,
    align: numeric(key) ? ('right' as const) : ('left' as const),
  }))
  return formatTable(
    columns,
    rows.map((row) => keys.map((key) => cell(row[key]))),
  )
}

function cell(value: Json | undefined): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return shorten(value, maxCell)
  if (typeof value === 'number') return value.toLocaleString('en-US', { maximumFractionDigits: 6 })
  return shorten(JSON.stringify(value), maxCell)
}

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
