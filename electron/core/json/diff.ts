// The structural difference between two JSON values, and its inverse: applying a difference.
//
// Custom reducers return whole states, so "what did this event change" is the diff of the states before
// and after it; the same diff serves "what changed between any two versions". Exact big integers
// (bigints) compare by every digit, so two ids that round to the same double still differ.

import {
  isExactObject,
  jsonEqual,
  setOwn,
  type ExactChange,
  type ExactJson,
  type ExactJsonObject,
} from './json-value'

/**
 * Every added, removed or changed path from `before` to `after`, objects by key, arrays by index.
 *
 * Keys are read only where they are own properties, so a key named `__proto__` is data, never the
 * prototype. O(size of both values).
 */
export function diffJson(before: ExactJson, after: ExactJson): ExactChange[] {
  const changes: ExactChange[] = []
  diffInto(before, after, [], changes)
  return changes
}

function diffInto(before: ExactJson, after: ExactJson, path: string[], changes: ExactChange[]): void {
  if (isExactObject(before) && isExactObject(after)) {
    for (const key of Object.keys(before)) {
      const at = [...path, key]
      if (!Object.hasOwn(after, key))
        changes.push({ path: at, kind: 'removed', before: before[key] as ExactJson })
      else diffInto(before[key] as ExactJson, after[key] as ExactJson, at, changes)
    }
    for (const key of Object.keys(after)) {
      if (!Object.hasOwn(before, key))
        changes.push({ path: [...path, key], kind: 'added', after: after[key] as ExactJson })
    }
    return
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const common = Math.min(before.length, after.length)
    for (let i = 0; i < common; i++)
      diffInto(before[i] as ExactJson, after[i] as ExactJson, [...path, String(i)], changes)
    for (let i = common; i < after.length; i++)
      changes.push({ path: [...path, String(i)], kind: 'added', after: after[i] as ExactJson })
    for (let i = common; i < before.length; i++)
      changes.push({ path: [...path, String(i)], kind: 'removed', before: before[i] as ExactJson })
    return
  }
  if (!jsonEqual(before, after)) changes.push({ path, kind: 'changed', before, after })
}

/**
 * Apply changes produced by `diffJson(before, after)` to a copy of `before`: the result equals `after`.
 *
 * Used to check the diff, and by anyone who wants to move a state by a diff instead of replaying.
 */
export function applyDiff(before: ExactJson, changes: readonly ExactChange[]): ExactJson {
  let root = structuredClone(before)
  for (const change of changes) {
    if (change.path.length === 0) {
      root = change.kind === 'removed' ? null : structuredClone(change.after ?? null)
      continue
    }
    const parent = walk(root, change.path.slice(0, -1))
    const key = change.path[change.path.length - 1] as string
    if (Array.isArray(parent)) {
      const index = Number(key)
      // diffJson removes only trailing elements, so truncating keeps the indices of the rest.
      if (change.kind === 'removed') parent.length = Math.min(parent.length, index)
      else parent[index] = structuredClone(change.after ?? null)
    } else if (isExactObject(parent)) {
      if (change.kind === 'removed') delete parent[key]
      else setOwn(parent, key, structuredClone(change.after ?? null))
    }
  }
  return root
}

function walk(value: ExactJson, path: readonly string[]): ExactJson {
  let at = value
  for (const key of path) {
    if (Array.isArray(at)) at = at[Number(key)] as ExactJson
    else if (isExactObject(at) && Object.hasOwn(at, key)) at = (at as ExactJsonObject)[key] as ExactJson
    else return null
  }
  return at
}
