// The store-wide questions over any Source: the histogram of events over time, the store as of a
// time, every event sharing a correlation id, and the built-in projections. Each is one pass over the
// store in its global order through the source's cursor (O(events) read, memory bounded by what the
// answer keeps), with the same pure counting the directory's answers use.

import type { Json } from '../../../shared/contract'
import type { JsonObject } from '../json/json-value'
import { builtinProjections } from '../projections/builtin-projections'
import type { ProjectionOutcome } from '../projections/run-projection'
import { noLinesLeftOut } from '../scan/lines-left-out'
import { causationIdOf, compareTimeKeys, correlationIdOf, type CorrelatedEvent } from '../search/correlation'
import type { EventEnvelope } from '../stream/envelope'
import type { AggregateAsOf } from '../timeline-stats/as-of'
import { HistogramCounter, type Histogram, type HistogramRange } from '../timeline-stats/histogram'
import { StoreError } from '../errors'
import type { Source, SourceEvent } from './source'

export interface ScanOptions {
  readonly signal?: AbortSignal
  /** Events read so far, of `total` (the store's count when known, else what was read). */
  readonly onProgress?: (done: number, total: number) => void
  readonly total?: number
}

/** Every event of the store in global order, one at a time, with progress per batch. */
async function* everyEvent(source: Source, options: ScanOptions): AsyncGenerator<SourceEvent> {
  let done = 0
  for await (const batch of source.scan({}, options.signal)) {
    if (options.signal?.aborted) throw new StoreError('cancelled', 'The question was cancelled.')
    yield* batch
    done += batch.length
    options.onProgress?.(done, Math.max(done, options.total ?? 0))
  }
}

function timeOf(event: SourceEvent): number {
  return event.occurredAt === null ? NaN : Date.parse(event.occurredAt)
}

/** Events over time by type, as the directory's histogram counts them. */
export async function sourceHistogram(
  source: Source,
  range: HistogramRange,
  options: ScanOptions = {},
): Promise<Histogram> {
  const counter = new HistogramCounter(range)
  for await (const event of everyEvent(source, options)) counter.add(timeOf(event), event.type)
  return counter.histogram()
}

/** Each stream as of `atMs` (its events with a time at or before it), in id order; those with none left out. */
export async function sourceAsOf(
  source: Source,
  atMs: number,
  typeOf: (streamId: string) => string | null,
  options: ScanOptions = {},
): Promise<AggregateAsOf[]> {
  const rows = new Map<
    string,
    { version: number; eventCount: number; untimed: number; lastMs: number; lastEventAt: string | null }
  >()
  for await (const event of everyEvent(source, options)) {
    let row = rows.get(event.streamId)
    if (!row) {
      row = { version: 0, eventCount: 0, untimed: 0, lastMs: Number.NEGATIVE_INFINITY, lastEventAt: null }
      rows.set(event.streamId, row)
    }
    row.eventCount++
    const ms = timeOf(event)
    if (Number.isNaN(ms)) row.untimed++
    else if (ms <= atMs) {
      row.version++
      if (ms >= row.lastMs) {
        row.lastMs = ms
        row.lastEventAt = event.occurredAt
      }
    }
  }
  return [...rows]
    .filter(([, row]) => row.version > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([aggregateId, row]) => ({
      aggregateId,
      type: typeOf(aggregateId),
      version: row.version,
      eventCount: row.eventCount,
      lastEventAt: row.lastEventAt,
      untimed: row.untimed,
    }))
}

/** Every event whose metadata (or payload) carries this correlation id, in time order. */
export async function sourceCorrelated(
  source: Source,
  correlationId: string,
  options: ScanOptions = {},
): Promise<CorrelatedEvent[]> {
  const found: { event: SourceEvent; whole: JsonObject; ms: number }[] = []
  for await (const event of everyEvent(source, options)) {
    const whole = wholeOf(event)
    if (correlationIdOf(whole) === correlationId) found.push({ event, whole, ms: timeOf(event) })
  }
  found.sort((a, b) =>
    compareTimeKeys(a.ms, a.event.streamId, a.event.version, b.ms, b.event.streamId, b.event.version),
  )
  return found.map(({ event, whole }) => ({
    aggregateId: event.streamId,
    version: event.version,
    type: event.type,
    id: event.id,
    occurredAt: event.occurredAt,
    causationId: causationIdOf(whole),
    payload: event.payload as Json,
  }))
}

/** The correlation id of one event, looked for where a directory's event keeps it. */
export function sourceCorrelationIdOf(event: SourceEvent): string | null {
  return correlationIdOf(wholeOf(event))
}

/** A built-in projection over every event, in the store's global order. */
export async function sourceProjection(
  source: Source,
  name: string,
  typeOf: (streamId: string) => string | null,
  options: ScanOptions = {},
): Promise<ProjectionOutcome> {
  const projection = builtinProjections.find((candidate) => candidate.name === name)
  if (!projection) throw new StoreError('not_found', `No built-in projection named ${name}`)
  const run = projection.run()
  let events = 0
  for await (const event of everyEvent(source, options)) {
    events++
    run.onEvent({ aggregateId: event.streamId, version: event.version, envelope: envelopeOf(event, typeOf) })
  }
  return { result: run.result(), events, failure: null, leftOut: noLinesLeftOut }
}

/** The event as a directory's line would hold it: the payload's fields, and its metadata beside them. */
function wholeOf(event: SourceEvent): JsonObject {
  return {
    ...(event.payload as JsonObject),
    ...(event.metadata === null ? {} : { metadata: event.metadata as JsonObject }),
  }
}

function envelopeOf(event: SourceEvent, typeOf: (streamId: string) => string | null): EventEnvelope {
  return {
    type: event.type,
    id: event.id,
    occurredAt: event.occurredAt,
    occurredAtMs: timeOf(event),
    aggregateId: event.streamId,
    aggregateType: typeOf(event.streamId),
    payload: event.payload as JsonObject,
    metadata: event.metadata as JsonObject | null,
  }
}
