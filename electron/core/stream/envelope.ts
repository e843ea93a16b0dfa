// How real event stores lay out an event line, detected per stream and normalized for everything above.
//
// The seed writes flat events (`event_type`, `occurred_at` and the payload fields side by side); other
// Python and TypeScript stores nest the payload under `data` or `payload` and use camelCase names. We read
// all of them leniently: the style tells where the payload is, and each field falls back to the others.

import type { EnvelopeStyle } from '../../../shared/contract'
import {
  isExactObject,
  isNumberLiteral,
  literalNumber,
  isJsonObject,
  setOwn,
  type ExactJson,
  type ExactJsonObject,
  type Json,
  type JsonObject,
} from '../json/json-value'
import { givenOrder, keepKeyOrder, keysInOrder } from '../json/key-order'
import { applyMergePatch, applyMergePatchExcept, type BeyondSafeWatch } from '../json/merge-patch'
import { foldPatch, type Composite } from '../json/merge-composite'

export const typeFields = ['event_type', 'type', 'eventType'] as const
export const idFields = ['event_id', 'id', 'eventId'] as const
export const timeFields = ['occurred_at', 'occurred_on', 'timestamp', 'created_at', 'time'] as const
export const aggregateIdFields = ['aggregate_id', 'aggregateId'] as const
export const aggregateTypeFields = ['aggregate_type', 'aggregateType'] as const

/** Fields that describe an event rather than carry its data; the flat style's payload is everything else. */
export const envelopeFields: ReadonlySet<string> = new Set([
  ...typeFields,
  ...idFields,
  ...timeFields,
  ...aggregateIdFields,
  ...aggregateTypeFields,
  'stream_id',
  'recorded_at',
  'version',
  'event_version',
  'schema_version',
  'metadata',
  'meta',
  'correlation_id',
  'causation_id',
])

/** The parts of an event line that the explorer shows and replays. */
export interface EventEnvelope {
  readonly type: string | null
  readonly id: string | null
  readonly occurredAt: string | null
  /** `occurredAt` as epoch milliseconds, for ordering and comparison; NaN when unknown. */
  readonly occurredAtMs: number
  readonly aggregateId: string | null
  readonly aggregateType: string | null
  readonly payload: JsonObject
  readonly metadata: JsonObject | null
}

/** Detect the envelope style of a stream from one of its events. */
export function detectStyle(event: JsonObject): EnvelopeStyle {
  const nested = (['data', 'payload'] as const).find((field) => isJsonObject(event[field]))
  return {
    payload: nested ?? 'flat',
    typeField: firstPresent(event, typeFields),
    idField: firstPresent(event, idFields),
    timeField: firstPresent(event, timeFields),
    aggregateIdField: firstPresent(event, aggregateIdFields),
  }
}

/** Read the envelope of one parsed event line in the given style. */
export function readEnvelope(event: JsonObject, style: EnvelopeStyle): EventEnvelope {
  const time = readTime(pick(event, style.timeField, timeFields))
  return {
    type: asText(pick(event, style.typeField, typeFields)),
    id: asText(pick(event, style.idField, idFields)),
    occurredAt: time.text,
    occurredAtMs: time.ms,
    aggregateId: asText(pick(event, null, aggregateIdFields)),
    aggregateType: asText(pick(event, null, aggregateTypeFields)),
    payload: readPayload(event, style),
    metadata: asObject(event.metadata) ?? asObject(event.meta),
  }
}

/**
 * The few fields the one-pass scan needs from every event, in the given style: O(1) per event.
 *
 * `readEnvelope` builds the payload and parses the time as well; the scan needs neither for every event
 * of a million (the time only of the last one, the payload only as a patch), so it asks for these.
 */
export function scanFields(
  event: JsonObject,
  style: EnvelopeStyle,
): { type: string | null; time: Json | undefined; aggregateId: string | null } {
  return {
    type: asText(pick(event, style.typeField, typeFields)),
    time: pick(event, style.timeField, timeFields),
    aggregateId: asText(pick(event, null, aggregateIdFields)),
  }
}

