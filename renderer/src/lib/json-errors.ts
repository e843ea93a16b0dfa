// Checks JSON typed by hand and says where it is wrong, as "Line 3, column 14: Expected ',' or '}' …".
//
// JSON.parse is the authority on whether text parses, but its messages differ between engines and some
// (V8's "Unexpected token 'x', …") give no position at all. A small scanner that only finds the first
// error gives every failure a position, with wording modelled on V8's.

import type { ExactIntegers, Json } from '../../../shared/contract'
import { unsafeIntegerLiterals } from '../../../shared/unsafe-integers'
import { exactIntegersIn } from './exact-json'

export type JsonObject = { [key: string]: Json }

export type ObjectCheck =
  | {
      readonly ok: true
      readonly value: JsonObject | null
      /** Digits of integers beyond 2^53 by pointer into `value` (only where `exactIntegers` was asked). */
      readonly exact?: ExactIntegers
    }
  | { readonly ok: false; readonly message: string }

export interface JsonSyntaxError {
  /** Index of the character where the text stops being JSON (text.length at an early end). */
  readonly position: number
  readonly message: string
}

/** 1-based line and column of a character index (columns count UTF-16 units, as editors do). */
export function lineColumn(text: string, position: number): { line: number; column: number } {
  let line = 1
  let start = 0
  const end = Math.min(position, text.length)
  for (let i = 0; i < end; i += 1) {
    if (text.charCodeAt(i) === 10) {
      line += 1
      start = i + 1
    }
  }
  return { line, column: position - start + 1 }
}

/** Whether a parsed value is a JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Check the text of a JSON object field; `optional` fields accept empty text (value null).
 *
 * `what` names the field in messages: "The payload must be a JSON object". With `exactIntegers`, an
 * integer beyond 2^53 is kept exactly (its digits in `exact`, for main to write as typed); without,
 * it is refused at its place, since only its rounded double could be sent.
 */
export function checkJsonObject(
  text: string,
  what: string,
  optional = false,
  exactIntegers = false,
): ObjectCheck {
  if (text.trim() === '') {
    return optional
      ? { ok: true, value: null }
      : { ok: false, message: `The ${what} is empty: enter a JSON object such as {}` }
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const found = findJsonError(text) ?? { position: text.length, message: engineMessage(error) }
    const { line, column } = lineColumn(text, found.position)
    return { ok: false, message: `Line ${line}, column ${column}: ${found.message}` }
  }
  if (!isJsonObject(value)) return { ok: false, message: `The ${what} must be a JSON object` }
  if (exactIntegers) {
    const exact = exactIntegersIn(text)
    return exact ? { ok: true, value, exact } : { ok: true, value }
  }
  // JSON.parse keeps only the nearest double of such an integer: sent on, it would be written rounded.
  const big = firstUnsafeInteger(text)
  if (big) {
    const { line, column } = lineColumn(text, big.position)
    return {
      ok: false,
      message: `Line ${line}, column ${column}: ${big.literal} is beyond 2^53 and would be written rounded (as ${String(Number(big.literal))}); write it as a string`,
    }
  }
  return { ok: true, value }
}

/** The first integer literal outside strings that a double cannot hold exactly, with its position. */
export function firstUnsafeInteger(text: string): { position: number; literal: string } | null {
  const [first] = unsafeIntegerLiterals(text, 1)
  return first ? { position: first.start, literal: first.literal } : null
}

/** The engine's message without its own position suffix, for text the scanner somehow accepts. */
function engineMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.replace(/ in JSON at position \d+.*$/s, '').replace(/^JSON\.parse: /, '')
}

class Stop {
  constructor(
    readonly position: number,
    readonly message: string,
  ) {}
}

/** The first syntax error in `text`, or null when it is one valid JSON value. O(n), no allocation per value. */
export function findJsonError(text: string): JsonSyntaxError | null {
  let i = 0
  const at = (): string => text.charAt(i)
  const fail = (message: string): never => {
    throw new Stop(i, message)
  }
  const space = (): void => {
    while (i < text.length && ' \t\n\r'.includes(at())) i += 1
  }
  const digits = (): number => {
    const from = i
    while (at() >= '0' && at() <= '9') i += 1
    return i - from
  }

  const string = (): void => {
    i += 1
    for (;;) {
      if (i >= text.length) fail('Unterminated string')
      const c = at()
      if (c === '"') {
        i += 1
        return
      }
      if (text.charCodeAt(i) < 0x20) fail('Bad control character in string literal')
      if (c === '\\') {
        i += 1
        if ('"\\/bfnrt'.includes(at()) && at() !== '') i += 1
        else if (at() === 'u') {
          i += 1
          for (let k = 0; k < 4; k += 1) {
            if (!/[0-9a-fA-F]/.test(at())) fail('Bad Unicode escape')
            i += 1
          }
        } else fail('Bad escaped character')
      } else i += 1
    }
  }

  const number = (): void => {
    if (at() === '-') {
      i += 1
      if (!(at() >= '0' && at() <= '9')) fail('No number after minus sign')
    }
    if (at() === '0') i += 1
    else digits()
    if (at() === '.') {
      i += 1
      if (digits() === 0) fail('Unterminated fractional number')
    }
    if (at() === 'e' || at() === 'E') {
      i += 1
      if (at() === '+' || at() === '-') i += 1
      if (digits() === 0) fail('Exponent part is missing a number')
    }
  }

  const object = (): void => {
    i += 1
    space()
    if (at() === '}') {
      i += 1
      return
    }
    for (let first = true; ; first = false) {
      space()
      if (at() !== '"') fail(first ? "Expected property name or '}'" : 'Expected double-quoted property name')
      string()
      space()
      if (at() !== ':') fail("Expected ':' after property name")
      i += 1
      value()
      space()
      if (at() === '}') {
        i += 1
        return
      }
      if (at() !== ',') fail("Expected ',' or '}' after property value")
      i += 1
    }
  }

  const array = (): void => {
    i += 1
    space()
    if (at() === ']') {
      i += 1
      return
    }
    for (;;) {
      value()
      space()
      if (at() === ']') {
        i += 1
        return
      }
      if (at() !== ',') fail("Expected ',' or ']' after array element")
      i += 1
    }
  }

  const value = (): void => {
    space()
    const c = at()
    if (c === '') fail('Unexpected end of input')
    else if (c === '{') object()
    else if (c === '[') array()
    else if (c === '"') string()
    else if (c === '-' || (c >= '0' && c <= '9')) number()
    else {
      const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i))
      if (!word) fail(`Unexpected token '${c}'`)
      i += word?.length ?? 0
    }
  }

  try {
    value()
    space()
    if (i < text.length) fail('Unexpected non-whitespace character after JSON')
    return null
  } catch (error) {
    if (error instanceof Stop) return { position: error.position, message: error.message }
    throw error
  }
}
