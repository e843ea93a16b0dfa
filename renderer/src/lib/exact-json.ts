// Integers beyond 2^53 typed into the Append form. JSON.parse keeps only their nearest double, so their
// digits travel beside the value, by JSON Pointer, the way main sends a state's (state.at `exact`);
// main puts them back before it writes the event (exact-wire.ts fromWire).

import type { ExactIntegers, Json } from '../../../shared/contract'
import { childPointer } from '../../../shared/json-pointer'
import { unsafeIntegerLiterals } from '../../../shared/unsafe-integers'

/**
 * The digits of every integer beyond 2^53 in `text` (valid JSON) by pointer, or undefined when it has
 * none. Costs one regex test when it has none; else one more parse with each such literal replaced
 * by a marker string no typed text can hold, and a walk to find where the markers landed.
 */
export function exactIntegersIn(text: string): ExactIntegers | undefined {
  const literals = unsafeIntegerLiterals(text)
  if (literals.length === 0) return undefined
  const prefix = `\u0000exact:${randomTag()}:`
  let marked = ''
  let copied = 0
  literals.forEach((literal, index) => {
    marked += text.slice(copied, literal.start) + JSON.stringify(`${prefix}${index}`)
    copied = literal.end
  })
  marked += text.slice(copied)
  const exact: Record<string, string> = {}
  const walk = (item: Json, pointer: string): void => {
    if (typeof item === 'string' && item.startsWith(prefix)) {
      const literal = literals[Number(item.slice(prefix.length))]
      if (literal) exact[pointer] = literal.literal
    } else if (Array.isArray(item)) item.forEach((child, i) => walk(child, childPointer(pointer, String(i))))
    else if (item !== null && typeof item === 'object')
      for (const key of Object.keys(item)) walk(item[key] as Json, childPointer(pointer, key))
  }
  walk(JSON.parse(marked) as Json, '')
  return exact
}

function randomTag(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8))
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}
