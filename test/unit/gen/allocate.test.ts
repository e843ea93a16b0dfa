import { describe, expect, it } from 'vitest'
import { allocateStreamLengths } from '../../../electron/core/gen/allocate'
import { createRandom } from '../../../electron/core/gen/prng'

describe('allocateStreamLengths', () => {
  it('given 100 aggregates and 10,000 events, when allocated, then the lengths sum exactly and none is empty', () => {
    const lengths = allocateStreamLengths(100, 10_000, createRandom(1))
    expect(lengths).toHaveLength(100)
    expect(lengths.reduce((sum, n) => sum + n, 0)).toBe(10_000)
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(1)
  })

  it('given many aggregates, when allocated, then a few streams are long and most are short', () => {
    const lengths = allocateStreamLengths(1000, 100_000, createRandom(1)).sort((a, b) => b - a)
    const median = lengths[500] ?? 0
    expect(lengths[0]).toBeGreaterThan(50 * median)
  })

  it('given fewer events than aggregates, when allocated, then it refuses', () => {
    expect(() => allocateStreamLengths(5, 4, createRandom(1))).toThrow(RangeError)
  })

  it('given no aggregates, when allocated, then there are no streams', () => {
    expect(allocateStreamLengths(0, 0, createRandom(1))).toEqual([])
  })
})
