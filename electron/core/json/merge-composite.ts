// Merge patches folded into one composite patch, so a chunk of a stream's events can be folded on a
// worker thread without knowing the state it starts from, and the chunks' composites applied in order.
//
// RFC 7396 patches do not compose by merging them as patches: a deletion followed by a set is a
// replacement (`{a: null}` then `{a: {x: 1}}` leaves `{x: 1}` whatever `a` held, where the merged patch
// `{a: {x: 1}}` would keep a's other keys), and it moves the key to the end of its object, as the
// sequential replay's delete-then-add does. A composite says so with `Replaced`; a set value a later
// patch merged into (`5` then `{x: 1}`) is `Whole`. Everything else is an ordinary merge patch: `null`
// deletes, a plain object merges, any other value is set. Pure; nothing is mutated, untouched subtrees
// are shared, so a composite kept at each checkpoint costs only what its events touched.

import { applyMergePatch } from './merge-patch'
import { isExactObject, setOwn, type ExactJson, type ExactJsonObject } from './json-value'

/**
 * The key was deleted, then set again in the chunk: delete it from the target, then add this value.
 * A Map, as `Whole` is: no JSON value is one, and a Map crosses to another thread as itself
 * (structured clone), where a class instance would arrive as a plain object, a merge patch.
 */
export type Replaced = ReadonlyMap<'replaced', ExactJson>

/** The key's value, whole: it replaces what the target holds there, in place (no merge). */
export type Whole = ReadonlyMap<'whole', ExactJson>

export function replaced(value: ExactJson): Replaced {
  return new Map([['replaced', value]])
}

export function whole(value: ExactJson): Whole {
  return new Map([['whole', value]])
}

export function isReplaced(value: unknown): value is Replaced {
  return value instanceof Map && value.has('replaced')
}

export function isWhole(value: unknown): value is Whole {
  return value instanceof Map && value.has('whole')
}

export type CompositeValue = ExactJson | Replaced | Whole | Composite
export type Composite = { [key: string]: CompositeValue }

/** The composite of no patch at all. */
export function emptyComposite(): Composite {
  return {}
}

/**
 * The composite of `composite`'s patches followed by `patch` (its keys in `skip` left out at the top:
 * the envelope fields of a flat event). `composite` is left as it was.
 *
 * O(keys of the patch) plus one shallow copy of each composite object on a patched path: the same
 * cost as merging the patch into a state (merge-patch.ts).
 */
export function foldPatch(
  composite: Composite,
  patch: ExactJsonObject,
  skip?: ReadonlySet<string>,
): Composite {
  const result: Composite = { ...composite }
  for (const key of Object.keys(patch)) {
    if (skip?.has(key)) continue
    const before = Object.hasOwn(result, key) ? result[key] : undefined
    const after = foldValue(before, patch[key] as ExactJson)
    // A key set again after its deletion moves to the end, where the sequential replay adds it back.
    if (isReplaced(after) && !isReplaced(before)) delete result[key]
    setOwn(result as ExactJsonObject, key, after as ExactJson)
  }
  return result
}

// What one key's operations become after one more patch value.
function foldValue(before: CompositeValue | undefined, value: ExactJson): CompositeValue {
  if (value === null) return null
  const deleted = before === null || isReplaced(before)
  if (!isExactObject(value)) return deleted ? replaced(value) : value
  if (before === undefined) return value as Composite
  if (before === null) return replaced(applyMergePatch(undefined, value))
  if (isReplaced(before)) return replaced(applyMergePatch(before.get('replaced'), value))
  if (isWhole(before)) return whole(applyMergePatch(before.get('whole'), value))
  if (isPlainComposite(before)) return foldPatch(before, value)
  // A scalar or an array set earlier in the chunk: the object patch builds on it, whatever came before.
  return whole(applyMergePatch(before, value))
}

/**
 * The value after applying a composite to `target`: the state the composite's patches, applied one by
 * one, would have left. `target` is left as it was.
 *
 * O(keys of the composite) plus one shallow copy of each target object on a patched path.
 */
export function applyComposite(target: ExactJson | undefined, composite: Composite): ExactJsonObject {
  const result: ExactJsonObject = isExactObject(target) ? { ...target } : {}
  for (const key of Object.keys(composite)) {
    const value = composite[key] as CompositeValue
    if (value === null) delete result[key]
    else if (isReplaced(value)) {
      delete result[key]
      setOwn(result, key, value.get('replaced') as ExactJson)
    } else if (isWhole(value)) setOwn(result, key, value.get('whole') as ExactJson)
    else if (isPlainComposite(value))
      setOwn(result, key, applyComposite(Object.hasOwn(result, key) ? result[key] : undefined, value))
    else setOwn(result, key, value)
  }
  return result
}

function isPlainComposite(value: CompositeValue): value is Composite {
  return isExactObject(value) && !(value instanceof Map)
}
