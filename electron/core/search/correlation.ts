// Every event of the store that shares a correlation id, across aggregates, in time order.

import type { Json } from '../../../shared/contract'
import { isJsonObject, type JsonObject } from '../json/json-value'
import type { Problem } from '../../../shared/contract'
import { findInStream } from '../scan/find-in-stream'
import type { LinesLeftOut } from '../scan/lines-left-out'
import type { ScannedEvent } from '../scan/scan-lines'
import { ProgressMeter, storeStreams, type ScanProgress } from '../scan/store-streams'
import { literalNeedle } from './prefilter'
import { appendAll } from '../../../shared/array-ops'

const correlationFields = ['correlation_id', 'correlationId'] as const
const causationFields = ['causation_id', 'causationId'] as const

/** The correlation id of a raw event: in the envelope, else in its metadata (`metadata` or `meta`). */
export function correlationIdOf(event: JsonObject): string | null {
  return idIn(event, correlationFields)
}

/** The causation id of a raw event, found the same way. */
export function causationIdOf(event: JsonObject): string | null {
  return idIn(event, causationFields)
}

function idIn(event: JsonObject, fields: readonly string[]): string | null {
  for (const holder of [event, event.metadata, event.meta]) {
    if (!isJsonObject(holder)) continue
    for (const field of fields) {
      const value = Object.hasOwn(holder, field) ? holder[field] : undefined
      if (typeof value === 'string' && value !== '') return value
      if (typeof value === 'number') return String(value)
    }
  }
  return null
}

export interface CorrelatedEvent {
  readonly aggregateId: string
  readonly version: number
  readonly type: string | null
  readonly id: string | null
  readonly occurredAt: string | null
  readonly causationId: string | null
  readonly payload: Json
}

/**
 * Every event with this correlation id, ordered by time (events without one last), then aggregate id,
 * then version. O(store bytes) of byte search; only lines holding the id are parsed.
 */
export async function listCorrelated(
  dir: string,
  correlationId: string,
  options: {
    readonly signal?: AbortSignal
    readonly onProgress?: (progress: ScanProgress) => void
    readonly knownCount?: (aggregateId: string) => number | null
    /** Counts the lines that hold the id's bytes but no event: they could not be followed. */
    readonly leftOut?: LinesLeftOut
  } = {},
): Promise<CorrelatedEvent[]> {
  const { streams, totalBytes } = await storeStreams(dir)
  const meter = new ProgressMeter(totalBytes, options.onProgress)
  // A numeric id may be written as a number, without the quotes the needle has.
  const needle = /^-?\d+(\.\d+)?$/.test(correlationId) ? null : literalNeedle(correlationId)
  const found: ScannedEvent[] = []
  const { leftOut } = options
  for (const stream of streams) {
    const events = await findInStream(stream, {
      needles: needle ? [[needle]] : [],
      test: (event) => correlationIdOf(event.value) === correlationId,
      room: Number.POSITIVE_INFINITY,
      knownCount: options.knownCount?.(stream.aggregateId) ?? null,
      onBytes: (bytes) => meter.add(bytes),
      ...(leftOut ? { onNoEvent: (problem: Problem) => leftOut.add(stream.aggregateId, problem) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    })
    appendAll(found, events)
  }
  meter.finish()
  return found.sort(byTime).map((event) => ({
    aggregateId: event.aggregateId,
    version: event.version,
    type: event.envelope.type,
    id: event.envelope.id,
    occurredAt: event.envelope.occurredAt,
    causationId: causationIdOf(event.value),
    payload: event.envelope.payload,
  }))
}

/** Global time order: by time, events without a time last, then aggregate id, then version. */
export function byTime(
  a: {
    readonly aggregateId: string
    readonly version: number
    readonly envelope: { readonly occurredAtMs: number }
  },
  b: {
    readonly aggregateId: string
    readonly version: number
    readonly envelope: { readonly occurredAtMs: number }
  },
): number {
  return compareTimeKeys(
    a.envelope.occurredAtMs,
    a.aggregateId,
    a.version,
    b.envelope.occurredAtMs,
    b.aggregateId,
    b.version,
  )
}

/** The same order over plain keys (NaN: no time). */
export function compareTimeKeys(
  timeA: number,
  idA: string,
  versionA: number,
  timeB: number,
  idB: string,
  versionB: number,
): number {
  const noneA = Number.isNaN(timeA)
  const noneB = Number.isNaN(timeB)
  if (noneA !== noneB) return noneA ? 1 : -1
  if (!noneA && timeA !== timeB) return timeA - timeB
  if (idA !== idB) return idA < idB ? -1 : 1
  return versionA - versionB
}
