// Byte needles for `== number`: what every JSON literal of a given value must hold, however it was
// written (`999999`, `999999.0`, `9.99999e5`, `0.999999E6`), so `--where 'payload.count == 999999'`
// parses only the lines that hold those digits.
//
// A literal's digits (before and after its point, exponent aside) are its value's significant digits D
// with zeros around them, and the point is the one thing that can fall between two of D's digits. So a
// literal holds D whole, or D cut in two at its point. With h = ceil(|D| / 2), a cut after h or more
// digits leaves D[0, h) whole, and a cut before leaves D[h - 1, |D|) whole: one of those two needles
// is in every literal of the value. D of up to 5 digits is cut at each place instead (at most 5 needles,
// each longer than a half); D under 3 digits gives no needle, as nearly every line would hold it. Pure.

import type { ExactJson } from '../json/json-value'
import { exactNeedle, type Needle } from '../scan/needle-finder'
import { numberTextOf } from './exact-number'

/** The significant digits of a number literal's value, without sign, point or exponent ('' for zero). */
export function significantDigits(text: string): string | null {
  const match = /^-?(\d+)(?:\.(\d+))?(?:[eE][+-]?\d+)?$/.exec(text)
  if (!match) return null
  return `${match[1]}${match[2] ?? ''}`.replace(/^0+/, '').replace(/0+$/, '')
}

/** One needle group every literal equal to `value` holds one of; null for no useful needle. */
export function numberNeedles(value: ExactJson): Needle[] | null {
  const text = numberTextOf(value)
  const digits = text === null ? null : significantDigits(text)
  if (digits === null || digits.length < 3) return null
  if (digits.length <= 5) {
    const cuts = [digits]
    for (let at = 1; at < digits.length; at++) cuts.push(`${digits.slice(0, at)}.${digits.slice(at)}`)
    return cuts.map(exactNeedle)
  }
  const half = Math.ceil(digits.length / 2)
  return [exactNeedle(digits.slice(0, half)), exactNeedle(digits.slice(half - 1))]
}
