import { describe, expect, it } from 'vitest'
import { newIndexText, parseIndexDocument } from '../../../../electron/core/write/index-update'
import { entryChanges } from '../../../../electron/core/write/reindex'

describe('newIndexText with a previous index', () => {
  const previous = parseIndexDocument(
    '{"version": 2, "aggregates": {"b": {"event_count": 1, "last_event_at": null, "tag": "x"}, "gone": {"event_count": 4}, "a": {"event_count": 2, "last_event_at": "t2"}}, "total_events": 7, "note": "kept"}',
  )

  it('given entries, when rebuilt, then unknown keys and the old order are kept, gone entries dropped and new ones appended', () => {
    const text = newIndexText(
      [
        { aggregateId: 'a', eventCount: 2, lastEventAt: 't2' },
        { aggregateId: 'b', eventCount: 3, lastEventAt: 't3' },
        { aggregateId: 'c', eventCount: 1, lastEventAt: 't1' },
      ],
      previous,
    )
    expect(text).toBe(
      '{\n  "version": 2,\n  "aggregates": {\n    "b": {\n      "event_count": 3,\n      "last_event_at": "t3",\n      "tag": "x"\n    },\n' +
        '    "a": {\n      "event_count": 2,\n      "last_event_at": "t2"\n    },\n    "c": {\n      "event_count": 1,\n      "last_event_at": "t1"\n    }\n  },\n' +
        '  "total_events": 6,\n  "note": "kept"\n}',
    )
  })

  it('given the same entries, when compared, then the changes name what was added, removed and updated', () => {
    expect(
      entryChanges(previous, [
        { aggregateId: 'a', eventCount: 2, lastEventAt: 't2' },
        { aggregateId: 'b', eventCount: 3, lastEventAt: 't3' },
        { aggregateId: 'constructor', eventCount: 1, lastEventAt: null },
      ]),
    ).toEqual({ added: ['constructor'], removed: ['gone'], updated: ['b'] })
  })

  it('given text that is not an index, when parsed, then it is null', () => {
    expect(parseIndexDocument('{"aggregates": [')).toBeNull()
    expect(parseIndexDocument('{"aggregates": []}')).toBeNull()
    expect(parseIndexDocument('\uFEFF{"aggregates": {}}')).toEqual({ aggregates: {} })
  })
})
