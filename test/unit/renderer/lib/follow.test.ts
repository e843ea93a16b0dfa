import { describe, expect, it } from 'vitest'
import { versionAfterChange } from '../../../../renderer/src/lib/follow'

describe('versionAfterChange', () => {
  it('given following is off, when the stream grows, then the slider stays where the user put it', () => {
    expect(versionAfterChange({ follow: false, at: 4, eventCount: 7, appended: null })).toBe(4)
  })

  it('given following is off and the user sat on the last event, when the stream grows, then it still stays', () => {
    expect(versionAfterChange({ follow: false, at: 5, eventCount: 6, appended: null })).toBe(5)
  })

  it('given following is on, when the stream grows, then the slider moves to the newest event', () => {
    expect(versionAfterChange({ follow: true, at: 4, eventCount: 7, appended: null })).toBe(7)
  })

  it('given the file shrank below the position, when reopened, then the position is clamped', () => {
    expect(versionAfterChange({ follow: false, at: 9, eventCount: 3, appended: null })).toBe(3)
  })

  it('given the user just appended a version the stream holds, when reopened, then that version is shown', () => {
    expect(versionAfterChange({ follow: false, at: 4, eventCount: 8, appended: 6 })).toBe(6)
    expect(versionAfterChange({ follow: true, at: 4, eventCount: 8, appended: 6 })).toBe(6)
  })

  it('given an appended version the reopened stream does not hold yet, when reopened, then the usual rule applies', () => {
    expect(versionAfterChange({ follow: false, at: 4, eventCount: 5, appended: 6 })).toBe(4)
  })
})
