// The scanner of number literals a double does not print back: its cheap test never misses one, and the
// exact list holds exactly those, never anything inside a string.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  isUnfaithful,
  mayHoldUnfaithfulNumber,
  unfaithfulNumberLiterals,
} from '../../../shared/number-literals'

/** Any JSON number literal: sign, digits, a fraction that may end in zeros, an exponent of any case. */
const literal = fc
  .record({
    minus: fc.boolean(),
    whole: fc.oneof(fc.constant('0'), fc.stringMatching(/^[1-9]\d{0,24}$/)),
    fraction: fc.option(fc.stringMatching(/^\d{1,20}$/), { nil: null }),
    exponent: fc.option(
      fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.integer({ min: 0, max: 500 })),
      {
        nil: null,
      },
    ),
  })
  .map(
    ({ minus, whole, fraction, exponent }) =>
      `${minus ? '-' : ''}${whole}${fraction === null ? '' : `.${fraction}`}${exponent === null ? '' : exponent.join('')}`,
  )

describe('number literals', () => {
  it('given the issue examples, when judged, then each is kept and a plain number is not', () => {
    for (const text of ['-0.0', '-0', '1.0', '1E5', '1e-400', '1e400', '0.10', '9007199254740993'])
      expect(isUnfaithful(text), text).toBe(true)
    for (const text of ['0', '1', '-1.5', '12.99', '9007199254740991', '1e+21'])
      expect(isUnfaithful(text), text).toBe(false)
  })

  it('given random literals in a line beside strings that look like numbers, when scanned, then exactly the unfaithful ones are found, in order', () => {
    fc.assert(
      fc.property(fc.array(literal, { maxLength: 6 }), (literals) => {
        const text = `{"s": "1.0 \\" -0.0", "a": [${literals.join(', ')}], "t": "1E5"}`
        const expected = literals.filter(isUnfaithful)
        if (expected.length > 0) expect(mayHoldUnfaithfulNumber(text)).toBe(true)
        expect(unfaithfulNumberLiterals(text).map((found) => found.literal)).toEqual(expected)
        for (const found of unfaithfulNumberLiterals(text))
          expect(text.slice(found.start, found.end)).toBe(found.literal)
      }),
      { numRuns: 500 },
    )
  })

  it('given a line of plain numbers and numbers in strings, when tested, then it holds none', () => {
    expect(mayHoldUnfaithfulNumber('{"a": 1, "b": 12.99, "c": "1.0", "d": "1e400", "e": [-3, 0.5]}')).toBe(
      false,
    )
  })
})
