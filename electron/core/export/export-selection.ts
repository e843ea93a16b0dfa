// Which events an export takes: some aggregates (or all), optionally only some event types and a time
// range. Streamed aggregate by aggregate, a chunk of a file at a time, never the whole store.

import { stat } from 'node:fs/promises'
import { StoreError } from '../errors'
import { listStreamFiles } from '../store/store-files'
import type { EventEnvelope } from '../stream/envelope'

export interface ExportFilter {
  /** Aggregate ids to export; empty or omitted: every stream of the store. */
  readonly aggregateIds?: readonly string[]
  readonly types?: readonly string[]
  /** ISO 8601 bounds on the event time, inclusive. Events without a readable time are left out when a bound is set. */
  readonly since?: string
  readonly until?: string
}

export interface SelectedStream {
  readonly aggregateId: string
  readonly file: string
  /** The file's size when selected: what progress is measured against. */
  readonly bytes: number
}

/**
 * The streams an export reads: one readdir and a stat per stream, no file opened, so nothing about the
 * store is held before the first event is written (each stream is read when its turn comes).
 */
export async function selectStreams(dir: string, filter: ExportFilter): Promise<SelectedStream[]> {
  const { streams } = await listStreamFiles(dir)
  const wanted = filter.aggregateIds && filter.aggregateIds.length > 0 ? new Set(filter.aggregateIds) : null
  if (wanted) {
    const known = new Set(streams.map((stream) => stream.aggregateId))
    const unknown = [...wanted].find((id) => !known.has(id))
    if (unknown !== undefined) throw new StoreError('not_found', `No aggregate ${unknown} in this store`)
  }
  const chosen = wanted ? streams.filter((stream) => wanted.has(stream.aggregateId)) : streams
  const selected: SelectedStream[] = []
  // A few stats in flight at once: one after another, 100,000 of them were a second of waiting.
  for (let at = 0; at < chosen.length; at += 64) {
    const batch = chosen.slice(at, at + 64)
    const sizes = await Promise.all(batch.map(async (stream) => (await stat(stream.file)).size))
    for (const [i, stream] of batch.entries())
      selected.push({ aggregateId: stream.aggregateId, file: stream.file, bytes: sizes[i] as number })
  }
  return selected
}

/** Whether the filter looks inside events (type or time); without one every valid event is taken. */
export function filtersEvents(filter: ExportFilter): boolean {
  return (filter.types?.length ?? 0) > 0 || filter.since !== undefined || filter.until !== undefined
}

/** The test an event's envelope must pass: O(1) per event. */
export function eventFilter(filter: ExportFilter): (envelope: EventEnvelope) => boolean {
  const types = filter.types && filter.types.length > 0 ? new Set(filter.types) : null
  const since = filter.since ? Date.parse(filter.since) : Number.NEGATIVE_INFINITY
  const until = filter.until ? Date.parse(filter.until) : Number.POSITIVE_INFINITY
  const timed = filter.since !== undefined || filter.until !== undefined
  return (envelope) => {
    if (types && !types.has(envelope.type ?? '')) return false
    if (!timed) return true
    const at = envelope.occurredAtMs
    return !Number.isNaN(at) && at >= since && at <= until
  }
}