/**
 * The state after one more event read as a raw line: the merge patch of its payload, never built.
 *
 * The line may come from parseExact (integers beyond 2^53 as bigints); they are merged like any number.
 * `watch` is told when the merge stored a number at or beyond 2^53 (see merge-patch.ts).
 */
export function evolveRaw(
  state: ExactJsonObject,
  event: ExactJsonObject,
  style: EnvelopeStyle,
  watch?: BeyondSafeWatch,
): ExactJsonObject {
  if (style.payload === 'flat') return applyMergePatchExcept(state, event, envelopeFields, watch)
  const payload = event[style.payload]
  return applyMergePatch(
    state,
    isExactObject(payload) ? payload : {},
    undefined,
    [],
    watch,
  ) as ExactJsonObject
}

/**
 * The composite patch after one more event read as a raw line (merge-composite.ts): what `evolveRaw`
 * does to a state, done to a chunk's composite, for a chunk scanned without its starting state.
 */
export function foldRaw(composite: Composite, event: ExactJsonObject, style: EnvelopeStyle): Composite {
  if (style.payload === 'flat') return foldPatch(composite, event, envelopeFields)
  const payload = event[style.payload]
  return foldPatch(composite, isExactObject(payload) ? payload : {})
}

function readPayload(event: JsonObject, style: EnvelopeStyle): JsonObject {
  if (style.payload !== 'flat') return asObject(event[style.payload]) ?? {}
  const payload: JsonObject = {}
  const keys: string[] = []
  for (const key of keysInOrder(event)) {
    if (envelopeFields.has(key) || !Object.hasOwn(event, key)) continue
    setOwn(payload, key, event[key] as Json)
    keys.push(key)
  }
  // An order given for the line (an imported flat line's "2" after "b") is the payload's order too.
  if (givenOrder(event)) keepKeyOrder(payload, keys)
  return payload
}

/**
 * Normalize a timestamp: ISO 8601 text is kept as written, epoch numbers become ISO text.
 *
 * Epoch values below 1e11 are taken as seconds (1e11 s is the year 5138), larger ones as milliseconds.
 */
export function readTime(value: ExactJson | undefined): { text: string | null; ms: number } {
  if (isNumberLiteral(value)) return readTime(literalNumber(value))
  if (typeof value === 'number' && Number.isFinite(value)) {
    const ms = Math.abs(value) < 1e11 ? value * 1000 : value
    const date = new Date(ms)
    return Number.isNaN(date.getTime()) ? { text: null, ms: Number.NaN } : { text: date.toISOString(), ms }
  }
  if (typeof value === 'string' && value.length > 0) return { text: value, ms: Date.parse(value) }
  return { text: null, ms: Number.NaN }
}

function pick(event: JsonObject, preferred: string | null, fields: readonly string[]): Json | undefined {
  if (preferred !== null && event[preferred] !== undefined) return event[preferred]
  for (const field of fields) if (event[field] !== undefined) return event[field]
  return undefined
}

function firstPresent(event: JsonObject, fields: readonly string[]): string | null {
  return fields.find((field) => event[field] !== undefined) ?? null
}

// A bigint (an integer beyond 2^53 from an exact parse, see event-reader.ts) is written as its digits.
function asText(value: ExactJson | undefined): string | null {
  if (typeof value === 'string') return value
  if (isNumberLiteral(value)) return value.valueOf()
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  return null
}

function asObject(value: Json | undefined): JsonObject | null {
  return isJsonObject(value) ? value : null
}

/**
 * Guess an aggregate's type from its events: an explicit `aggregate_type`, or the first word of the
 * first event type (`UserRegisteredEvent` -> `User`, `order.placed` -> `order`).
 */
export function inferAggregateType(envelope: EventEnvelope): string | null {
  if (envelope.aggregateType) return envelope.aggregateType
  const type = envelope.type
  if (!type) return null
  const separated = /^([^.:_\-/ ]+)[.:_\-/ ]/.exec(type)
  if (separated?.[1]) return separated[1]
  const camel = /^[A-Z][a-z0-9]+/.exec(type)
  return camel?.[0] ?? type
}
