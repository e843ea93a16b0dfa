// fast-check arbitraries for JSON values whose keys collide often (so patches hit existing paths) and
// include the names that could reach a prototype.

import fc from 'fast-check'
import type { Json } from '../../shared/contract'

type JsonObject = { [key: string]: Json }

export const collidingKeys = ['a', 'b', 'c', 'name', '__proto__', 'constructor', 'prototype'] as const

const key = fc.constantFrom(...collidingKeys)
const scalar: fc.Arbitrary<Json> = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.boolean(),
  fc.constantFrom('x', 'y', ''),
  fc.constant(null),
)

/** An object built with defineProperty, so a `__proto__` key is data, as JSON.parse makes it. */
function objectOf(entries: readonly (readonly [string, Json])[]): JsonObject {
  const result: JsonObject = {}
  for (const [name, value] of entries) {
    Object.defineProperty(result, name, { value, enumerable: true, writable: true, configurable: true })
  }
  return result
}

const { value: jsonValueArb } = fc.letrec<{ value: Json; object: JsonObject; array: Json[] }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('object'), tie('array')),
  object: fc.array(fc.tuple(key, tie('value')), { maxLength: 4 }).map(objectOf),
  array: fc.array(tie('value'), { maxLength: 3 }),
}))

/** Any JSON value, nulls included. */
export const jsonValue: fc.Arbitrary<Json> = jsonValueArb

/** A JSON object: what an event payload (a merge patch) is. */
export const jsonObject: fc.Arbitrary<JsonObject> = fc
  .array(fc.tuple(key, jsonValueArb), { maxLength: 5 })
  .map(objectOf)
