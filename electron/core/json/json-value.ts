// JSON values as parsed from event lines, and the helpers that keep them safe to combine.

import type { Json } from '../../../shared/contract'

export type { Json }
export type JsonObject = { [key: string]: Json }

/**
 * A JSON value as the replay keeps it: an integer literal a double cannot hold (beyond ±2^53) is a
 * bigint, exact, instead of a rounded number (see big-integers.ts). Only the merge-patch replay makes
 * these; every boundary (IPC, CLI, exports) turns them back into digits (exact-wire.ts, stringifyExact).
 */
export type ExactJson =
  null | boolean | number | string | bigint | NumberLiteral | ExactJson[] | ExactJsonObject
export type ExactJsonObject = { [key: string]: ExactJson }

/**
 * A number whose double does not print back as written (`1.0`, `-0.0`, `1E5`, `0.10`, `1e400`), kept as
 * its literal. A String wrapper object: no JSON value is one, it survives structured cloning (workers,
 * checkpoints) as itself, and `instanceof String` tells it apart. Integers beyond 2^53 stay bigints.
 */
// eslint-disable-next-line @typescript-eslint/no-wrapper-object-types -- the wrapper is the point
export type NumberLiteral = String & { readonly __numberLiteral: true }

/** The literal as a NumberLiteral value. */
export function numberLiteral(literal: string): NumberLiteral {
  return new String(literal) as NumberLiteral
}

/** Whether a value is a kept number literal. */
export function isNumberLiteral(value: unknown): value is NumberLiteral {
  return value instanceof String
}

/** The number a literal stands for: its nearest double (±Infinity beyond the double range). */
export function literalNumber(value: NumberLiteral): number {
  return Number(value.valueOf())
}

/** Whether a value is a JSON object (not an array, not null, not a kept number literal). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof String)
}

/** Whether a replayed value is an object (not an array, not null, not a kept number literal). */
export function isExactObject(value: unknown): value is ExactJsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof String)
}

/** What one event (or one diff) added, removed or changed at a path, with exact values (ExactJson). */
export interface ExactChange {
  readonly path: string[]
  readonly kind: 'added' | 'removed' | 'changed'
  readonly before?: ExactJson
  readonly after?: ExactJson
}

/**
 * Set an own, enumerable property.
 *
 * Plain assignment of a key named `__proto__` would change the object's prototype instead of storing
 * data; event payloads come from files anyone may have written, so every write goes through here.
 */
export function setOwn<T extends ExactJson>(target: { [key: string]: T }, key: string, value: T): void {
  // defineProperty only where it is needed: it costs ~1 µs per call, a plain store a few ns, and replay
  // sets every payload field of every event (5.4 s of a 9.6 s scan of a million events went here).
  if (key !== '__proto__') target[key] = value
  else Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

/** Whether two JSON values are structurally equal; exact big integers compare by every digit. */
export function jsonEqual(a: ExactJson | undefined, b: ExactJson | undefined): boolean {
  if (a === b) return true
  // A kept literal equals the same literal: `1.0` to `1` is a change of what the store says.
  if (isNumberLiteral(a) || isNumberLiteral(b))
    return isNumberLiteral(a) && isNumberLiteral(b) && a.valueOf() === b.valueOf()
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    return a.every((item, i) => jsonEqual(item, b[i]))
  }
  const aKeys = Object.keys(a)
  if (aKeys.length !== Object.keys(b).length) return false
  return aKeys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]))
}
