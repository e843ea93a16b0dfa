// RFC 7396 JSON Merge Patch, applied without mutation and reporting what it changed.
//
// The replay engine folds every event's payload into the state with this. Untouched subtrees are shared
// between the old and the new state, so keeping a state as a checkpoint costs only what the event touched.

import type { Change } from '../../../shared/contract'
import { isJsonObject, jsonEqual, setOwn, type Json, type JsonObject } from './json-value'

/**
 * Apply `patch` to `target` and return the new value; `target` is left as it was.
 *
 * Objects merge recursively, `null` deletes a key, arrays and scalars replace. When `changes` is given,
 * every added, removed or changed path is pushed onto it. O(size of the patch) plus one shallow copy of
 * each object on a patched path.
 */
export function applyMergePatch(
  target: Json | undefined,
  patch: Json,
  changes?: Change[],
  path: string[] = [],
): Json {
  if (!isJsonObject(patch)) {
    if (changes && !jsonEqual(target, patch)) changes.push(describeChange(path, target, patch))
    return patch
  }
  if (!isJsonObject(target)) {
    const created = mergeInto({}, patch, undefined, path)
    if (changes) changes.push(describeChange(path, target, created))
    return created
  }
  return mergeInto({ ...target }, patch, changes, path)
}

/**
 * Apply the fields of `patch` that are not in `skip` as one merge patch onto `target`: the same as
 * `applyMergePatch(target, patchWithoutThem)`, without building that object.
 *
 * The one-pass scan replays flat (seed-style) events this way, so the envelope fields are never copied
 * out of every event of a million. O(fields of the patch) plus one shallow copy of `target`.
 */
export function applyMergePatchExcept(
  target: JsonObject,
  patch: JsonObject,
  skip: ReadonlySet<string>,
): JsonObject {
  return mergeInto({ ...target }, patch, undefined, [], skip)
}

function mergeInto(
  result: JsonObject,
  patch: JsonObject,
  changes: Change[] | undefined,
  path: string[],
  skip?: ReadonlySet<string>,
): JsonObject {
  for (const key of Object.keys(patch)) {
    if (skip?.has(key)) continue
    const value = patch[key] as Json
    const had = Object.hasOwn(result, key)
    if (value === null) {
      if (had) {
        if (changes) changes.push({ path: [...path, key], kind: 'removed', before: result[key] })
        delete result[key]
      }
      continue
    }
    // The path is only built when changes are recorded: replay without them allocates nothing per key.
    const at = changes ? [...path, key] : path
    setOwn(result, key, applyMergePatch(had ? result[key] : undefined, value, changes, at))
  }
  return result
}

function describeChange(path: string[], before: Json | undefined, after: Json): Change {
  return before === undefined ? { path, kind: 'added', after } : { path, kind: 'changed', before, after }
}
