// What the readings of a store's streams say across streams: the event types seen (with counts and
// the usual aggregate type of each) and where the latest event of a type is. Pure functions over the
// readings, apart from open-store.ts so the store keeps only its state and how it changes.

import type { StreamReading } from '../stream-facts/stream-reading'

export interface EventTypeCount {
  type: string
  count: number
  aggregateType: string | null
}

/** Every event type of the readings, most frequent first (then by name). O(readings × their types). */
export function eventTypesOf(readings: Iterable<StreamReading>): EventTypeCount[] {
  const types = new Map<string, { count: number; aggregateTypes: Map<string, number> }>()
  for (const reading of readings) {
    for (const [type, count] of reading.typeCounts) {
      const entry = types.get(type) ?? { count: 0, aggregateTypes: new Map<string, number>() }
      entry.count += count
      if (reading.type)
        entry.aggregateTypes.set(reading.type, (entry.aggregateTypes.get(reading.type) ?? 0) + count)
      types.set(type, entry)
    }
  }
  return [...types]
    .map(([type, { count, aggregateTypes }]) => ({
      type,
      count,
      aggregateType: mostCommon(aggregateTypes),
    }))
    .sort((a, b) => b.count - a.count || (a.type < b.type ? -1 : 1))
}

/** The latest event of a type: in `preferred` if it has one, else in the stream whose last event is latest. */
export function latestOfTypeIn(
  readings: ReadonlyMap<string, StreamReading>,
  type: string,
  preferred?: string,
): { aggregateId: string; version: number } | null {
  const own = preferred === undefined ? undefined : readings.get(preferred)?.latestOfType.get(type)
  if (preferred !== undefined && own !== undefined) return { aggregateId: preferred, version: own }
  let best: { aggregateId: string; version: number; at: number } | null = null
  for (const [aggregateId, reading] of readings) {
    const version = reading.latestOfType.get(type)
    if (version === undefined) continue
    const at = Number.isNaN(reading.lastEventAtMs) ? 0 : reading.lastEventAtMs
    if (!best || at > best.at) best = { aggregateId, version, at }
  }
  return best && { aggregateId: best.aggregateId, version: best.version }
}

function mostCommon(counts: Map<string, number>): string | null {
  let best: string | null = null
  let bestCount = 0
  for (const [key, count] of counts) if (count > bestCount) [best, bestCount] = [key, count]
  return best
}
