// The store as of a time T: each aggregate's version then (its events with a time at or before T).
// The state as of T is then the state at that version.

import { inferAggregateType } from '../stream/envelope'
import { scanLines } from '../scan/scan-lines'
import { ProgressMeter, storeStreams, type ScanProgress } from '../scan/store-streams'

export interface AggregateAsOf {
  readonly aggregateId: string
  readonly type: string | null
  /** Events with a time at or before T: the version to replay to. */
  readonly version: number
  readonly eventCount: number
  /** The latest event time at or before T, as written. */
  readonly lastEventAt: string | null
  /** Events whose time is unknown (never counted as before T). */
  readonly untimed: number
}

/** Each aggregate of the store as of `atMs`, in aggregate-id order; those with no event by then are left out unless `includeEmpty`. */
export async function storeAsOf(
  dir: string,
  atMs: number,
  options: {
    readonly includeEmpty?: boolean
    readonly signal?: AbortSignal
    readonly onProgress?: (progress: ScanProgress) => void
  } = {},
): Promise<AggregateAsOf[]> {
  const { streams, totalBytes } = await storeStreams(dir)
  const meter = new ProgressMeter(totalBytes, options.onProgress)
  const rows: AggregateAsOf[] = []
  for (const stream of streams) {
    let type: string | null = null
    let version = 0
    let untimed = 0
    let lastMs = Number.NEGATIVE_INFINITY
    let lastEventAt: string | null = null
    const scan = await scanLines(stream.file, stream.aggregateId, {
      onBytes: (bytes) => meter.add(bytes),
      ...(options.signal ? { signal: options.signal } : {}),
      onEvent: (event) => {
        const { envelope } = event
        if (event.version === 1) type = inferAggregateType(envelope)
        if (Number.isNaN(envelope.occurredAtMs)) untimed++
        else if (envelope.occurredAtMs <= atMs) {
          version++
          if (envelope.occurredAtMs >= lastMs) {
            lastMs = envelope.occurredAtMs
            lastEventAt = envelope.occurredAt
          }
        }
      },
    })
    if (version > 0 || options.includeEmpty)
      rows.push({
        aggregateId: stream.aggregateId,
        type,
        version,
        eventCount: scan.events,
        lastEventAt,
        untimed,
      })
  }
  meter.finish()
  return rows
}
