// The timeline of a stream interleaves its events and its line problems in file order, so a bad line
// shows up exactly where it sits. Problems are few, events many: rows are computed, never materialized.

import type { StreamInfo, TimelineRow } from '../../../shared/contract'
import { isNumberLiteral, type ExactJson } from '../json/json-value'
import { stringifyExact } from '../json/big-integers'
import { exactEnvelope, readEvents } from './event-reader'
import type { StreamIndex } from './stream-index'

/** Line problems of the stream with the timeline row each occupies (before the event on the same line). */
export function problemRows(index: StreamIndex): StreamInfo['problems'] {
  return index.problems
    .filter((problem) => problem.line !== null)
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
    .map((problem, i) => ({ row: i + index.positions.countBeforeLine(problem.line ?? 0), problem }))
}

/** Rows `offset` .. `offset + limit - 1` of the timeline. O(limit + log problems) plus one read. */
export async function timelineWindow(
  index: StreamIndex,
  problems: StreamInfo['problems'],
  offset: number,
  limit: number,
  fields?: readonly string[],
): Promise<TimelineRow[]> {
  const rowCount = index.eventCount + problems.length
  const end = Math.min(rowCount, offset + limit)
  if (offset >= end) return []
  let problemIndex = countBelow(problems, offset)
  const firstVersion = offset - problemIndex + 1
  const lastVersion = end - countBelow(problems, end)
  const events = await readEvents(index, firstVersion, lastVersion)
  const rows: TimelineRow[] = []
  let eventIndex = 0
  for (let row = offset; row < end; row++) {
    const problem = problems[problemIndex]
    if (problem && problem.row === row) {
      rows.push({ kind: 'problem', row, problem: problem.problem })
      problemIndex++
      continue
    }
    const event = events[eventIndex++]
    if (!event) break
    const { envelope } = event
    // Rows show an id and top-level payload values: those beyond 2^53 with every digit.
    const exact = exactEnvelope(event, index.style)
    rows.push({
      kind: 'event',
      row,
      version: event.version,
      line: event.line,
      type: envelope.type,
      occurredAt: envelope.occurredAt,
      id: exact?.id ?? envelope.id,
      summary: summarize(exact?.payload ?? envelope.payload),
      ...(fields && fields.length > 0
        ? { cells: fieldCells(exact?.payload ?? envelope.payload, fields) }
        : {}),
    })
  }
  return rows
}

function countBelow(problems: StreamInfo['problems'], row: number): number {
  let low = 0
  let high = problems.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if ((problems[mid]?.row ?? 0) < row) low = mid + 1
    else high = mid
  }
  return low
}

const summaryChars = 160

/** A one-line summary of a payload: `key=value` pairs, nested values abbreviated; big integers exact. */
export function summarize(payload: { [key: string]: ExactJson }): string {
  const parts: string[] = []
  let length = 0
  for (const [key, value] of Object.entries(payload)) {
    const part = `${key}=${brief(value)}`
    parts.push(part)
    length += part.length + 2
    if (length > summaryChars) break
  }
  const text = parts.join('  ')
  return text.length > summaryChars ? `${text.slice(0, summaryChars - 1)}…` : text
}

function brief(value: ExactJson): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return `[${value.length}]`
  if (isNumberLiteral(value)) return value.valueOf()
  if (typeof value === 'object') return `{${Object.keys(value).length}}`
  if (typeof value === 'string') return value.length > 40 ? `${value.slice(0, 39)}…` : value
  return String(value)
}

const cellChars = 120

/**
 * The payload's value at each dotted path ("customer.address.city"), as one short line of text: strings
 * as they are, other values as JSON, big integers exact; null where the payload has no such field.
 */
export function fieldCells(
  payload: { [key: string]: ExactJson },
  fields: readonly string[],
): (string | null)[] {
  return fields.map((field) => {
    let value: ExactJson | undefined = payload
    for (const key of field.split('.')) {
      if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, key)) {
        value = undefined
        break
      }
      value = (value as { [key: string]: ExactJson })[key]
    }
    if (value === undefined) return null
    const text = typeof value === 'string' ? value : stringifyExact(value)
    return text.length > cellChars ? `${text.slice(0, cellChars - 1)}…` : text
  })
}
