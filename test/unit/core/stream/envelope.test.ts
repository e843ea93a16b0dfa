import { describe, expect, it } from 'vitest'
import type { Json } from '../../../../shared/contract'
import type { JsonObject } from '../../../../electron/core/json/json-value'
import {
  detectStyle,
  envelopeFields,
  inferAggregateType,
  readEnvelope,
  readTime,
} from '../../../../electron/core/stream/envelope'

function read(event: JsonObject) {
  return readEnvelope(event, detectStyle(event))
}

describe('detectStyle', () => {
  it('given the seed layout (flat, snake_case), when detected, then the payload is flat and the snake_case fields are named', () => {
    const style = detectStyle({
      event_id: 'e1',
      event_type: 'UserRegisteredEvent',
      aggregate_id: 'u1',
      occurred_at: '2026-03-01T09:00:00',
      username: 'ada',
    })

    expect(style).toEqual({
      payload: 'flat',
      typeField: 'event_type',
      idField: 'event_id',
      timeField: 'occurred_at',
      aggregateIdField: 'aggregate_id',
    })
  })

  it.each([
    [
      'data',
      { type: 'OrderPlaced', id: 'e1', timestamp: 1, data: { total: 3 } },
      { payload: 'data', typeField: 'type', idField: 'id', timeField: 'timestamp', aggregateIdField: null },
    ],
    [
      'payload',
      { eventType: 'OrderPlaced', eventId: 'e1', created_at: 'x', payload: {} },
      {
        payload: 'payload',
        typeField: 'eventType',
        idField: 'eventId',
        timeField: 'created_at',
        aggregateIdField: null,
      },
    ],
  ])(
    'given a nested %s object, when detected, then the payload field and the camelCase names are found',
    (_name, event, expected) => {
      expect(detectStyle(event as JsonObject)).toEqual(expected)
    },
  )

  it('given a data field that is not an object, when detected, then the style is flat', () => {
    expect(detectStyle({ type: 'Noted', data: 'just text' }).payload).toBe('flat')
  })

  it('given an event without envelope fields, when detected, then every field name is null', () => {
    expect(detectStyle({ amount: 1 })).toEqual({
      payload: 'flat',
      typeField: null,
      idField: null,
      timeField: null,
      aggregateIdField: null,
    })
  })
})

