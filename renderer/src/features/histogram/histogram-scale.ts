// The histogram's geometry: buckets to pixels and back, the drag selection, the y scale and the stacks.
//
// Pure numbers, no DOM: the chart draws what these return and the unit tests check them.

import type { HistogramDto } from '../../../../shared/contract'
import { formatInstant, type TimeMode } from '../../lib/time-format'

export type BucketUnit = HistogramDto['unit']

const unitMs: Record<BucketUnit, number> = { hour: 3_600_000, day: 86_400_000, week: 604_800_000 }

/** The plot area inside the chart, in pixels. */
export interface Plot {
  readonly left: number
  readonly width: number
  readonly top: number
  readonly height: number
}

/** The x of bucket `index`'s left edge, for `count` equal slots across the plot. */
export function bucketX(index: number, count: number, plot: Plot): number {
  return plot.left + (count === 0 ? 0 : (index * plot.width) / count)
}

/** The bucket under pixel `x`, clamped to the first and last bucket; -1 when there are none. */
export function bucketAt(x: number, count: number, plot: Plot): number {
  if (count === 0) return -1
  const index = Math.floor(((x - plot.left) / plot.width) * count)
  return Math.max(0, Math.min(count - 1, index))
}

/** The buckets a drag from `x0` to `x1` covers (either direction), first <= last. */
export function dragSelection(
  x0: number,
  x1: number,
  count: number,
  plot: Plot,
): { readonly first: number; readonly last: number } | null {
  if (count === 0) return null
  const a = bucketAt(x0, count, plot)
  const b = bucketAt(x1, count, plot)
  return { first: Math.min(a, b), last: Math.max(a, b) }
}

/** The time range of buckets first..last: from the first's start to the last millisecond of the last. */
export function rangeOfBuckets(
  buckets: HistogramDto['buckets'],
  unit: BucketUnit,
  first: number,
  last: number,
): { readonly since: string; readonly until: string } | null {
  const start = buckets[first]?.start
  const end = buckets[last]?.start
  if (start === undefined || end === undefined) return null
  return { since: start, until: new Date(Date.parse(end) + unitMs[unit] - 1).toISOString() }
}

/** The buckets a time range covers (for drawing a selection that came from elsewhere), or null. */
export function bucketsOfRange(
  buckets: HistogramDto['buckets'],
  unit: BucketUnit,
  range: { readonly since: string | null; readonly until: string | null },
): { readonly first: number; readonly last: number } | null {
  if (buckets.length === 0) return null
  const since = range.since === null ? Number.NEGATIVE_INFINITY : Date.parse(range.since)
  const until = range.until === null ? Number.POSITIVE_INFINITY : Date.parse(range.until)
  let first = -1
  let last = -1
  buckets.forEach((bucket, index) => {
    const start = Date.parse(bucket.start)
    if (start + unitMs[unit] - 1 >= since && start <= until) {
      if (first < 0) first = index
      last = index
    }
  })
  return first < 0 ? null : { first, last }
}

/** The x of an instant on the plot (for the "as of" marker), or null outside the buckets. */
export function timeX(
  at: string,
  buckets: HistogramDto['buckets'],
  unit: BucketUnit,
  plot: Plot,
): number | null {
  const first = buckets[0]
  if (!first) return null
  const offset = (Date.parse(at) - Date.parse(first.start)) / unitMs[unit]
  if (!Number.isFinite(offset) || offset < 0 || offset > buckets.length) return null
  return plot.left + (offset * plot.width) / buckets.length
}

/** A round top for the y axis (1, 2 or 5 times a power of ten) at or above `max`, and its ticks. */
export function niceScale(max: number, tickCount = 4): { readonly top: number; readonly ticks: number[] } {
  if (max <= 0) return { top: 1, ticks: [0, 1] }
  const rough = max / tickCount
  const power = 10 ** Math.floor(Math.log10(rough))
  const step = ([1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power) as number
  const stepInt = Math.max(1, Math.round(step))
  const top = Math.ceil(max / stepInt) * stepInt
  const ticks: number[] = []
  for (let tick = 0; tick <= top; tick += stepInt) ticks.push(tick)
  return { top, ticks }
}

/** How many types get their own colour; the rest stack as one "other" band. */
export const shownTypes = 7

/** One bucket's stack, bottom up: `band` is the type's index (or `shownTypes` for "other"). */
export function stackOf(
  counts: readonly number[],
  top: number,
  plot: Plot,
): { readonly band: number; readonly y: number; readonly height: number; readonly count: number }[] {
  const bands = counts.slice(0, shownTypes)
  const rest = counts.slice(shownTypes).reduce((sum, count) => sum + count, 0)
  if (rest > 0) bands.push(rest)
  const segments = []
  let base = plot.top + plot.height
  for (const [band, count] of bands.entries()) {
    if (count === 0) continue
    const height = (count / top) * plot.height
    base -= height
    segments.push({ band, y: base, height, count })
  }
  return segments
}

/** Which buckets get an x label: about one every `spacing` pixels, always the first. */
export function labelledBuckets(count: number, plot: Plot, spacing = 90): number[] {
  if (count === 0) return []
  const every = Math.max(1, Math.ceil((spacing * count) / Math.max(1, plot.width)))
  const indices: number[] = []
  for (let index = 0; index < count; index += every) indices.push(index)
  return indices
}

/**
 * A bucket's start as a short label: "03-14 10:00" for hours, "2026-03-14" for days and weeks. Buckets
 * are cut at UTC midnight by the host; in local time a day bucket's start is then shown with its hour
 * ("2026-03-13 19:00") where that is not local midnight, so the label never claims a day it does not cover.
 */
export function bucketLabel(start: string, unit: BucketUnit, mode: TimeMode = 'utc'): string {
  if (mode === 'utc')
    return unit === 'hour' ? `${start.slice(5, 10)} ${start.slice(11, 16)}` : start.slice(0, 10)
  const full = formatInstant(start, 'local', 'minutes')
  if (unit === 'hour') return full.slice(5)
  return full.endsWith(' 00:00') ? full.slice(0, 10) : full
}
