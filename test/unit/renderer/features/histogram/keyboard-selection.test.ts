import { describe, expect, it } from 'vitest'
import { cursorAfterKey, cursorSpan } from '../../../../../renderer/src/features/histogram/keyboard-selection'

describe('histogram keyboard selection', () => {
  it('given no cursor, when an arrow key is pressed, then the cursor appears on the last bucket', () => {
    expect(cursorAfterKey('ArrowLeft', false, null, 10)).toEqual({ at: 9, anchor: 9 })
  })

  it('given a cursor, when arrows move it without Shift, then both ends move and stay within the buckets', () => {
    expect(cursorAfterKey('ArrowLeft', false, { at: 5, anchor: 5 }, 10)).toEqual({ at: 4, anchor: 4 })
    expect(cursorAfterKey('ArrowRight', false, { at: 9, anchor: 9 }, 10)).toEqual({ at: 9, anchor: 9 })
    expect(cursorAfterKey('Home', false, { at: 5, anchor: 5 }, 10)).toEqual({ at: 0, anchor: 0 })
  })

  it('given a cursor, when Shift is held, then the anchor stays and the span covers both ends in order', () => {
    const extended = cursorAfterKey('ArrowLeft', true, { at: 5, anchor: 5 }, 10)
    const further = cursorAfterKey('ArrowLeft', true, extended, 10)
    expect(further).toEqual({ at: 3, anchor: 5 })
    expect(cursorSpan(further!)).toEqual({ first: 3, last: 5 })
    expect(cursorSpan(cursorAfterKey('End', true, { at: 3, anchor: 5 }, 10)!)).toEqual({ first: 5, last: 9 })
  })

  it('given other keys or no buckets, when pressed, then the chart leaves them to the page', () => {
    expect(cursorAfterKey('a', false, { at: 1, anchor: 1 }, 10)).toBeNull()
    expect(cursorAfterKey('ArrowLeft', false, null, 0)).toBeNull()
  })
})
