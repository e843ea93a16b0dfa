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

function mergeInto(
  result: JsonObject,
  patch: JsonObject,
  changes: Change[] | undefined,
  path: string[],
): JsonObject {
  for (const key of Object.keys(patch)) {
    const value = patch[key] as Json
    const had = Object.hasOwn(result, key)
    if (value === null) {
      if (had) {
        if (changes) changes.push({ path: [...path, key], kind: 'removed', before: result[key] })
        delete result[key]
      }
      continue
    }
    setOwn(result, key, applyMergePatch(had ? result[key] : undefined, value, changes, [...path, key]))
  }
  return result
}

function describeChange(path: string[], before: Json | undefined, after: Json): Change {
  return before === undefined ? { path, kind: 'added', after } : { path, kind: 'changed', before, after }
}
