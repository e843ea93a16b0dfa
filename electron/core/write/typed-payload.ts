// The payload an Append form sends, as the user typed it. Over IPC or WebSocket a payload is a parsed
// object, and parsing already lost two things the store must keep: the order of integer-like keys
// (JavaScript lists "2" and "1" before "b") and number literals (`1.0` arrives as 1). So the page sends
// the text beside the value, and main writes the text's keys and literals, once it has checked that the
// text says the same thing as the value the contract validated: a page cannot smuggle in anything else.
// Pure.

import type { ExactIntegers, Json } from '../../../shared/contract'
import { StoreError } from '../errors'
import { parseJsonExact } from '../json/big-integers'
import { fromWire } from '../json/exact-wire'
import type { ExactJson } from '../json/json-value'

/**
 * The payload to write: the text's (its key order and literals kept, big-integers.ts) when it is given
 * and holds the same values as `payload`; else `payload` with its exact digits put back, as before.
 * Throws invalid_input when the text is no JSON or says something else.
 */
export function typedPayload(
  payload: Json,
  exact: ExactIntegers | undefined,
  text: string | undefined,
): ExactJson {
  // Checked whether or not the text is there: digits that do not match their number are refused.
  const value = fromWire(payload, exact)
  if (text === undefined) return value
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new StoreError('invalid_input', 'The payload text is not JSON.')
  }
  // The same values as the page's object: both are JSON.parse's doubles, in JavaScript's key order,
  // and serialize alike (-0 and 0, a number beyond the double range and null, as the wire has them).
  if (JSON.stringify(parsed) !== JSON.stringify(payload))
    throw new StoreError('invalid_input', 'The payload text does not hold the payload sent with it.')
  return parseJsonExact(text) as ExactJson
}
