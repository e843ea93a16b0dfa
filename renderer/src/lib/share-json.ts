// Structural sharing for states that arrive over IPC.
//
// Every state.at reply is a fresh object graph, so nothing in it is `===` to the state shown before,
// even where the event did not touch it. Sharing gives back the previous objects wherever the values
// are equal, so the JSON tree can skip every subtree whose value is the same object as before.

import type { Json } from '../../../shared/contract'

/**
 * `next`, with every subtree deep-equal to the same place in `previous` replaced by that subtree of
 * `previous` (and `previous` itself when all of it is equal). O(size of next) comparisons.
 */
export function shareJson(previous: Json | null | undefined, next: Json): Json {
  if (previous === next || previous === null || previous === undefined) return next
  if (typeof next !== 'object' || next === null || typeof previous !== 'object') return next
  if (Array.isArray(next)) {
    if (!Array.isArray(previous)) return next
    let same = previous.length === next.length
    const items = next.map((item, i) => {
      const shared = i < previous.length ? shareJson(previous[i], item) : item
      if (shared !== previous[i]) same = false
      return shared
    })
    return same ? previous : items
  }
  if (Array.isArray(previous)) return next
  const before = previous as { readonly [key: string]: Json }
  const keys = Object.keys(next)
  const beforeKeys = Object.keys(before)
  // Same keys in the same order: the tree lists keys as the state holds them.
  let same = keys.length === beforeKeys.length && keys.every((key, i) => key === beforeKeys[i])
  const object: { [key: string]: Json } = {}
  for (const key of keys) {
    const value = next[key] as Json
    const shared = Object.hasOwn(before, key) ? shareJson(before[key], value) : value
    if (!Object.hasOwn(before, key) || shared !== before[key]) same = false
    // defineProperty, not assignment: a key named __proto__ stays an own property.
    Object.defineProperty(object, key, {
      value: shared,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return same ? previous : object
}
