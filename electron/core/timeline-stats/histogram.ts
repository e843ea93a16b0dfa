// Events over time by type: stacked counts per time bucket. The counting is pure; the store is read by
// `storeHistogram` below.

import { scanLines } from '../scan/scan-lines'
import { ProgressMeter, storeStreams, type ScanProgress } from '../scan/store-streams'
import { bucketStart, nextBucket, pickBucket, type BucketUnit } from './buckets'

export interface TimedType {
  /** Epoch milliseconds; NaN when the event has no time. */
  readonly ms: number
  readonly type: string | null
}

export interface Histogram {
  readonly unit: BucketUnit
  /** ISO times of the range covered (null for a store without timed events). */
  readonly from: string | null
  readonly to: string | null
  /** Types by total count, largest first; `counts` of each bucket follow this order. */
  readonly types: string[]
  readonly buckets: { readonly start: string; readonly total: number; readonly counts: number[] }[]
  /** Events without a usable time, not in any bucket. */
  readonly untimed: number
}

export interface HistogramRange {
  readonly fromMs?: number
  readonly toMs?: number
  readonly unit?: BucketUnit
}

/** Most buckets a histogram holds; a range that would need more gets a coarser unit. */
export const maxBuckets = 2000

/** Count events per bucket and type. O(events + buckets x types). Events with no type count as "(none)". */
export function histogramOf(events: Iterable<TimedType>, range: HistogramRange = {}): Histogram {
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  let untimed = 0
  const kept: TimedType[] = []
  for (const event of events) {
    if (Number.isNaN(event.ms)) {
      untimed++
      continue
    }
    if (
      (range.fromMs !== undefined && event.ms < range.fromMs) ||
      (range.toMs !== undefined && event.ms > range.toMs)
    )
      continue
    kept.push(event)
    if (event.ms < min) min = event.ms
    if (event.ms > max) max = event.ms
  }
  const from = range.fromMs ?? min
  const to = range.toMs ?? max
  if (!Number.isFinite(from) || !Number.isFinite(to))
    return { unit: range.unit ?? 'day', from: null, to: null, types: [], buckets: [], untimed }
  let unit = range.unit ?? pickBucket(from, to)
  while (unit !== 'week' && bucketCount(from, to, unit) > maxBuckets) unit = unit === 'hour' ? 'day' : 'week'
  const totals = new Map<string, number>()
  const cells = new Map<number, Map<string, number>>()
  for (const event of kept) {
    const type = event.type ?? '(none)'
    totals.set(type, (totals.get(type) ?? 0) + 1)
    const start = bucketStart(event.ms, unit)
    let cell = cells.get(start)
    if (!cell) cells.set(start, (cell = new Map()))
    cell.set(type, (cell.get(type) ?? 0) + 1)
  }
  const types = [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([type]) => type)
  const buckets: Histogram['buckets'] = []
  for (let start = bucketStart(from, unit); start <= to; start = nextBucket(start, unit)) {
    const cell = cells.get(start)
    const counts = types.map((type) => cell?.get(type) ?? 0)
    buckets.push({ start: new Date(start).toISOString(), total: counts.reduce((a, b) => a + b, 0), counts })
  }
  return { unit, from: new Date(from).toISOString(), to: new Date(to).toISOString(), types, buckets, untimed }
}

function bucketCount(from: number, to: number, unit: BucketUnit): number {
  return (bucketStart(to, unit) - bucketStart(from, unit)) / (nextBucket(0, unit) - 0) + 1
}

/** The histogram of every event of the store at `dir`. O(store bytes); every line is parsed. */
export async function storeHistogram(
  dir: string,
  range: HistogramRange = {},
  options: { readonly signal?: AbortSignal; readonly onProgress?: (progress: ScanProgress) => void } = {},
): Promise<Histogram> {
  const { streams, totalBytes } = await storeStreams(dir)
  const meter = new ProgressMeter(totalBytes, options.onProgress)
  const events: TimedType[] = []
  for (const stream of streams) {
    await scanLines(stream.file, stream.aggregateId, {
      onBytes: (bytes) => meter.add(bytes),
      ...(options.signal ? { signal: options.signal } : {}),
      onEvent: (event) => {
        events.push({ ms: event.envelope.occurredAtMs, type: event.envelope.type })
      },
    })
  }
  meter.finish()
  return histogramOf(events, range)
}
