import { describe, expect, it } from 'vitest'
import { pagesCovering, rowAt } from '../../../../renderer/src/lib/pages'

describe('pagesCovering', () => {
  it('given a visible range inside one page, when covered, then one page is asked for', () => {
    expect(pagesCovering(10, 40, 1000, 200)).toEqual([0])
  })

  it('given a range across a page boundary, when covered, then both pages are asked for', () => {
    expect(pagesCovering(190, 230, 1000, 200)).toEqual([0, 1])
  })

  it('given a range past the end, when covered, then pages stop at the last row', () => {
    expect(pagesCovering(350, 900, 401, 200)).toEqual([1, 2])
    expect(pagesCovering(0, 10, 0, 200)).toEqual([])
  })
})

describe('rowAt', () => {
  it('given loaded and missing pages, when reading rows, then loaded rows come back and missing ones are undefined', () => {
    const pages = { 1: { rows: ['a', 'b'] } }
    expect(rowAt(pages, 3, 2)).toBe('b')
    expect(rowAt(pages, 0, 2)).toBeUndefined()
  })
})
