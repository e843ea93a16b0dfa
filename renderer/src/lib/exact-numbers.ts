// Numbers as written in the UI. Main sends a state's integers beyond 2^53, and every number a double
// would print otherwise (`1.0`, `-0.0`, `1E5`, `0.10`, `1e400`), as their nearest number (null beyond the
// double range) plus their literal by JSON Pointer (`exact`, see shared/contract.ts); these helpers show
// the literal wherever the map has one, and mark every other number beyond 2^53 as rounded ("≈"): a
// double cannot say which integer was written, so such a number is never shown as if it were exact.
//
// Pure: the JSON tree, the changes list, the diff rows and the search rows all format through here.

import type { ExactIntegers, Json } from '../../../shared/contract'
import { jsonPointer } from '../../../shared/json-pointer'

export const exactTitle = 'Kept exactly as written in the store (a double would show it otherwise)'
export const roundedTitle =
  'Beyond 2^53: only the nearest double is known here, shown rounded; the raw event line has the digits as written'

/** Whether a number is an integer a double may not hold exactly (at or beyond ±2^53). */
export function beyondSafe(value: number): boolean {
  return Number.isInteger(value) && !Number.isSafeInteger(value)
}

/** Whether a value holds a number beyond 2^53 anywhere. O(size). */
export function holdsBeyondSafe(value: Json): boolean {
  if (typeof value === 'number') return beyondSafe(value)
  if (value === null || typeof value !== 'object') return false
  return (Array.isArray(value) ? value : Object.values(value)).some(holdsBeyondSafe)
}

export interface NumberText {
  readonly text: string
  /** `exact`: the digits as written; `rounded`: only the nearest double is known; `plain`: any other. */
  readonly kind: 'exact' | 'rounded' | 'plain'
}

/** How a number reads: its exact digits when known, else "≈" and the double's text beyond 2^53. */
export function numberText(value: number, digits: string | undefined): NumberText {
  if (digits !== undefined) return { text: digits, kind: 'exact' }
  if (beyondSafe(value)) return { text: `≈${String(value)}`, kind: 'rounded' }
  return { text: String(value), kind: 'plain' }
}

/**
 * A value as one line of JSON, big integers with their exact digits (or "≈" where rounded), cut at
 * `max` characters with an ellipsis; `∅` for no value. O(min(size, max)).
 */
export function previewExact(value: Json | undefined, exact: ExactIntegers | undefined, max = 60): string {
  if (value === undefined) return '∅'
  const out: string[] = []
  let length = 0
  const emit = (text: string): boolean => {
    out.push(text)
    length += text.length
    return length <= max
  }
  // One path stack; a pointer is built only where the map may have a literal, to look it up.
  const path: string[] = []
  const any = exact !== undefined && Object.keys(exact).length > 0
  const walk = (item: Json): boolean => {
    if (typeof item === 'number' || (item === null && any)) {
      const literal = any ? exact[jsonPointer(path)] : undefined
      if (literal !== undefined) return emit(literal)
      if (item === null) return emit('null')
      return emit(beyondSafe(item) ? numberText(item, undefined).text : String(item))
    }
    if (item === null || typeof item !== 'object') return emit(JSON.stringify(item))
    const array = Array.isArray(item)
    const keys = array ? item.map((_, i) => String(i)) : Object.keys(item)
    if (!emit(array ? '[' : '{')) return false
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string
      if (i > 0 && !emit(',')) return false
      if (!array && !emit(`${JSON.stringify(key)}:`)) return false
      path.push(key)
      const more = walk((item as { readonly [key: string]: Json })[key] as Json)
      path.pop()
      if (!more) return false
    }
    return emit(array ? ']' : '}')
  }
  walk(value)
  const text = out.join('')
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** The entries of `exact` at or below `pointer`, as one comparable string ('' when none). */
export function exactUnder(exact: ExactIntegers | null | undefined, pointer: string): string {
  if (!exact) return ''
  let found = ''
  for (const key of Object.keys(exact)) {
    if (key === pointer || key.startsWith(`${pointer}/`)) found += `${key}=${exact[key]};`
  }
  return found
}

/** `next`, or `previous` when both hold the same digits at the same pointers: a stable object to memo on. */
export function shareExact(
  previous: ExactIntegers | null | undefined,
  next: ExactIntegers | null | undefined,
): ExactIntegers | null {
  if (!next) return null
  if (!previous) return next
  const keys = Object.keys(next)
  if (keys.length !== Object.keys(previous).length) return next
  return keys.every((key) => previous[key] === next[key]) ? previous : next
}
