// What jsonb and timestamptz do not keep of an imported event, kept in its metadata and used again
// when it is read. Pure.
//
// jsonb stores a value, not a text: it orders an object's keys its own way (shorter keys first), drops
// duplicate keys and spacing, prints `1E5` as 100000 and unescapes `\u00e9`. timestamptz keeps an
// instant to the microsecond, not its offset or spelling. So an import (eventscope copy) that writes a
// payload whose jsonb text differs from its own, or a time whose PostgreSQL rendering differs from its
// text, also writes that text under one metadata member, `eventscope.kept`:
//   {"eventscope.kept": {"payloadText": "...", "occurredAt": "..."}}   (each only when it differs)
// Reading gives the kept text back only while it still stands for what the row holds (the payload
// parses to the same value as message_data, the time is the same instant as `created`), so a row
// someone edited afterwards reads as it now is; the member itself is never shown as metadata.

import { parseJsonExact } from '../../json/big-integers'
import { isExactObject, isNumberLiteral, type ExactJson, type ExactJsonObject } from '../../json/json-value'

/** The metadata member that holds the kept texts. */
export const keptMember = 'eventscope.kept'

/** An event as read from a row, before and after its kept texts are put back. */
export interface KeptParts {
  readonly raw: string
  readonly payload: ExactJsonObject
  readonly metadata: ExactJsonObject | null
  readonly occurredAt: string | null
}

/** The row's parts with the kept payload text and time put back where they still hold; O(payload). */
export function restoreKept(parts: KeptParts): KeptParts {
  const kept = parts.metadata?.[keptMember]
  if (parts.metadata === null || !isExactObject(kept)) return parts
  const metadata: ExactJsonObject = {}
  for (const [key, value] of Object.entries(parts.metadata)) if (key !== keptMember) metadata[key] = value
  let { raw, payload, occurredAt } = parts
  const text = kept.payloadText
  if (typeof text === 'string') {
    const value = parseOrNull(text)
    if (isExactObject(value) && sameValue(value, payload)) {
      raw = text
      payload = value
    }
  }
  const time = kept.occurredAt
  if (typeof time === 'string' && sameInstant(time, occurredAt)) occurredAt = time
  return { raw, payload, metadata, occurredAt }
}

// A kept time stands while it names the row's instant (to the millisecond Date.parse keeps), or when it
// names none at all (text that is no time: the row's is the time of the copy).
function sameInstant(kept: string, row: string | null): boolean {
  const keptMs = Date.parse(kept)
  if (Number.isNaN(keptMs)) return true
  const rowMs = row === null ? Number.NaN : Date.parse(row)
  return Math.abs(keptMs - rowMs) < 1
}

function parseOrNull(text: string): unknown {
  try {
    return parseJsonExact(text)
  } catch {
    return null
  }
}

/** Whether two values are the same JSON value as jsonb sees it: numbers by their value (1E5 = 100000). */
export function sameValue(a: ExactJson | undefined, b: ExactJson | undefined): boolean {
  const numberA = numberText(a)
  const numberB = numberText(b)
  if (numberA !== null || numberB !== null)
    return numberA !== null && numberB !== null && canonicalNumber(numberA) === canonicalNumber(numberB)
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    return a.every((item, i) => sameValue(item, b[i]))
  }
  const objectA = a as ExactJsonObject
  const objectB = b as ExactJsonObject
  const keys = Object.keys(objectA)
  if (keys.length !== Object.keys(objectB).length) return false
  return keys.every((key) => Object.hasOwn(objectB, key) && sameValue(objectA[key], objectB[key]))
}

function numberText(value: ExactJson | undefined): string | null {
  if (typeof value === 'number') return String(value)
  if (typeof value === 'bigint') return value.toString()
  if (isNumberLiteral(value)) return value.valueOf()
  return null
}

/**
 * A JSON number's value as `-digits e exponent` with no leading or trailing zeros in the digits, so
 * `1E5`, `100000` and `1.00e5` are one text; every zero is `0`. O(literal).
 */
export function canonicalNumber(literal: string): string {
  const match = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(literal)
  if (match === null) return literal
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match
  let digits = `${whole}${fraction}`
  let power = BigInt(exponent) - BigInt(fraction.length)
  digits = digits.replace(/^0+/, '')
  if (digits === '') return '0'
  const trailing = digits.length - digits.replace(/0+$/, '').length
  digits = digits.slice(0, digits.length - trailing)
  power += BigInt(trailing)
  return `${sign}${digits}e${power}`
}
