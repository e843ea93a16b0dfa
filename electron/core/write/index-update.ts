// index.json after an append: the aggregate's entry set from its stream, `total_events` moved by the
// same difference, every key we do not know kept, written as the seed writes it (json.dump, indent 2).

import { IpcError } from '../../../shared/errors'
import { pythonJsonDumps, type PythonJsonValue } from '../gen/python-json'
import { isJsonObject, setOwn, type JsonObject } from '../json/json-value'

export interface IndexChange {
  readonly aggregateId: string
  readonly eventCount: number
  readonly lastEventAt: string | null
}

/** The new text of index.json given its current text. Throws when the current text is not an index. */
export function updatedIndexText(current: string, change: IndexChange): string {
  let index: unknown
  try {
    index = JSON.parse(current.replace(/^\uFEFF/, ''))
  } catch {
    throw unreadableIndex()
  }
  if (!isJsonObject(index) || !isJsonObject(index.aggregates)) throw unreadableIndex()
  const aggregates = index.aggregates
  const previous = isJsonObject(aggregates[change.aggregateId]) ? (aggregates[change.aggregateId] as JsonObject) : null
  const previousCount = typeof previous?.event_count === 'number' ? previous.event_count : 0
  const entry: JsonObject = { ...(previous ?? {}) }
  setOwn(entry, 'event_count', change.eventCount)
  setOwn(entry, 'last_event_at', change.lastEventAt)
  setOwn(aggregates, change.aggregateId, entry)
  const total = typeof index.total_events === 'number' ? index.total_events : 0
  setOwn(index, 'total_events', total + change.eventCount - previousCount)
  return pythonJsonDumps(index as PythonJsonValue, { indent: 2 })
}

/** A fresh index.json text listing the given aggregates, in the given order. */
export function newIndexText(entries: readonly IndexChange[]): string {
  const aggregates: JsonObject = {}
  let total = 0
  for (const entry of entries) {
    setOwn(aggregates, entry.aggregateId, { event_count: entry.eventCount, last_event_at: entry.lastEventAt })
    total += entry.eventCount
  }
  return pythonJsonDumps({ aggregates, total_events: total }, { indent: 2 })
}

function unreadableIndex(): IpcError {
  return new IpcError('io_error', 'index.json is unreadable, so it cannot be updated; nothing was written (run `eventscope verify`).')
}