describe('readEnvelope', () => {
  it.each([
    ['event_type', { event_type: 'A' }],
    ['type', { type: 'A' }],
    ['eventType', { eventType: 'A' }],
  ])('given the type in %s, when read, then the type is found', (_field, event) => {
    expect(read(event).type).toBe('A')
  })

  it.each([
    ['event_id', { event_id: 'e-1' }],
    ['id', { id: 'e-1' }],
    ['eventId', { eventId: 'e-1' }],
  ])('given the id in %s, when read, then the id is found', (_field, event) => {
    expect(read(event).id).toBe('e-1')
  })

  it.each(['occurred_at', 'occurred_on', 'timestamp', 'created_at', 'time'])(
    'given an ISO time in %s, when read, then it is kept as written with its instant',
    (field) => {
      const envelope = read({ type: 'A', [field]: '2026-03-01T09:00:00.250+00:00' })

      expect(envelope.occurredAt).toBe('2026-03-01T09:00:00.250+00:00')
      expect(envelope.occurredAtMs).toBe(Date.UTC(2026, 2, 1, 9, 0, 0, 250))
    },
  )

  it.each([
    ['aggregate_id', { aggregate_id: 'order-7' }],
    ['aggregateId', { aggregateId: 'order-7' }],
  ])('given the aggregate id in %s, when read, then it is found', (_field, event) => {
    expect(read(event).aggregateId).toBe('order-7')
  })

  it('given a numeric event id, when read, then it is shown as text', () => {
    expect(read({ type: 'A', id: 42 }).id).toBe('42')
  })

  it('given a flat event, when read, then the payload is every field that is not an envelope field', () => {
    const event: JsonObject = {
      event_id: 'e1',
      id: 'dup',
      eventId: 'dup',
      event_type: 'UserRegisteredEvent',
      type: 'dup',
      eventType: 'dup',
      occurred_at: 't',
      occurred_on: 't',
      timestamp: 1,
      created_at: 't',
      time: 't',
      aggregate_id: 'u1',
      aggregateId: 'u1',
      aggregate_type: 'User',
      aggregateType: 'User',
      stream_id: 's',
      recorded_at: 't',
      version: 3,
      event_version: 1,
      schema_version: 2,
      metadata: { user: 'x' },
      meta: { user: 'y' },
      correlation_id: 'c',
      causation_id: 'c',
      username: 'ada',
      email: 'ada@example.com',
      role: null,
      tags: ['a'],
    }

    const envelope = read(event)

    expect(envelope.payload).toEqual({ username: 'ada', email: 'ada@example.com', role: null, tags: ['a'] })
    expect(envelope.metadata).toEqual({ user: 'x' })
    expect(envelope.aggregateType).toBe('User')
  })

  it('given the product rules list of envelope fields, when compared with the code, then they are the same set', () => {
    expect([...envelopeFields].sort()).toEqual(
      [
        'event_type',
        'type',
        'eventType',
        'event_id',
        'id',
        'eventId',
        'occurred_at',
        'occurred_on',
        'timestamp',
        'created_at',
        'time',
        'aggregate_id',
        'aggregateId',
        'aggregate_type',
        'aggregateType',
        'stream_id',
        'recorded_at',
        'version',
        'event_version',
        'schema_version',
        'metadata',
        'meta',
        'correlation_id',
        'causation_id',
      ].sort(),
    )
  })

  it.each(['data', 'payload'] as const)(
    'given a nested %s object, when read, then the payload is that object and the other fields are ignored',
    (field) => {
      const event = {
        type: 'OrderPlaced',
        [field]: { total: 3, lines: [1] },
        extra: 'not payload',
      } as JsonObject

      expect(read(event).payload).toEqual({ total: 3, lines: [1] })
    },
  )

  it('given a nested stream whose event lacks its payload object, when read in the stream style, then the payload is empty', () => {
    const style = detectStyle({ type: 'A', data: { x: 1 } })

    expect(readEnvelope({ type: 'B' }, style).payload).toEqual({})
  })

  it('given a flat event with a __proto__ field (as JSON.parse makes it), when read, then the payload keeps it as data without a new prototype', () => {
    const event = JSON.parse('{"type":"A","__proto__":{"admin":true},"name":"x"}') as JsonObject

    const { payload } = read(event)

    expect(Object.getPrototypeOf(payload)).toBe(Object.prototype)
    expect(JSON.stringify(payload)).toBe('{"__proto__":{"admin":true},"name":"x"}')
    expect((payload as { admin?: unknown }).admin).toBeUndefined()
  })

  it('given a style detected from another event, when a field of the style is absent, then the other known names are used', () => {
    const style = detectStyle({ event_type: 'A', event_id: 'e', occurred_at: '2026-01-01T00:00:00Z' })

    const envelope = readEnvelope({ type: 'B', id: 'e2', timestamp: 1_700_000_000 }, style)

    expect([envelope.type, envelope.id, envelope.occurredAt]).toEqual(['B', 'e2', '2023-11-14T22:13:20.000Z'])
  })

  it('given no type, id or time, when read, then they are null and the time is NaN', () => {
    const envelope = read({ amount: 1 })

    expect(envelope).toMatchObject({
      type: null,
      id: null,
      occurredAt: null,
      aggregateId: null,
      aggregateType: null,
      metadata: null,
    })
    expect(envelope.occurredAtMs).toBeNaN()
  })
})

describe('readTime', () => {
  it.each<[Json, string | null, number]>([
    [1_700_000_000, '2023-11-14T22:13:20.000Z', 1_700_000_000_000],
    [1_700_000_000.5, '2023-11-14T22:13:20.500Z', 1_700_000_000_500],
    [1_700_000_000_123, '2023-11-14T22:13:20.123Z', 1_700_000_000_123],
    [0, '1970-01-01T00:00:00.000Z', 0],
  ])('given epoch %j, when read, then it is ISO text %s', (value, text, ms) => {
    const time = readTime(value)

    expect(time.text).toBe(text)
    expect(time.ms).toBeCloseTo(ms, 0)
  })

  it.each<[Json | undefined]>([[null], [undefined], [''], [true], [{}], [[]], [Number.MAX_VALUE]])(
    'given %j, when read, then the time is unknown',
    (value) => {
      const time = readTime(value)

      expect(time.text).toBeNull()
      expect(time.ms).toBeNaN()
    },
  )

  it('given ISO text in another zone, when read, then the text is kept and the instant is correct', () => {
    expect(readTime('2026-03-01T10:00:00+01:00')).toEqual({
      text: '2026-03-01T10:00:00+01:00',
      ms: Date.UTC(2026, 2, 1, 9),
    })
  })
})

describe('inferAggregateType', () => {
  it.each([
    ['UserRegisteredEvent', 'User'],
    ['order.placed', 'order'],
    ['cart:item_added', 'cart'],
    ['invoice_paid', 'invoice'],
    ['Shipment-Dispatched', 'Shipment'],
    ['lowercase', 'lowercase'],
  ])('given the first event type %s, when inferred, then the type is %s', (type, expected) => {
    expect(inferAggregateType(read({ type }))).toBe(expected)
  })

  it('given an explicit aggregate type, when inferred, then it wins over the event type', () => {
    expect(inferAggregateType(read({ type: 'UserRegisteredEvent', aggregateType: 'Account' }))).toBe(
      'Account',
    )
  })

  it('given no type at all, when inferred, then it is null', () => {
    expect(inferAggregateType(read({ x: 1 }))).toBeNull()
  })
})
