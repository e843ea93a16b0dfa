// A copied event's payload text written as it is: the bytes of each payload field survive, in the
// seed's flat style and under a data/payload field alike.

import { describe, expect, it } from 'vitest'
import { parseJsonExact } from '../../../../electron/core/json/big-integers'
import type { JsonObject } from '../../../../electron/core/json/json-value'
import { buildEventLine, seedStyle } from '../../../../electron/core/write/event-line'

const payloadText = '{"zeta": 1, "2": "two", "n": 1E5, "s": "caf\\u00e9", "big": 18446744073709551617}'
const event = {
  aggregateId: 'cart-1',
  eventType: 'CartOpened',
  eventId: 'e-1',
  occurredAt: '2026-01-02T03:04:05+00:00',
  payload: parseJsonExact(payloadText) as JsonObject,
  metadata: null,
  payloadText,
}

describe('buildEventLine with a payload text', () => {
  it('given the flat style, when built, then the envelope comes first and each payload field as written after it', () => {
    const { line } = buildEventLine(seedStyle, event)
    expect(line).toBe(
      '{"event_id": "e-1", "event_type": "CartOpened", "aggregate_id": "cart-1", "occurred_at": "2026-01-02T03:04:05+00:00", "zeta": 1, "2": "two", "n": 1E5, "s": "caf\\u00e9", "big": 18446744073709551617}',
    )
  })

  it('given a nested style, when built, then the payload text sits under its field byte for byte, metadata after it', () => {
    const style = { ...seedStyle, payload: 'data' as const, typeField: 'type', idField: 'id' }
    const spaced = '{ "b" : 1,"a":[ 2 ] }'
    const { line, object } = buildEventLine(style, {
      ...event,
      payload: parseJsonExact(spaced) as JsonObject,
      payloadText: spaced,
      metadata: { by: 'ann' },
    })
    expect(line).toBe(
      `{"id":"e-1","type":"CartOpened","aggregate_id":"cart-1","occurred_at":"2026-01-02T03:04:05+00:00","data":${spaced},"metadata":{"by":"ann"}}`,
    )
    expect(JSON.parse(line)).toEqual(object)
  })

  it('given a payload text with a line break or a field named like the envelope, when built, then it is refused', () => {
    expect(() =>
      buildEventLine(seedStyle, { ...event, payloadText: '{\n"a": 1}', payload: { a: 1 } }),
    ).toThrow(/line break/)
    expect(() =>
      buildEventLine(seedStyle, {
        ...event,
        payloadText: '{"event_type": "x"}',
        payload: { event_type: 'x' },
      }),
    ).toThrow(/collides with an envelope field/)
  })
})
