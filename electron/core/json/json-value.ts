// JSON values as parsed from event lines, and the helpers that keep them safe to combine.

import type { Json } from '../../../shared/contract'

export type { Json }
export type JsonObject = { [key: string]: Json }

/**
 * A JSON value as the replay keeps it: an integer literal a double cannot hold (beyond ±2^53) is a
 * bigint, exact, instead of a rounded number (see big-integers.ts). Only the merge-patch replay makes
 * these; every boundary (IPC, CLI, exports) turns them back into digits (exact-wire.ts, stringifyExact).
 */
export type ExactJson = null | boolean | number | string | bigint | ExactJson[] | ExactJsonObject
export type ExactJsonObject = { [key: string]: ExactJson }

/** Whether a value is a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Whether a replayed value is an object (not an array, not null). */
export function isExactObject(value: unknown): value is ExactJsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
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
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    return a.every((item, i) => jsonEqual(item, b[i]))
  }
  const aKeys = Object.keys(a)
  if (aKeys.length !== Object.keys(b).length) return false
  return aKeys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]))
}
