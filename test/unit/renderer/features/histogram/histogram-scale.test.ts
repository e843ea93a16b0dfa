import { describe, expect, it } from 'vitest'
import {
  bucketAt,
  bucketX,
  bucketsOfRange,
  dragSelection,
  labelledBuckets,
  niceScale,
  rangeOfBuckets,
  stackOf,
  timeX,
  type Plot,
} from '../../../../../renderer/src/features/histogram/histogram-scale'

const plot: Plot = { left: 40, width: 400, top: 10, height: 100 }
const days = ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04'].map((d) => ({
  start: `${d}T00:00:00.000Z`,
  total: 1,
  counts: [1],
}))

describe('histogram scale', () => {
  it('given 4 buckets over 400 px, when placed, then each takes 100 px from the plot’s left', () => {
    expect([0, 1, 4].map((i) => bucketX(i, 4, plot))).toEqual([40, 140, 440])
  })

  it('given a pixel, when mapped back, then it lands in the bucket under it, clamped to the ends', () => {
    expect(bucketAt(40, 4, plot)).toBe(0)
    expect(bucketAt(239, 4, plot)).toBe(1)
    expect(bucketAt(240, 4, plot)).toBe(2)
    expect(bucketAt(0, 4, plot)).toBe(0)
    expect(bucketAt(900, 4, plot)).toBe(3)
    expect(bucketAt(100, 0, plot)).toBe(-1)
  })

  it('given a drag right to left, when selected, then first <= last', () => {
    expect(dragSelection(350, 150, 4, plot)).toEqual({ first: 1, last: 3 })
    expect(dragSelection(150, 160, 4, plot)).toEqual({ first: 1, last: 1 })
    expect(dragSelection(1, 2, 0, plot)).toBeNull()
  })

  it('given buckets 1..2 of days, when turned into a range, then it ends on the last millisecond of day 3', () => {
    expect(rangeOfBuckets(days, 'day', 1, 2)).toEqual({
      since: '2026-03-02T00:00:00.000Z',
      until: '2026-03-03T23:59:59.999Z',
    })
  })

  it('given a range, when mapped to buckets, then the buckets it touches are selected (round trip)', () => {
    const range = rangeOfBuckets(days, 'day', 1, 2)!
    expect(bucketsOfRange(days, 'day', range)).toEqual({ first: 1, last: 2 })
    expect(bucketsOfRange(days, 'day', { since: '2026-03-03T12:00:00Z', until: null })).toEqual({
      first: 2,
      last: 3,
    })
    expect(bucketsOfRange(days, 'day', { since: '2027-01-01T00:00:00Z', until: null })).toBeNull()
  })

  it('given an instant mid-bucket, when placed, then its x is proportional inside the bucket', () => {
    expect(timeX('2026-03-02T12:00:00Z', days, 'day', plot)).toBe(190)
    expect(timeX('2025-01-01T00:00:00Z', days, 'day', plot)).toBeNull()
  })

  it('given a maximum, when scaled, then the top is a round number at or above it', () => {
    expect(niceScale(0)).toEqual({ top: 1, ticks: [0, 1] })
    expect(niceScale(196)).toEqual({ top: 200, ticks: [0, 50, 100, 150, 200] })
    expect(niceScale(7).top).toBeGreaterThanOrEqual(7)
  })

  it('given counts of nine types, when stacked, then the first seven keep their band and the rest fold into “other”', () => {
    const stack = stackOf([10, 0, 10, 0, 0, 0, 0, 5, 5], 40, plot)
    expect(stack.map((s) => s.band)).toEqual([0, 2, 7])
    expect(stack.map((s) => s.height)).toEqual([25, 25, 25])
    // Bottom up: the first band sits on the axis.
    expect(stack[0]!.y + stack[0]!.height).toBe(110)
    expect(stack[2]!.y).toBe(35)
  })

  it('given many buckets, when labelled, then labels are at least the spacing apart', () => {
    expect(labelledBuckets(100, plot, 90)).toEqual([0, 23, 46, 69, 92])
    expect(labelledBuckets(0, plot)).toEqual([])
  })
})
