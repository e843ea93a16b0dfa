// The order keys were typed in survives to the line the seed's flat style writes.

import { describe, expect, it } from 'vitest'
import { pythonJsonDumps } from '../../../../electron/core/gen/python-json'
import { parseJsonExact } from '../../../../electron/core/json/big-integers'
import { keysInOrder } from '../../../../electron/core/json/key-order'
import { buildEventLine, seedStyle } from '../../../../electron/core/write/event-line'

describe('key order as given', () => {
  it('given integer-like keys after others, when parsed for writing, then the order typed is remembered at every depth', () => {
    const value = parseJsonExact('{"b": 1, "2": "two", "1": "one", "n": [{"z": 0, "10": 1, "9": 2}]}') as {
      n: object[]
    }
    expect(keysInOrder(value as object)).toEqual(['b', '2', '1', 'n'])
    expect(keysInOrder(value.n[0] as object)).toEqual(['z', '10', '9'])
    expect(pythonJsonDumps(value as never)).toBe(
      '{"b": 1, "2": "two", "1": "one", "n": [{"z": 0, "10": 1, "9": 2}]}',
    )
  })

  it('given such a payload, when its seed-style line is built, then the envelope comes first and the payload keeps its order', () => {
    const payload = parseJsonExact('{"b": 1, "2": "two", "1": "one"}') as Record<string, never>
    const { line } = buildEventLine(seedStyle, {
      aggregateId: 'a',
      eventType: 'T',
      eventId: 'e',
      occurredAt: 't',
      payload,
      metadata: null,
    })
    expect(line).toBe(
      '{"event_id": "e", "event_type": "T", "aggregate_id": "a", "occurred_at": "t", "b": 1, "2": "two", "1": "one"}',
    )
  })
})
