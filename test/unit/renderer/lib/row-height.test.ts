import { describe, expect, it } from 'vitest'
import { timelineRowHeight } from '../../../../renderer/src/lib/row-height'

describe('timelineRowHeight', () => {
  it('given an ordinary stream, when sizing rows, then they get two lines', () => {
    expect(timelineRowHeight(10_000)).toEqual({ height: 42, compact: false })
  })

  it('given a million-row stream, when sizing rows, then one-line rows keep it under the pixel budget', () => {
    const { height, compact } = timelineRowHeight(1_000_000)
    expect(compact).toBe(true)
    expect(1_000_000 * height).toBeLessThan(33_000_000)
  })
})
