// index.json as the seed's `EventStore` leaves it.

import { pythonJsonDumps, type PythonJsonValue } from './python-json'

export interface IndexEntry {
  readonly id: string
  readonly eventCount: number
  readonly lastEventAt: string | null
}

/**
 * Render index.json exactly as `json.dump(index, f, indent=2)` writes it (no trailing newline), with
 * aggregates in the order given, which for the seed is the order of each aggregate's first append.
 */
export function renderIndex(entries: readonly IndexEntry[]): string {
  // Before the first append the seed has only run `_initialize_index`, which dumps without indent.
  if (entries.length === 0) return pythonJsonDumps({ aggregates: {}, total_events: 0 })
  // A Map, because a plain object would reorder ids that look like integers.
  const aggregates = new Map<string, PythonJsonValue>()
  let total = 0
  for (const entry of entries) {
    aggregates.set(entry.id, { event_count: entry.eventCount, last_event_at: entry.lastEventAt })
    total += entry.eventCount
  }
  return pythonJsonDumps({ aggregates, total_events: total }, { indent: 2 })
}
