import { describe, expect, it } from 'vitest'
import { newIndexText, updatedIndexText } from '../../../../electron/core/write/index-update'

const seedIndex = `{
  "aggregates": {
    "a1": {
      "event_count": 2,
      "last_event_at": "2026-01-01T00:00:00+00:00",
      "owner": "billing"
    }
  },
  "total_events": 2,
  "schema": "v1"
}`

describe('updatedIndexText', () => {
  it('given an existing entry, when an append moves it, then count, time and total follow and unknown keys stay', () => {
    const text = updatedIndexText(seedIndex, {
      aggregateId: 'a1',
      eventCount: 3,
      lastEventAt: '2026-01-02T00:00:00+00:00',
    })
    const index = JSON.parse(text)
    expect(index).toEqual({
      aggregates: { a1: { event_count: 3, last_event_at: '2026-01-02T00:00:00+00:00', owner: 'billing' } },
      total_events: 3,
      schema: 'v1',
    })
  })

  it('given a new aggregate, when appended, then its entry is added and the total grows by one', () => {
    const index = JSON.parse(
      updatedIndexText(seedIndex, { aggregateId: 'b2', eventCount: 1, lastEventAt: 't' }),
    )
    expect(index.aggregates.b2).toEqual({ event_count: 1, last_event_at: 't' })
    expect(index.total_events).toBe(3)
  })

  it('given any update, when written, then it is formatted as Python json.dump(indent=2) writes it', () => {
    const text = updatedIndexText(seedIndex, {
      aggregateId: 'a1',
      eventCount: 2,
      lastEventAt: '2026-01-01T00:00:00+00:00',
    })
    expect(text).toBe(seedIndex)
  })

  it.each(['not json', '[]', '{"total_events": 1}'])(
    'given the unreadable index %j, when updated, then it refuses',
    (text) => {
      expect(() => updatedIndexText(text, { aggregateId: 'a', eventCount: 1, lastEventAt: null })).toThrow(
        /index.json is unreadable/,
      )
    },
  )
})

describe('newIndexText', () => {
  it('given entries, when written, then totals add up and the text matches the seed layout', () => {
    const text = newIndexText([
      { aggregateId: 'a', eventCount: 2, lastEventAt: 'x' },
      { aggregateId: 'b', eventCount: 5, lastEventAt: null },
    ])
    expect(text).toBe(
      '{\n  "aggregates": {\n    "a": {\n      "event_count": 2,\n      "last_event_at": "x"\n    },\n    "b": {\n      "event_count": 5,\n      "last_event_at": null\n    }\n  },\n  "total_events": 7\n}',
    )
  })
})
