// index.json after an append: the aggregate's entry set from its stream, `total_events` moved by the
// same difference, every key we do not know kept, written as the seed writes it (json.dump, indent 2).

import { StoreError } from '../errors'
import { pythonJsonDumps, type PythonJsonValue } from '../gen/python-json'
import { isJsonObject, setOwn, type JsonObject } from '../json/json-value'

export interface IndexChange {
  readonly aggregateId: string
  readonly eventCount: number
  readonly lastEventAt: string | null
}

/** The new text of index.json given its current text. Throws when the current text is not an index. */
export function updatedIndexText(current: string, change: IndexChange): string {
  const index = parseIndexDocument(current)
  if (index === null) throw unreadableIndex()
  const aggregates = index.aggregates as JsonObject
  const previous = isJsonObject(aggregates[change.aggregateId])
    ? (aggregates[change.aggregateId] as JsonObject)
    : null
  const previousCount = typeof previous?.event_count === 'number' ? previous.event_count : 0
  const entry: JsonObject = { ...(previous ?? {}) }
  setOwn(entry, 'event_count', change.eventCount)
  setOwn(entry, 'last_event_at', change.lastEventAt)
  setOwn(aggregates, change.aggregateId, entry)
  const total = typeof index.total_events === 'number' ? index.total_events : 0
  setOwn(index, 'total_events', total + change.eventCount - previousCount)
  return pythonJsonDumps(index as PythonJsonValue, { indent: 2 })
}

/** The parsed index.json when it is an object with an "aggregates" object; null when it is not an index. */
export function parseIndexDocument(text: string): JsonObject | null {
  let index: unknown
  try {
    index = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    return null
  }
  return isJsonObject(index) && isJsonObject(index.aggregates) ? index : null
}

/**
 * A fresh index.json text listing the given aggregates.
 *
 * With `previous` (the index being replaced), what the streams cannot tell is kept: its top-level keys
 * we do not know, the keys we do not know of each entry whose aggregate remains, and the order of those
 * entries; aggregates it lacks follow in the given order, and entries not given are dropped.
 */
export function newIndexText(entries: readonly IndexChange[], previous: JsonObject | null = null): string {
  const old = previous && isJsonObject(previous.aggregates) ? previous.aggregates : {}
  const given = new Map(entries.map((entry) => [entry.aggregateId, entry]))
  const ordered = [
    ...Object.keys(old).flatMap((id) => given.get(id) ?? []),
    ...entries.filter((entry) => !Object.hasOwn(old, entry.aggregateId)),
  ]
  const aggregates: JsonObject = {}
  let total = 0
  for (const entry of ordered) {
    const kept = isJsonObject(old[entry.aggregateId]) ? (old[entry.aggregateId] as JsonObject) : {}
    const fields: JsonObject = { ...kept }
    setOwn(fields, 'event_count', entry.eventCount)
    setOwn(fields, 'last_event_at', entry.lastEventAt)
    setOwn(aggregates, entry.aggregateId, fields)
    total += entry.eventCount
  }
  const index: JsonObject = { ...(previous ?? {}) }
  setOwn(index, 'aggregates', aggregates)
  setOwn(index, 'total_events', total)
  return pythonJsonDumps(index as PythonJsonValue, { indent: 2 })
}

/** The refusal for an index.json that is not an index: nothing is written. */
export function unreadableIndex(): StoreError {
  return new StoreError(
    'io_error',
    'index.json is unreadable, so it cannot be updated; nothing was written (rebuild it with `eventscope reindex`).',
  )
}
