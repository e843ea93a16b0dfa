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
  const counter = new HistogramCounter(range)
  for (const event of events) counter.add(event.ms, event.type)
  return counter.histogram()
}

const hourMs = 3_600_000

/**
 * Counts events as they are read, without keeping them: per hour and type (the finest unit; days and
 * weeks are whole hours in UTC), so memory is O(hours x types) whatever the number of events, and the
 * unit is chosen at the end from the exact first and last times.
 */
export class HistogramCounter {
  private min = Number.POSITIVE_INFINITY
  private max = Number.NEGATIVE_INFINITY
  private untimed = 0
  /** Hour start -> type -> count. */
  private readonly hours = new Map<number, Map<string, number>>()

  constructor(private readonly range: HistogramRange = {}) {}

  add(ms: number, type: string | null): void {
    if (Number.isNaN(ms)) {
      this.untimed++
      return
    }
    if (
      (this.range.fromMs !== undefined && ms < this.range.fromMs) ||
      (this.range.toMs !== undefined && ms > this.range.toMs)
    )
      return
    if (ms < this.min) this.min = ms
    if (ms > this.max) this.max = ms
    const start = Math.floor(ms / hourMs) * hourMs
    let cell = this.hours.get(start)
    if (!cell) this.hours.set(start, (cell = new Map()))
    const key = type ?? '(none)'
    cell.set(key, (cell.get(key) ?? 0) + 1)
  }

  histogram(): Histogram {
    const { range, untimed } = this
    const from = range.fromMs ?? this.min
    const to = range.toMs ?? this.max
    if (!Number.isFinite(from) || !Number.isFinite(to))
      return { unit: range.unit ?? 'day', from: null, to: null, types: [], buckets: [], untimed }
    let unit = range.unit ?? pickBucket(from, to)
    while (unit !== 'week' && bucketCount(from, to, unit) > maxBuckets)
      unit = unit === 'hour' ? 'day' : 'week'
    const totals = new Map<string, number>()
    const cells = new Map<number, Map<string, number>>()
    for (const [hour, counts] of this.hours) {
      const start = bucketStart(hour, unit)
      let cell = cells.get(start)
      if (!cell) cells.set(start, (cell = new Map()))
      for (const [type, count] of counts) {
        totals.set(type, (totals.get(type) ?? 0) + count)
        cell.set(type, (cell.get(type) ?? 0) + count)
      }
    }
    const types = [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([type]) => type)
    const buckets: Histogram['buckets'] = []
    for (let start = bucketStart(from, unit); start <= to; start = nextBucket(start, unit)) {
      const cell = cells.get(start)
      const counts = types.map((type) => cell?.get(type) ?? 0)
      buckets.push({ start: new Date(start).toISOString(), total: counts.reduce((a, b) => a + b, 0), counts })
    }
    return {
      unit,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      types,
      buckets,
      untimed,
    }
  }
}

function bucketCount(from: number, to: number, unit: BucketUnit): number {
  return (bucketStart(to, unit) - bucketStart(from, unit)) / (nextBucket(0, unit) - 0) + 1
}

/** The histogram of every event of the store at `dir`. O(store bytes); every line is parsed, none kept. */
export async function storeHistogram(
  dir: string,
  range: HistogramRange = {},
  options: { readonly signal?: AbortSignal; readonly onProgress?: (progress: ScanProgress) => void } = {},
): Promise<Histogram> {
  const { streams, totalBytes } = await storeStreams(dir)
  const meter = new ProgressMeter(totalBytes, options.onProgress)
  const counter = new HistogramCounter(range)
  for (const stream of streams) {
    await scanLines(stream.file, stream.aggregateId, {
      onBytes: (bytes) => meter.add(bytes),
      ...(options.signal ? { signal: options.signal } : {}),
      onEvent: (event) => {
        counter.add(event.envelope.occurredAtMs, event.envelope.type)
      },
    })
  }
  meter.finish()
  return counter.histogram()
}
