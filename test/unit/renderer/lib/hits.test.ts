import { describe, expect, it } from 'vitest'
import { hitMarks, isHit, mergeHits, nextHit, playStep, previousHit } from '../../../../renderer/src/lib/hits'

describe('breakpoint hits', () => {
  it('given the hits of several breakpoints, when merged, then they are one ascending list without repeats', () => {
    expect(mergeHits([[2, 5, 9], [], [1, 5, 10]])).toEqual([1, 2, 5, 9, 10])
    expect(mergeHits([])).toEqual([])
    expect(mergeHits([[3]])).toEqual([3])
  })

  it('given hits, when stepping from a version, then next and previous skip the version itself and stop at the ends', () => {
    const hits = [3, 7, 12]
    expect(nextHit(hits, 0)).toBe(3)
    expect(nextHit(hits, 3)).toBe(7)
    expect(nextHit(hits, 12)).toBeNull()
    expect(previousHit(hits, 12)).toBe(7)
    expect(previousHit(hits, 8)).toBe(7)
    expect(previousHit(hits, 3)).toBeNull()
    expect(nextHit([], 0)).toBeNull()
    expect(isHit(hits, 7)).toBe(true)
    expect(isHit(hits, 8)).toBe(false)
    expect(isHit([], 0)).toBe(false)
  })

  it('given Play on a hit, when it steps, then it leaves that hit and stops at the next one or at the end', () => {
    const hits = [3, 5]
    expect(playStep(hits, 3, 10)).toEqual({ version: 4, stop: false })
    expect(playStep(hits, 4, 10)).toEqual({ version: 5, stop: true })
    expect(playStep(hits, 8, 10)).toEqual({ version: 9, stop: false })
    expect(playStep(hits, 9, 10)).toEqual({ version: 10, stop: true })
    expect(playStep([], 10, 10)).toEqual({ version: 10, stop: true })
  })

  it('given a million hits on a 300-pixel track, when marked, then there is at most one mark per pixel and every hit is counted', () => {
    const hits = Array.from({ length: 1_000_000 }, (_, i) => i + 1)
    const marks = hitMarks(hits, 1_000_000, 300)
    expect(marks.length).toBe(300)
    expect(marks.reduce((sum, mark) => sum + mark.count, 0)).toBe(1_000_000)
    expect(marks[0]).toMatchObject({ version: 1, at: 0.000001 })
  })

  it('given hits at the ends of the track, when marked, then they sit at 0 and 1 of it', () => {
    expect(hitMarks([0, 10], 10, 100)).toEqual([
      { at: 0, version: 0, count: 1 },
      { at: 1, version: 10, count: 1 },
    ])
    expect(hitMarks([1], 0, 100)).toEqual([])
  })
})
