// The byte needles derived from `--where`: a line the needles rule out can never match (a needle only
// skips), checked by writing the same value every way JSON allows and asking the needles about it.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { matches } from '../../../../electron/core/search/evaluate'
import { parseExpression } from '../../../../electron/core/search/expression'
import { significantDigits } from '../../../../electron/core/search/number-needles'
import { expressionNeedles } from '../../../../electron/core/search/prefilter'
import { NeedleFinder, type Needle } from '../../../../electron/core/scan/needle-finder'

/** Whether `line` passes the needle groups (each group: one of its needles in the line). */
function passes(groups: Needle[][], line: string): boolean {
  const bytes = Buffer.from(line)
  return groups.every((group) =>
    group.some((needle) => new NeedleFinder(needle).within(bytes, 0, bytes.length)),
  )
}

const needlesOf = (where: string): Needle[][] => expressionNeedles(parseExpression(where))

/** A literal of the value whose significant digits are `digits` and whose point sits after `magnitude` of them. */
function writeAs(
  digits: string,
  magnitude: number,
  cut: number,
  zeros: number,
  style: 'e' | 'E' | 'plain',
): string {
  if (style === 'plain') {
    if (magnitude <= 0) return `0.${'0'.repeat(-magnitude)}${digits}${'0'.repeat(zeros)}`
    if (magnitude >= digits.length)
      return `${digits}${'0'.repeat(magnitude - digits.length)}${zeros > 0 ? `.${'0'.repeat(zeros)}` : ''}`
    return `${digits.slice(0, magnitude)}.${digits.slice(magnitude)}${'0'.repeat(zeros)}`
  }
  // digits cut after `cut` of them, exponent making up the rest.
  const whole = digits.slice(0, cut) || '0'
  const fraction = digits.slice(cut) + '0'.repeat(zeros)
  return `${whole}${fraction ? `.${fraction}` : ''}${style}${magnitude - cut}`
}

describe('needles from --where literals', () => {
  it('given a number written every way JSON allows, when the needles of "== that number" are asked, then the line always passes', () => {
    const value = fc.record({
      digits: fc
        .array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 22 })
        .map((ds) => ds.join('').replace(/^0+/, '').replace(/0+$/, ''))
        .filter((ds) => ds.length > 0),
      magnitude: fc.integer({ min: -8, max: 25 }),
      negative: fc.boolean(),
    })
    const form = fc.record({
      cut: fc.nat({ max: 22 }),
      zeros: fc.nat({ max: 3 }),
      style: fc.constantFrom('e' as const, 'E' as const, 'plain' as const),
    })
    fc.assert(
      fc.property(value, form, form, ({ digits, magnitude, negative }, asked, written) => {
        const sign = negative ? '-' : ''
        const query =
          sign + writeAs(digits, magnitude, Math.min(asked.cut, digits.length), asked.zeros, asked.style)
        const line = `{"event_type": "T", "n": ${sign}${writeAs(digits, magnitude, Math.min(written.cut, digits.length), written.zeros, written.style)}}`
        const expression = parseExpression(`payload.n == ${query}`)
        const payload = JSON.parse(line) as { n: number }
        const fields = { metadata: {}, type: 'T', id: null, occurredAt: null, version: 1, aggregateId: 'a' }
        // The two literals are the same value (the evaluator says so) and the needles let the line through.
        if (Number.isFinite(payload.n) && Math.abs(payload.n) < 2 ** 53 && digits.length < 16)
          expect(matches(expression, { ...fields, payload: { n: payload.n } })).toBe(true)
        expect(passes(expressionNeedles(expression), line)).toBe(true)
      }),
      { numRuns: 2000 },
    )
  })

  it('given a selective number, when its needles are asked, then lines without its digits are skipped', () => {
    const groups = needlesOf('payload.balance == 35614311.9')
    expect(groups).toHaveLength(1)
    expect(passes(groups, '{"balance": 35614311.9}')).toBe(true)
    expect(passes(groups, '{"balance": 3.56143119e7}')).toBe(true)
    expect(passes(groups, '{"balance": 202.47, "amount": 12.5}')).toBe(false)
  })

  it.each([
    ['payload.n == 12', 'too few digits to be worth a needle'],
    ['payload.n == 0', 'zero'],
    ['payload.n > 123456', 'an order, not equality'],
    ['payload.n != 123456', 'inequality'],
    ['not (payload.n == 123456)', 'a negation'],
    ['version == 123456', 'a version, counted rather than written'],
  ])('given %s, when needles are derived, then there are none (%s)', (where) => {
    expect(needlesOf(where)).toEqual([])
  })

  it('given a chain of or over many ids, when needles are derived, then a line holding any one passes and one holding none is skipped', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `order-${i}-x`)
    const groups = needlesOf(ids.map((id) => `payload.order == "${id}"`).join(' or '))
    expect(groups).toHaveLength(1)
    expect(passes(groups, '{"order": "order-999-x"}')).toBe(true)
    expect(passes(groups, '{"order": "order-0-x"}')).toBe(true)
    expect(passes(groups, '{"order": "order-1000-x"}')).toBe(false)
    // One operand without needles lets every line through: the chain cannot rule any out.
    expect(needlesOf(`${ids.map((id) => `payload.order == "${id}"`).join(' or ')} or payload.n > 1`)).toEqual(
      [],
    )
  })

  it("given a chain of and, when needles are derived, then a line must pass every operand's group", () => {
    const groups = needlesOf('payload.a == "alpha-1" and payload.b == "beta-2" and payload.c == "gamma-3"')
    expect(groups).toHaveLength(3)
    expect(passes(groups, '{"a": "alpha-1", "b": "beta-2", "c": "gamma-3"}')).toBe(true)
    expect(passes(groups, '{"a": "alpha-1", "b": "beta-2", "c": "gamma-4"}')).toBe(false)
  })

  it('given true, false and null, when compared with ==, then the line must hold the word', () => {
    expect(passes(needlesOf('payload.frozen == true'), '{"frozen": false}')).toBe(false)
    expect(passes(needlesOf('payload.frozen == false'), '{"frozen": false}')).toBe(true)
    expect(passes(needlesOf('payload.reason == null'), '{"reason": "x"}')).toBe(false)
  })

  it('given startsWith, when needles are derived, then the line must hold the opening quote and the text', () => {
    const groups = needlesOf('startsWith(payload.sku, "A-1")')
    expect(passes(groups, '{"sku": "A-17"}')).toBe(true)
    expect(passes(groups, '{"sku": "BA-17"}')).toBe(false)
    expect(needlesOf('startsWith(payload.sku, "é")')).toEqual([])
  })

  it('given number literals, when their significant digits are asked, then sign, point, exponent and outer zeros go', () => {
    expect(significantDigits('-0012.3400e5')).toBe('1234')
    expect(significantDigits('0.000120')).toBe('12')
    expect(significantDigits('0')).toBe('')
    expect(significantDigits('x')).toBeNull()
  })
})
