import { describe, expect, it } from 'vitest'
import { scrollToShow } from '../../../../renderer/src/lib/scroll-to-show'

describe('scrollToShow', () => {
  it.each([
    ['a row in view', 240, 200, null],
    ['a row above the view', 120, 200, 120],
    ['a row below the view', 600, 200, 600 + 24 - 300],
    ['a row cut by the bottom edge', 490, 200, 490 + 24 - 300],
    ['the first row with the view at the top', 0, 0, null],
  ])(
    'given %s, when shown, then the scroll offset is the nearest that shows it',
    (_what, rowTop, viewTop, expected) => {
      expect(scrollToShow(rowTop, 24, viewTop, 300)).toBe(expected)
    },
  )
})
