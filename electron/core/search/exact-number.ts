// Numbers compared exactly, by the decimal value of what was written: integers beyond 2^53 by every
// digit, decimals by value (`1.0 == 1`, `0.10 == 0.1`), `1e400` above every double. `--where` uses it,
// so `payload.amount > 9007199254740992` matches 9007199254740993. Pure.

import { isNumberLiteral, type ExactJson } from '../json/json-value'

/** The text of a number-like value (a double, an exact bigint, a kept literal), or null for others. */
export function numberTextOf(value: ExactJson | undefined): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null
  if (typeof value === 'bigint') return value.toString()
  if (isNumberLiteral(value)) return value.valueOf()
  return null
}

interface Decimal {
  readonly sign: -1 | 0 | 1
  /** Significant digits, no leading or trailing zeros ('' for zero). */
  readonly digits: string
  /** Position of the decimal point after the first digit: the value is 0.digits × 10^magnitude. */
  readonly magnitude: number
}

const numberSyntax = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/

function decimal(text: string): Decimal | null {
  const match = numberSyntax.exec(text)
  if (!match) return null
  const whole = match[2] as string
  const fraction = match[3] ?? ''
  const all = whole + fraction
  const lead = all.search(/[1-9]/)
  if (lead === -1) return { sign: 0, digits: '', magnitude: 0 }
  const digits = all.slice(lead).replace(/0+$/, '')
  const exponent = Number(match[4] ?? '0')
  return { sign: match[1] === '-' ? -1 : 1, digits, magnitude: whole.length - lead + exponent }
}

/** -1, 0 or 1 as `a` is below, equal to or above `b` by exact decimal value; null if one is not a number. */
export function compareNumberTexts(a: string, b: string): number | null {
  const x = decimal(a)
  const y = decimal(b)
  if (x === null || y === null) return null
  if (x.sign !== y.sign) return x.sign < y.sign ? -1 : 1
  if (x.sign === 0) return 0
  let order: number
  if (x.magnitude !== y.magnitude) order = x.magnitude < y.magnitude ? -1 : 1
  else {
    const width = Math.max(x.digits.length, y.digits.length)
    const p = x.digits.padEnd(width, '0')
    const q = y.digits.padEnd(width, '0')
    order = p === q ? 0 : p < q ? -1 : 1
  }
  // Not `x.sign * order` alone: two equal negatives would give -0, which is no 0 to Object.is.
  return order === 0 ? 0 : x.sign * order
}
