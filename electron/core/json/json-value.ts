// JSON values as parsed from event lines, and the helpers that keep them safe to combine.

import type { Json } from '../../../shared/contract'

export type { Json }
export type JsonObject = { [key: string]: Json }

/** Whether a value is a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Set an own, enumerable property.
 *
 * Plain assignment of a key named `__proto__` would change the object's prototype instead of storing
 * data; event payloads come from files anyone may have written, so every write goes through here.
 */
export function setOwn(target: JsonObject, key: string, value: Json): void {
  // defineProperty only where it is needed: it costs ~1 µs per call, a plain store a few ns, and replay
  // sets every payload field of every event (5.4 s of a 9.6 s scan of a million events went here).
  if (key !== '__proto__') target[key] = value
  else Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

/** Whether two JSON values are structurally equal. */
export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
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
