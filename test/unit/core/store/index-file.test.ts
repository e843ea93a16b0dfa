import { describe, expect, it } from 'vitest'
import { parseStoreIndex } from '../../../../electron/core/store/index-file'

describe('parseStoreIndex', () => {
  it('given the seed layout, when parsed, then every entry and the total are read', () => {
    const text = JSON.stringify(
      {
        aggregates: {
          u1: { event_count: 3, last_event_at: '2026-03-01T09:00:00.123456' },
          o2: { event_count: 1, last_event_at: null },
        },
        total_events: 4,
      },
      null,
      2,
    )

    const index = parseStoreIndex(text)

    expect(index).toEqual({
      state: 'ok',
      totalEvents: 4,
      entries: new Map([
        ['u1', { eventCount: 3, lastEventAt: '2026-03-01T09:00:00.123456' }],
        ['o2', { eventCount: 1, lastEventAt: null }],
      ]),
    })
  })

  it('given a UTF-8 BOM before the JSON, when parsed, then it is read as usual', () => {
    expect(parseStoreIndex('\uFEFF{"aggregates": {}, "total_events": 0}')).toEqual({
      state: 'ok',
      entries: new Map(),
      totalEvents: 0,
    })
  })

  it('given entries of the wrong shape, when parsed, then unknown values are null and the entry is still listed', () => {
    const index = parseStoreIndex(
      '{"aggregates": {"a": 5, "b": {"event_count": "3", "last_event_at": 17}, "c": null}}',
    )

    expect(index).toEqual({
      state: 'ok',
      totalEvents: null,
      entries: new Map([
        ['a', { eventCount: null, lastEventAt: null }],
        ['b', { eventCount: null, lastEventAt: null }],
        ['c', { eventCount: null, lastEventAt: null }],
      ]),
    })
  })

  it('given an aggregate id of __proto__, when parsed, then it is an ordinary entry', () => {
    const index = parseStoreIndex(
      '{"aggregates": {"__proto__": {"event_count": 1, "last_event_at": null}}, "total_events": 1}',
    )

    expect(index.state === 'ok' && [...index.entries.keys()]).toEqual(['__proto__'])
  })

  it.each([
    ['not JSON', '{"aggregates": {'],
    ['empty', ''],
    ['an array', '[]'],
    ['no aggregates', '{"total_events": 0}'],
    ['aggregates not an object', '{"aggregates": []}'],
  ])(
    'given an index that is %s, when parsed, then it is unreadable with a reason, not an error',
    (_what, text) => {
      const index = parseStoreIndex(text)

      expect(index.state).toBe('unreadable')
      expect(index.state === 'unreadable' && index.reason.length).toBeGreaterThan(0)
    },
  )
})
