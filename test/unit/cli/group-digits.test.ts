import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { groupDigits, plural } from '../../../electron/cli/format/table'

describe('groupDigits', () => {
  it('given any safe integer, when grouped by hand, then it reads as toLocaleString("en-US") writes it', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(groupDigits(n)).toBe(n.toLocaleString('en-US'))
      }),
      { numRuns: 2000 },
    )
    for (const n of [0, 7, 999, 1000, 1_000_000, -1_000, 2 ** 53 - 1])
      expect(groupDigits(n)).toBe(n.toLocaleString('en-US'))
  })

  it('given a count, when pluralized, then its digits are grouped', () => {
    expect(plural(1_000_000, 'event')).toBe('1,000,000 events')
    expect(plural(1, 'event')).toBe('1 event')
  })
})
