// Integers a double cannot hold (beyond ±2^53) survive JSON.parse only rounded. Where eventscope writes
// numbers out (JSON and CSV exports), a line holding such a literal is parsed with each one swapped for a
// marker string first, and the marker is turned back into the literal's digits on the way out. The
// merge-patch replay parses such a line with each one as a bigint instead (parseExact): unforgeable by
// any string in the data, exact, compared by value, and structured-clonable between threads.
// Pure. Exports pay one regex test per line, and a scan only for a line with a run of 16+ digits; the
// replay looks at parsed numbers instead (holdsBeyondSafeNumber, merge-patch.ts BeyondSafeWatch), which
// costs a fraction of that regex.

import { randomUUID } from 'node:crypto'
import { unsafeIntegerLiterals } from '../../../shared/unsafe-integers'

/** Per process, so no string in anyone's data can pass for a marker. */
const nonce = randomUUID().slice(0, 8)
const markerPrefix = `\u0000bigint:${nonce}:`
const markerInJson = new RegExp(`"\\\\u0000bigint:${nonce}:(-?\\d+)"`, 'g')

/** The integer literals of a JSON text that a double cannot hold exactly, in order (strings skipped). */
export function unsafeIntegers(text: string): string[] {
  const found: string[] = []
  rewriteUnsafe(text, (literal) => {
    found.push(literal)
    return literal
  })
  return found
}

/** The JSON text with every unsafe integer literal turned into a marker string; the text itself when none. */
export function markBigIntegers(text: string): string {
  return rewriteUnsafe(text, (literal) => JSON.stringify(`${markerPrefix}${literal}`))
}

/** The digits a marker string stands for, or null for any other string. */
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
  const marked = markBigIntegers(text)
  return marked === text ? null : (JSON.parse(marked, reviveMarker) as unknown)
}

/**
 * JSON.parse, except that integers beyond 2^53 come back as exact bigints. For text a user hands over
 * to be written (append --data, batch and import lines): what they typed is what lands in the store.
 * Costs one JSON.parse and a walk of the value; the exact parse only when a number is that large.
 */
export function parseJsonExact(text: string): unknown {
  const value: unknown = JSON.parse(text)
  return holdsBeyondSafeNumber(value) ? (parseExact(text) ?? value) : value
}

function reviveMarker(_key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value
  const digits = bigIntegerDigits(value)
  return digits === null ? value : BigInt(digits)
}

/** JSON.stringify for values that may hold bigints (parseExact's): each is written as its digits. */
export function stringifyExact(value: unknown, indent?: number): string {
  const json = JSON.stringify(
    value,
    (_key, item: unknown) => (typeof item === 'bigint' ? `${markerPrefix}${item}` : item),
    indent,
  )
  return unmarkBigIntegers(json)
}

/** JSON text (from JSON.stringify) with each marker string written back as the number it was. */
export function unmarkBigIntegers(json: string): string {
  return json.includes(nonce) ? json.replace(markerInJson, '$1') : json
}

function rewriteUnsafe(text: string, replace: (literal: string) => string): string {
  const literals = unsafeIntegerLiterals(text)
  if (literals.length === 0) return text
  let out = ''
  let copied = 0
  for (const { start, end, literal } of literals) {
    out += text.slice(copied, start) + replace(literal)
    copied = end
  }
  return out + text.slice(copied)
}
