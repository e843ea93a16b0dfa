// A state as pretty JSON text with every number as written in the store: the raw JSON view, "Copy
// state" and "Copy value" print through here, so what a user copies is what the store holds (integers
// beyond 2^53, `1.0`, `-0.0`, `1E5` keep their literals from main's `exact` map, see exact-numbers.ts).
//
// Pure. O(size of the value + size of the map).

import type { ExactIntegers, Json } from '../../../shared/contract'
import { childPointer } from '../../../shared/json-pointer'

/**
 * `value` as JSON text indented by `indent` spaces (0: one line), each number (or null standing for one
 * beyond the double range) printed as its literal where `exact` has one, by JSON Pointer from `value`.
 */
export function exactJsonText(value: Json, exact: ExactIntegers | null | undefined, indent = 2): string {
  const literals = exact && Object.keys(exact).length > 0 ? exact : null
  const out: string[] = []
  const walk = (item: Json, pointer: string, depth: number): void => {
    if (typeof item === 'number' || item === null) {
      const literal = literals?.[pointer]
      out.push(literal ?? (item === null ? 'null' : JSON.stringify(item)))
      return
    }
    if (typeof item !== 'object') {
      out.push(JSON.stringify(item))
      return
    }
    const array = Array.isArray(item)
    const keys = array ? item.map((_, i) => String(i)) : Object.keys(item)
    if (keys.length === 0) {
      out.push(array ? '[]' : '{}')
      return
    }
    const inner = indent > 0 ? `\n${' '.repeat(indent * (depth + 1))}` : ''
    out.push(array ? '[' : '{')
    keys.forEach((key, i) => {
      out.push(i > 0 ? `,${inner}` : inner)
      if (!array) out.push(`${JSON.stringify(key)}:${indent > 0 ? ' ' : ''}`)
      // A pointer is built only where the map may hold a literal: most states have none.
      walk(
        (item as { readonly [key: string]: Json })[key] as Json,
        literals ? childPointer(pointer, key) : '',
        depth + 1,
      )
    })
    out.push(indent > 0 ? `\n${' '.repeat(indent * depth)}` : '', array ? ']' : '}')
  }
  walk(value, '', 0)
  return out.join('')
}

/** The entries of `exact` at or below `pointer`, re-rooted there (for copying one node's value). */
export function exactBelow(exact: ExactIntegers | null | undefined, pointer: string): ExactIntegers | null {
  if (!exact) return null
  const below: Record<string, string> = {}
  for (const [key, digits] of Object.entries(exact)) {
    if (key === pointer) below[''] = digits
    else if (key.startsWith(`${pointer}/`)) below[key.slice(pointer.length)] = digits
  }
  return Object.keys(below).length > 0 ? below : null
}
