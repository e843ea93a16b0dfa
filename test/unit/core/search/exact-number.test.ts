// Numbers compared by the exact value of what was written: --where's comparisons.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareNumberTexts } from '../../../../electron/core/search/exact-number'

/** An exact reference: both literals scaled to integers (BigInt) at a common power of ten. */
function reference(a: string, b: string): number {
  const parse = (text: string): { n: bigint; scale: number } => {
    const [mantissa, exp = '0'] = text.toLowerCase().split('e')
    const [whole, fraction = ''] = (mantissa as string).split('.')
    return { n: BigInt(`${whole}${fraction}`), scale: fraction.length - Number(exp) }
  }
  const x = parse(a)
  const y = parse(b)
  const scale = Math.max(x.scale, y.scale)
  const p = x.n * 10n ** BigInt(scale - x.scale)
  const q = y.n * 10n ** BigInt(scale - y.scale)
  return p === q ? 0 : p < q ? -1 : 1
}

const literal = fc
  .tuple(
    fc.boolean(),
    fc.stringMatching(/^(0|[1-9]\d{0,20})$/),
    fc.option(fc.stringMatching(/^\d{1,6}$/), { nil: null }),
    fc.option(fc.integer({ min: -30, max: 30 }), { nil: null }),
  )
  .map(
    ([minus, whole, fraction, exp]) =>
      `${minus ? '-' : ''}${whole}${fraction === null ? '' : `.${fraction}`}${exp === null ? '' : `e${exp}`}`,
  )

describe('compareNumberTexts', () => {
  it('given the cases of the issue, when compared, then integers compare by digit and decimals by value', () => {
    expect(compareNumberTexts('9007199254740993', '9007199254740992')).toBe(1)
    expect(compareNumberTexts('12345678901234567890', '12345678901234567891')).toBe(-1)
    expect(compareNumberTexts('1.0', '1')).toBe(0)
    expect(compareNumberTexts('0.10', '0.1')).toBe(0)
    expect(compareNumberTexts('-0.0', '0')).toBe(0)
    expect(compareNumberTexts('1E5', '100000')).toBe(0)
    expect(compareNumberTexts('1e400', '1.7976931348623157e308')).toBe(1)
    expect(compareNumberTexts('1e-400', '0')).toBe(1)
    expect(compareNumberTexts('-2', '-10')).toBe(1)
    expect(compareNumberTexts('-0.71', '-0.71')).toBe(0)
  })

  it('given random literals, when compared, then the order is the exact decimal order', () => {
    fc.assert(
      fc.property(literal, literal, (a, b) => {
        expect(compareNumberTexts(a, b)).toBe(reference(a, b))
      }),
      { numRuns: 1000 },
    )
  })
})
