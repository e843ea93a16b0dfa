// Number literals a double does not print back as written (integers beyond ±2^53, and `1.0`, `-0.0`,
// `1E5`, `0.10`, `1e-400`, `1e400`: see shared/number-literals.ts) survive JSON.parse only as their
// nearest double. Where eventscope writes numbers out (JSON and CSV exports), a line holding such a
// literal is parsed with each one swapped for a marker string first, and the marker is turned back into
// the literal on the way out. The replay parses such a line with each one kept instead (parseExact):
// an integer as an exact bigint, any other as a NumberLiteral (json-value.ts); both unforgeable by any
// string in the data and structured-clonable between threads.
// Pure. A line pays one scan outside its strings (mayHoldUnfaithfulNumber); the exact parse only when
// it may hold such a literal.

import { randomUUID } from 'node:crypto'
import {
  isIntegerLiteral,
  mayHoldUnfaithfulNumber,
  unfaithfulNumberLiterals,
  type NumberLiteralAt,
} from '../../../shared/number-literals'
import { isNumberLiteral, numberLiteral } from './json-value'
import { rememberKeyOrder } from './key-order'

/** Per process, so no string in anyone's data can pass for a marker. */
const nonce = randomUUID().slice(0, 8)
const markerPrefix = `\u0000bigint:${nonce}:`
const markerInJson = new RegExp(`"\\\\u0000bigint:${nonce}:([-+.\\deE]+)"`, 'g')

/** The number literals of a JSON text that a double does not print back, in order (strings skipped). */
export function unsafeIntegers(text: string): string[] {
  return unfaithfulNumberLiterals(text).map((found) => found.literal)
}

/** The JSON text with every such literal turned into a marker string; the text itself when none. */
export function markBigIntegers(text: string): string {
  return rewriteUnsafe(text, (literal) => JSON.stringify(`${markerPrefix}${literal}`))
}

/** The literal (digits, or a number as written) a marker string stands for, or null for any other string. */
export function bigIntegerDigits(value: string): string | null {
  return value.startsWith(markerPrefix) ? value.slice(markerPrefix.length) : null
}

/**
 * Whether a parsed JSON value holds, anywhere, a number at or beyond ±2^53: where JSON.parse may have
 * rounded an integer, so the line is worth an exact parse. O(values), no allocation: ~0.15 µs for a
 * 230-byte event, where a regex test of its text (/\d{16}/) cost 2.2 µs, as much as JSON.parse itself.
 */
export function holdsBeyondSafeNumber(value: unknown): boolean {
  if (typeof value === 'number') return value >= 2 ** 53 || value <= -(2 ** 53)
  if (typeof value !== 'object' || value === null) return false
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (holdsBeyondSafeNumber(value[i])) return true
    return false
  }
  for (const key in value) if (holdsBeyondSafeNumber((value as Record<string, unknown>)[key])) return true
  return false
}

/**
 * The JSON text parsed with every integer beyond 2^53 as an exact bigint; null when it holds none (then
 * JSON.parse's value is already exact). Throws as JSON.parse does. O(text) scan plus a parse with a reviver.
 */
export function parseExact(text: string): unknown {
  return parseExactAt(text, unfaithfulNumberLiterals(text))
}

/** parseExact with the literals already found (judgeLine finds them once for its findings too). */
export function parseExactAt(text: string, literals: readonly NumberLiteralAt[]): unknown {
  if (literals.length === 0) return null
  return JSON.parse(rewrite(text, literals, markerFor), reviveMarker) as unknown
}

/**
 * JSON.parse, except that integers beyond 2^53 come back as exact bigints. For text a user hands over
 * to be written (append --data, batch and import lines): what they typed is what lands in the store.
 * Costs one JSON.parse and a walk of the value; the exact parse only when a number is that large.
 */
export function parseJsonExact(text: string): unknown {
  const parsed: unknown = JSON.parse(text)
  const value = mayHoldUnfaithfulNumber(text) ? (parseExact(text) ?? parsed) : parsed
  // Written in the order given: integer-like keys would otherwise move first (key-order.ts).
  rememberKeyOrder(text, value)
  return value
}

function markerFor(literal: string): string {
  return JSON.stringify(`${markerPrefix}${literal}`)
}

/** A literal as the replay keeps it: an integer as an exact bigint, any other number as written. */
export function keptLiteral(literal: string): bigint | ReturnType<typeof numberLiteral> {
  return isIntegerLiteral(literal) && !Number.isSafeInteger(Number(literal))
    ? BigInt(literal)
    : numberLiteral(literal)
}

function reviveMarker(_key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value
  const literal = bigIntegerDigits(value)
  return literal === null ? value : keptLiteral(literal)
}

/** JSON.stringify for values that may hold bigints or kept literals (parseExact's): each as written. */
export function stringifyExact(value: unknown, indent?: number): string {
  const json = JSON.stringify(value, exactReplacer, indent)
  return unmarkBigIntegers(json)
}

/** The replacer of stringifyExact, for callers that stringify with their own options. */
export function exactReplacer(_key: string, item: unknown): unknown {
  if (typeof item === 'bigint') return `${markerPrefix}${item}`
  if (isNumberLiteral(item)) return `${markerPrefix}${item.valueOf()}`
  return item
}

/** JSON text (from JSON.stringify) with each marker string written back as the number it was. */
export function unmarkBigIntegers(json: string): string {
  return json.includes(nonce) ? json.replace(markerInJson, '$1') : json
}

function rewriteUnsafe(text: string, replace: (literal: string) => string): string {
  return rewrite(text, unfaithfulNumberLiterals(text), replace)
}

function rewrite(
  text: string,
  literals: readonly NumberLiteralAt[],
  replace: (literal: string) => string,
): string {
  if (literals.length === 0) return text
  let out = ''
  let copied = 0
  for (const { start, end, literal } of literals) {
    out += text.slice(copied, start) + replace(literal)
    copied = end
  }
  return out + text.slice(copied)
}
