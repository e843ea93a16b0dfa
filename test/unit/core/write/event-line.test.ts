import { describe, expect, it } from 'vitest'
import { StoreError } from '../../../../electron/core/errors'
import { buildEventLine, seedStyle } from '../../../../electron/core/write/event-line'

const event = {
  aggregateId: 'a1',
  eventType: 'UserRegisteredEvent',
  eventId: 'e1',
  occurredAt: '2026-03-01T12:00:00.123456+00:00',
  payload: { username: 'Zoë', profile: { city: 'Oslo' } },
  metadata: null,
}

describe('buildEventLine', () => {
  it('given the seed style, when built, then the line is what Python json.dumps writes with the envelope first', () => {
    const { line } = buildEventLine(seedStyle, event)
    expect(line).toBe(
      '{"event_id": "e1", "event_type": "UserRegisteredEvent", "aggregate_id": "a1", "occurred_at": "2026-03-01T12:00:00.123456+00:00", "username": "Zo\\u00eb", "profile": {"city": "Oslo"}}',
    )
    expect(JSON.parse(line).username).toBe('Zoë')
  })

  it('given a data-style store, when built, then the payload is nested under data with the store field names', () => {
    const style = {
      payload: 'data',
      typeField: 'type',
      idField: 'id',
      timeField: 'timestamp',
      aggregateIdField: 'aggregateId',
    } as const
    const { object } = buildEventLine(style, { ...event, metadata: { user: 'me' } })
    expect(object).toEqual({
      id: 'e1',
      type: 'UserRegisteredEvent',
      aggregateId: 'a1',
      timestamp: event.occurredAt,
      data: event.payload,
      metadata: { user: 'me' },
    })
  })

  it('given a flat payload with an envelope field name, when built, then it is refused naming the field', () => {
    const build = () => buildEventLine(seedStyle, { ...event, payload: { version: 3 } })
    expect(build).toThrow(StoreError)
    expect(build).toThrow(/"version" collides/)
  })

  it('given a payload key __proto__, when built, then it is stored as data and pollutes nothing', () => {
    const payload = JSON.parse('{"__proto__": {"polluted": true}}')
    const { object, line } = buildEventLine(seedStyle, { ...event, payload })
    expect(Object.hasOwn(object, '__proto__')).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(line).toContain('"__proto__": {"polluted": true}')
  })
})
