// Search inside a state: which nodes hold a text in their key or in their value, in the order the tree
// shows them (keys in insertion order, then children), so "next" walks down the tree.
//
// A value matches as the tree prints it: a string by its characters (no quotes), a number by its
// literal where main kept one (exact-numbers.ts), else as a double prints; true, false and null as
// words. Array indices are positions, not keys: they never match. Case-insensitive.
//
// Pure. O(size of the state); stops after `limit` matches so a one-letter query stays cheap to show.

import type { ExactIntegers, Json } from '../../../shared/contract'
import { childPointer } from '../../../shared/json-pointer'
import { numberText } from './exact-numbers'

export interface JsonMatch {
  readonly path: readonly string[]
  /** Whether the key matched; the value may match too (`value`). */
  readonly key: boolean
  readonly value: boolean
}

export interface JsonSearch {
  readonly matches: readonly JsonMatch[]
  /** More matches exist past `limit`. */
  readonly truncated: boolean
}

/** The nodes of `value` whose key or printed scalar holds `query` (case-insensitive); none for ''. */
export function searchJson(
  value: Json,
  exact: ExactIntegers | null | undefined,
  query: string,
  limit = 10_000,
): JsonSearch {
  const needle = query.toLowerCase()
  const matches: JsonMatch[] = []
  if (needle === '') return { matches, truncated: false }
  const literals = exact && Object.keys(exact).length > 0 ? exact : null
  const path: string[] = []
  let truncated = false
  // Returns false once the limit is reached, to stop the walk.
  const walk = (item: Json, pointer: string, keyMatched: boolean): boolean => {
    const scalar = item === null || typeof item !== 'object'
    const valueMatched = scalar && scalarText(item, literals?.[pointer]).toLowerCase().includes(needle)
    if (keyMatched || valueMatched) {
      if (matches.length === limit) {
        truncated = true
        return false
      }
      matches.push({ path: [...path], key: keyMatched, value: valueMatched })
    }
    if (scalar) return true
    const array = Array.isArray(item)
    const keys = array ? item.map((_, i) => String(i)) : Object.keys(item)
    for (const key of keys) {
      path.push(key)
      const more = walk(
        (item as { readonly [key: string]: Json })[key] as Json,
        literals ? childPointer(pointer, key) : '',
        !array && key.toLowerCase().includes(needle),
      )
      path.pop()
      if (!more) return false
    }
    return true
  }
  walk(value, '', false)
  return { matches, truncated }
}

/** A scalar as the tree prints it, strings without their quotes. */
export function scalarText(value: string | number | boolean | null, literal: string | undefined): string {
  if (typeof value === 'string') return value
  if (literal !== undefined) return literal
  if (typeof value === 'number') return numberText(value, undefined).text
  return String(value)
}
