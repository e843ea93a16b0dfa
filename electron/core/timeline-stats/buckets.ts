// Time buckets for histograms: an hour, a day or a week (weeks start on Monday), all in UTC.

export type BucketUnit = 'hour' | 'day' | 'week'

const hourMs = 3_600_000
const dayMs = 24 * hourMs
const weekMs = 7 * dayMs

/** The unit that gives a readable number of buckets for a range: hours up to 2 days, days up to 90. */
export function pickBucket(fromMs: number, toMs: number): BucketUnit {
  const span = Math.max(0, toMs - fromMs)
  if (span <= 2 * dayMs) return 'hour'
  if (span <= 90 * dayMs) return 'day'
  return 'week'
}

/** The start of the bucket holding `ms`. */
export function bucketStart(ms: number, unit: BucketUnit): number {
  switch (unit) {
    case 'hour':
      return Math.floor(ms / hourMs) * hourMs
    case 'day':
      return Math.floor(ms / dayMs) * dayMs
    case 'week': {
      // 1970-01-01 was a Thursday: shift so weeks start on Monday.
      const monday = 4 * dayMs
      return Math.floor((ms - monday) / weekMs) * weekMs + monday
    }
  }
}

/** The start of the bucket after the one starting at `start`. */
export function nextBucket(start: number, unit: BucketUnit): number {
  return start + (unit === 'hour' ? hourMs : unit === 'day' ? dayMs : weekMs)
}
