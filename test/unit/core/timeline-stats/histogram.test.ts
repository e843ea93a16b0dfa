import { describe, expect, it } from 'vitest'
import { bucketStart, pickBucket } from '../../../../electron/core/timeline-stats/buckets'
import { histogramOf } from '../../../../electron/core/timeline-stats/histogram'

const at = (iso: string): number => Date.parse(iso)

describe('histogram', () => {
  it('given a range, when a unit is picked, then hours up to two days, days up to 90, then weeks', () => {
    expect(pickBucket(at('2026-03-01T00:00:00Z'), at('2026-03-02T12:00:00Z'))).toBe('hour')
    expect(pickBucket(at('2026-03-01T00:00:00Z'), at('2026-04-01T00:00:00Z'))).toBe('day')
    expect(pickBucket(at('2026-01-01T00:00:00Z'), at('2026-12-01T00:00:00Z'))).toBe('week')
  })

  it('given a Wednesday, when bucketed by week, then the bucket starts on the Monday before, in UTC', () => {
    expect(new Date(bucketStart(at('2026-03-04T15:00:00Z'), 'week')).toISOString()).toBe(
      '2026-03-02T00:00:00.000Z',
    )
  })

  it('given events of two types, when counted by hour, then each bucket stacks counts per type', () => {
    const histogram = histogramOf([
      { ms: at('2026-03-01T09:10:00Z'), type: 'A' },
      { ms: at('2026-03-01T09:50:00Z'), type: 'B' },
      { ms: at('2026-03-01T09:59:59Z'), type: 'A' },
      { ms: at('2026-03-01T11:00:00Z'), type: 'A' },
      { ms: Number.NaN, type: 'A' },
    ])

    expect(histogram.unit).toBe('hour')
    expect(histogram.types).toEqual(['A', 'B'])
    expect(histogram.untimed).toBe(1)
    expect(histogram.buckets).toEqual([
      { start: '2026-03-01T09:00:00.000Z', total: 3, counts: [2, 1] },
      { start: '2026-03-01T10:00:00.000Z', total: 0, counts: [0, 0] },
      { start: '2026-03-01T11:00:00.000Z', total: 1, counts: [1, 0] },
    ])
  })

  it('given a time range, when counted, then events outside it are left out', () => {
    const histogram = histogramOf(
      [
        { ms: at('2026-03-01T00:00:00Z'), type: 'A' },
        { ms: at('2026-03-05T00:00:00Z'), type: 'A' },
      ],
      { fromMs: at('2026-03-04T00:00:00Z'), toMs: at('2026-03-06T00:00:00Z'), unit: 'day' },
    )

    expect(histogram.buckets.map((bucket) => bucket.total)).toEqual([0, 1, 0])
  })
})
