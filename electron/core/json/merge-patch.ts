// RFC 7396 JSON Merge Patch, applied without mutation and reporting what it changed.
//
// The replay engine folds every event's payload into the state with this. Untouched subtrees are shared
// between the old and the new state, so keeping a state as a checkpoint costs only what the event touched.
// Values are ExactJson: an exact big integer (a bigint) is a scalar like any number, compared by value.

import { holdsBeyondSafeNumber } from './big-integers'
import {
  isExactObject,
  jsonEqual,
  setOwn,
  type ExactChange,
  type ExactJson,
  type ExactJsonObject,
} from './json-value'

/**
 * Apply `patch` to `target` and return the new value; `target` is left as it was.
 *
 * Objects merge recursively, `null` deletes a key, arrays and scalars replace. When `changes` is given,
 * every added, removed or changed path is pushed onto it. O(size of the patch) plus one shallow copy of
 * each object on a patched path.
 */
export function applyMergePatch(
  target: ExactJson | undefined,
  patch: ExactJson,
  changes?: ExactChange[],
  path: string[] = [],
  watch?: BeyondSafeWatch,
): ExactJson {
  if (!isExactObject(patch)) {
    if (watch && !watch.seen) watch.seen = holdsBeyondSafe(patch)
    if (changes && !jsonEqual(target, patch)) changes.push(describeChange(path, target, patch))
    return patch
  }
  if (!isExactObject(target)) {
    const created = mergeInto({}, patch, undefined, path, undefined, watch)
    if (changes) changes.push(describeChange(path, target, created))
    return created
  }
  return mergeInto({ ...target }, patch, changes, path, undefined, watch)
}

/**
 * Told by a merge whether it stored a number at or beyond ±2^53 (JSON.parse may have rounded such an
 * integer), so the scan knows when a line needs an exact parse (big-integers.ts parseExact).
 *
 * The merge visits every scalar of the patch anyway: watching adds one typeof per scalar, and a walk of
 * an array value. A separate regex test per line cost as much as JSON.parse itself (2.2 s a million
 * 230-byte lines); a separate walk of each parsed line 0.15 s.
 */
export interface BeyondSafeWatch {
  seen: boolean
}

/** Whether a value is, or an array holds, a number at or beyond ±2^53. Objects are left to the merge. */
function holdsBeyondSafe(value: ExactJson): boolean {
  if (typeof value === 'number') return value >= 2 ** 53 || value <= -(2 ** 53)
  return Array.isArray(value) && holdsBeyondSafeNumber(value)
}

/**
 * Apply the fields of `patch` that are not in `skip` as one merge patch onto `target`: the same as
 * `applyMergePatch(target, patchWithoutThem)`, without building that object.
 *
 * The one-pass scan replays flat (seed-style) events this way, so the envelope fields are never copied
 * out of every event of a million. O(fields of the patch) plus one shallow copy of `target`.
 */
export function applyMergePatchExcept(
  target: ExactJsonObject,
  patch: ExactJsonObject,
  skip: ReadonlySet<string>,
  watch?: BeyondSafeWatch,
): ExactJsonObject {
  return mergeInto({ ...target }, patch, undefined, [], skip, watch)
}

function mergeInto(
  result: ExactJsonObject,
  patch: ExactJsonObject,
  changes: ExactChange[] | undefined,
  path: string[],
  skip?: ReadonlySet<string>,
  watch?: BeyondSafeWatch,
): ExactJsonObject {
  for (const key of Object.keys(patch)) {
    if (skip?.has(key)) continue
    const value = patch[key] as ExactJson
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
    setOwn(result, key, applyMergePatch(had ? result[key] : undefined, value, changes, at, watch))
  }
  return result
}

function describeChange(path: string[], before: ExactJson | undefined, after: ExactJson): ExactChange {
  return before === undefined ? { path, kind: 'added', after } : { path, kind: 'changed', before, after }
}
