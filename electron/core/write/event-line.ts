// The line an append writes, in the envelope style the store already uses, so the program that owns the
// store reads it back without a change. A new store gets the seed's flat style.

import type { EnvelopeStyle } from '../../../shared/contract'
import { StoreError } from '../errors'
import { pythonJsonDumps } from '../gen/python-json'
import { setOwn, type Json, type JsonObject } from '../json/json-value'
import { keepKeyOrder, keysInOrder } from '../json/key-order'
import { stringifyInGivenOrder } from '../json/ordered-json'
import { envelopeFields } from '../stream/envelope'
import { objectMembers } from '../json/json-members'

/** The seed's style: `event_id`, `event_type`, `aggregate_id`, `occurred_at`, then the payload fields. */
export const seedStyle: EnvelopeStyle = {
  payload: 'flat',
  typeField: 'event_type',
  idField: 'event_id',
  timeField: 'occurred_at',
  aggregateIdField: 'aggregate_id',
}

export interface NewEvent {
  readonly aggregateId: string
  readonly eventType: string
  readonly eventId: string
  /** ISO 8601 with offset, as Python's `datetime.isoformat()` writes it. */
  readonly occurredAt: string
  readonly payload: JsonObject
  readonly metadata: JsonObject | null
  /**
   * The payload's exact text (a copy from another store), written as it is instead of `payload`
   * re-serialized: the key order, number spellings, escapes and spacing inside it stay the bytes they
   * were. It must parse to `payload` (the caller parsed it) and hold no line break.
   */
  readonly payloadText?: string
}

/** Build the event object and its line (without the line feed) for a store of the given style. */
export function buildEventLine(style: EnvelopeStyle, event: NewEvent): { object: JsonObject; line: string } {
  const object: JsonObject = {}
  setOwn(object, style.idField ?? 'event_id', event.eventId)
  setOwn(object, style.typeField ?? 'event_type', event.eventType)
  setOwn(object, style.aggregateIdField ?? 'aggregate_id', event.aggregateId)
  setOwn(object, style.timeField ?? 'occurred_at', event.occurredAt)
  if (event.payloadText !== undefined)
    return {
      object: withPayload(object, style, event),
      line: verbatimLine(object, style, event, event.payloadText),
    }
  if (style.payload === 'flat') {
    const keys = [...Object.keys(object)]
    for (const key of keysInOrder(event.payload)) {
      if (envelopeFields.has(key) || Object.hasOwn(object, key)) {
        throw new StoreError(
          'invalid_input',
          `Payload field "${key}" collides with an envelope field of this store's flat style; rename it.`,
        )
      }
      setOwn(object, key, event.payload[key] as Json)
      keys.push(key)
    }
    if (event.metadata) {
      setOwn(object, 'metadata', event.metadata)
      keys.push('metadata')
    }
    // The envelope first, then the payload in the order given (an id-like key "2" stays where it was).
    keepKeyOrder(object, keys)
    // Python's json.dumps, as the seed's writer uses: ", " and ": " separators, non-ASCII escaped.
    return { object, line: pythonJsonDumps(object) }
  }
  setOwn(object, style.payload, event.payload)
  if (event.metadata) setOwn(object, 'metadata', event.metadata)
  // JSON.stringify's format, but the payload as given: its key order (an id-like key "2" stays where it
  // was) and its number literals (1.0, 1E5, integers beyond 2^53) as typed.
  return { object, line: stringifyInGivenOrder(object) }
}

// The payload's own text spliced into the line: for the flat style its members, each as written, after
// the envelope (the seed's ", " between members); nested, the object text under the style's field.
// The envelope and metadata are written as buildEventLine writes them.
function verbatimLine(envelope: JsonObject, style: EnvelopeStyle, event: NewEvent, text: string): string {
  if (/[\r\n]/.test(text)) throw new StoreError('invalid_input', 'A payload text holds a line break.')
  if (style.payload === 'flat') {
    checkFlatKeys(envelope, event.payload)
    const open = text.indexOf('{')
    const members = objectMembers(text, open).members.map((m) => text.slice(m.keyStart, m.valueEnd))
    const metadata = event.metadata ? [`"metadata": ${pythonJsonDumps(event.metadata)}`] : []
    const head = pythonJsonDumps(envelope).slice(0, -1)
    return `${head}${[...members, ...metadata].map((part) => `, ${part}`).join('')}}`
  }
  const head = stringifyInGivenOrder(envelope).slice(0, -1)
  const metadata = event.metadata ? `,"metadata":${stringifyInGivenOrder(event.metadata)}` : ''
  return `${head},${JSON.stringify(style.payload)}:${text}${metadata}}`
}

// The event object a verbatim line stands for (what an append reports), its keys in the line's order.
function withPayload(envelope: JsonObject, style: EnvelopeStyle, event: NewEvent): JsonObject {
  const object: JsonObject = { ...envelope }
  const keys = [...Object.keys(envelope)]
  const add = (key: string, value: Json): void => {
    setOwn(object, key, value)
    keys.push(key)
  }
  if (style.payload === 'flat')
    for (const key of keysInOrder(event.payload)) add(key, event.payload[key] as Json)
  else add(style.payload, event.payload)
  if (event.metadata) add('metadata', event.metadata)
  keepKeyOrder(object, keys)
  return object
}

function checkFlatKeys(envelope: JsonObject, payload: JsonObject): void {
  for (const key of keysInOrder(payload))
    if (envelopeFields.has(key) || Object.hasOwn(envelope, key))
      throw new StoreError(
        'invalid_input',
        `Payload field "${key}" collides with an envelope field of this store's flat style; rename it.`,
      )
}
