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

// Patches made to delete and set the same few keys again and again, at the top and one level down,
// integer-like keys (which JavaScript orders first) and __proto__ among them: the class of patch
// sequences where composing merge patches goes wrong (merge-composite.ts).
const churnKey = fc.constantFrom('a', 'b', 'c', '2', '10', '__proto__')
const churnLeaf: fc.Arbitrary<Json> = fc.oneof(
  { arbitrary: fc.constant(null), weight: 4 },
  { arbitrary: fc.integer({ min: 0, max: 3 }), weight: 2 },
  { arbitrary: fc.constantFrom('x', ''), weight: 1 },
  { arbitrary: fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 2 }), weight: 1 },
)
const churnInner: fc.Arbitrary<Json> = fc.array(fc.tuple(churnKey, churnLeaf), { maxLength: 3 }).map(objectOf)

/** A merge patch that deletes and sets a few keys, often the ones the patch before touched. */
export const churnPatch: fc.Arbitrary<JsonObject> = fc
  .array(
    fc.tuple(churnKey, fc.oneof({ arbitrary: churnLeaf, weight: 3 }, { arbitrary: churnInner, weight: 2 })),
    { maxLength: 4 },
  )
  .map(objectOf)
