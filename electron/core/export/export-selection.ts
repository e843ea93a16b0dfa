// Which events an export takes: some aggregates (or all), optionally only some event types and a time
// range. Streamed aggregate by aggregate, a bounded batch of events at a time, never the whole store.

import { IpcError } from '../../../shared/errors'
import { listStreamFiles } from '../store/store-files'
import { readEvents, type ReadEvent } from '../stream/event-reader'
import { scanStream, type StreamIndex } from '../stream/stream-index'

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
  readonly index: StreamIndex
  /** Lines of the stream that are not valid events, left out of every export and counted. */
  readonly badLines: number
}

const batchEvents = 2000

/**
 * The streams an export reads, each scanned once (positions only, no replay). O(bytes of the selected
 * streams) before the first event is written, so `signal` is looked at once per 4 MiB read: aborting
 * rejects with its reason.
 */
export async function selectStreams(
  dir: string,
  filter: ExportFilter,
  signal?: AbortSignal,
): Promise<SelectedStream[]> {
  const { streams } = await listStreamFiles(dir)
  const wanted = filter.aggregateIds && filter.aggregateIds.length > 0 ? new Set(filter.aggregateIds) : null
  if (wanted) {
    const known = new Set(streams.map((stream) => stream.aggregateId))
    const unknown = [...wanted].find((id) => !known.has(id))
    if (unknown !== undefined) throw new IpcError('not_found', `No aggregate ${unknown} in this store`)
  }
  const selected: SelectedStream[] = []
  for (const stream of streams) {
    if (wanted && !wanted.has(stream.aggregateId)) continue
    signal?.throwIfAborted()
    const index = await scanStream(stream.file, stream.aggregateId, { replay: false }, { signal })
    const badLines = index.problems.filter(
      (problem) => problem.severity === 'error' || problem.kind === 'torn_tail',
    ).length
    selected.push({ aggregateId: stream.aggregateId, index, badLines })
  }
  return selected
}

/** The events of one stream that pass the filter, in version order, read in batches. */
export async function* filteredEvents(
  stream: SelectedStream,
  filter: ExportFilter,
): AsyncGenerator<ReadEvent> {
  const types = filter.types && filter.types.length > 0 ? new Set(filter.types) : null
  const since = filter.since ? Date.parse(filter.since) : Number.NEGATIVE_INFINITY
  const until = filter.until ? Date.parse(filter.until) : Number.POSITIVE_INFINITY
  const timed = filter.since !== undefined || filter.until !== undefined
  for (let from = 1; from <= stream.index.eventCount; from += batchEvents) {
    for (const event of await readEvents(stream.index, from, from + batchEvents - 1)) {
      if (types && !types.has(event.envelope.type ?? '')) continue
      if (timed) {
        const at = event.envelope.occurredAtMs
        if (Number.isNaN(at) || at < since || at > until) continue
      }
      yield event
    }
  }
}
