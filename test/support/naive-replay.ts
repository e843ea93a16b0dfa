// A deliberately simple model of RFC 7396 and of replay, written from the RFC's pseudocode and not from
// the production code, for property tests to compare against.

import type { Json } from '../../shared/contract'

type JsonObject = { [key: string]: Json }

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function define(target: JsonObject, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

/** RFC 7396 section 2, MergePatch(Target, Patch), on deep copies. */
export function naiveMergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return structuredCopy(patch)
  const result: JsonObject = {}
  if (isObject(target))
    for (const key of Object.keys(target)) define(result, key, structuredCopy(target[key] as Json))
  for (const key of Object.keys(patch)) {
    const value = patch[key] as Json
    if (value === null) delete result[key]
    else define(result, key, naiveMergePatch(Object.hasOwn(result, key) ? result[key] : undefined, value))
  }
  return result
}

/** The state after each number of events: `states[v]` is the state at version v, `states[0]` is `{}`. */
export function naiveStates(payloads: readonly JsonObject[]): JsonObject[] {
  const states: JsonObject[] = [{}]
  for (const payload of payloads)
    states.push(naiveMergePatch(states[states.length - 1], payload) as JsonObject)
  return states
}

/** A deep copy that keeps `__proto__` keys as data. */
export function structuredCopy(value: Json): Json {
  if (Array.isArray(value)) return value.map(structuredCopy)
  if (!isObject(value)) return value
  const copy: JsonObject = {}
  for (const key of Object.keys(value)) define(copy, key, structuredCopy(value[key] as Json))
  return copy
}

/** The value at a path, or undefined when some step is missing. */
export function valueAt(value: Json | undefined, path: readonly string[]): Json | undefined {
  let current = value
  for (const key of path) {
    if (!isObject(current) || !Object.hasOwn(current, key)) return undefined
    current = current[key]
  }
  return current
}

/** Freeze a value and everything in it, so a mutation throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key])
    Object.freeze(value)
  }
  return value
}
