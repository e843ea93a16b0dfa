import { describe, expect, it } from 'vitest'
import { pythonJsonDumps } from '../../../../electron/core/gen/python-json'
import { IndexLayout } from '../../../../electron/core/write/index-layout'
import { updatedIndexText, type IndexChange } from '../../../../electron/core/write/index-update'

const layoutOf = (text: string): IndexLayout => IndexLayout.fromText(text)
const dump = (value: unknown): string => pythonJsonDumps(value as never, { indent: 2 })

/** A small deterministic PRNG, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

const seedIndex = dump({
  aggregates: {
    a1: { event_count: 2, last_event_at: '2026-01-01T00:00:00+00:00', owner: 'billing' },
    zoë: { event_count: 1, last_event_at: null },
  },
  total_events: 3,
  schema: { version: 1, tags: ['x', 'y'] },
})

describe('IndexLayout', () => {
  it('given a laid-out index, when nothing changed, then its text is the file as it was', () => {
    expect(layoutOf(seedIndex).text).toBe(seedIndex)
    expect(layoutOf('{"aggregates": {}, "total_events": 0}').text).toBe(
      '{"aggregates": {}, "total_events": 0}',
    )
  })

  it('given unknown keys holding 1.0, 2^64, integer-like keys and non-ASCII text, when an append changes an entry, then only its count, time and the total change, byte for byte', () => {
    const before =
      '{"aggregates": {"2": {"event_count": 1, "last_event_at": "t0", "weight": 1.0},\n "1": {"event_count": 5,  "last_event_at": null, "note": "café"}},\n' +
      ' "total_events": 18446744073709551616, "ratio": 1.0, "big": 18446744073709551616, "order": {"b": 1, "2": 2, "1": 1}}'
    const after = layoutOf(before).apply([{ aggregateId: '1', eventCount: 7, lastEventAt: 't9' }])
    expect(after).toBe(
      '{"aggregates": {"2": {"event_count": 1, "last_event_at": "t0", "weight": 1.0},\n "1": {"event_count": 7,  "last_event_at": "t9", "note": "café"}},\n' +
        ' "total_events": 18446744073709551618, "ratio": 1.0, "big": 18446744073709551616, "order": {"b": 1, "2": 2, "1": 1}}',
    )
  })

  it('given an entry without a time and a new aggregate, when appended, then the time goes after its last member and the new entry after the last, in the file own spacing', () => {
    const layout = layoutOf(
      '{"aggregates": {"a": {"event_count": 1}, "b": {"event_count": 2}}, "total_events": 3}',
    )
    expect(layout.apply([{ aggregateId: 'a', eventCount: 2, lastEventAt: 't' }])).toBe(
      '{"aggregates": {"a": {"event_count": 2, "last_event_at": "t"}, "b": {"event_count": 2}}, "total_events": 4}',
    )
    expect(layout.apply([{ aggregateId: 'c', eventCount: 1, lastEventAt: null }])).toBe(
      '{"aggregates": {"a": {"event_count": 2, "last_event_at": "t"}, "b": {"event_count": 2}}, "c": {\n      "event_count": 1,\n      "last_event_at": null\n    }}, "total_events": 5}'.replace(
        '}}, "c"',
        '}, "c"',
      ),
    )
    expect(layout.apply([{ aggregateId: 'b', eventCount: 3, lastEventAt: 'u' }])).toContain(
      '"b": {"event_count": 3, "last_event_at": "u"}',
    )
  })

  it('given 300 random appends one by one, when each is spliced, then every text equals the old whole rewrite byte for byte', () => {
    const next = random(7)
    let expected = seedIndex
    const layout = layoutOf(seedIndex)
    const ids = ['a1', 'zoë', 'b"q', 'c\\d']
    const counts = new Map<string, number>([
      ['a1', 2],
      ['zoë', 1],
    ])
    for (let n = 0; n < 300; n++) {
      const id = next() < 0.2 ? `new-${n}` : (ids[Math.floor(next() * ids.length)] as string)
      if (!ids.includes(id)) ids.push(id)
      // Counts jump now and then (a stream another writer grew), and sometimes cross a digit boundary.
      const count = (counts.get(id) ?? 0) + (next() < 0.1 ? 95 : 1)
      counts.set(id, count)
      const change: IndexChange = {
        aggregateId: id,
        eventCount: count,
        lastEventAt: next() < 0.1 ? null : `2026-01-01T00:00:${String(n % 60).padStart(2, '0')}.${n}+00:00`,
      }
      expected = updatedIndexText(expected, change)
      expect(layout.apply([change])).toBe(expected)
    }
    expect(layout.text).toBe(dump(JSON.parse(layout.text)))
  })

  it('given a batch of changes with repeated and new ids, when applied at once, then the text equals applying them one by one', () => {
    const next = random(11)
    let expected = seedIndex
    const layout = layoutOf(seedIndex)
    for (let round = 0; round < 20; round++) {
      const changes: IndexChange[] = []
      for (let i = 0; i < 25; i++) {
        const id =
          next() < 0.3 ? `n${round}-${i}` : next() < 0.5 ? 'a1' : `n${Math.floor(next() * round)}-${i % 5}`
        changes.push({
          aggregateId: id,
          eventCount: Math.floor(next() * 1000),
          lastEventAt: `t${round}.${i}`,
        })
      }
      for (const change of changes) expected = updatedIndexText(expected, change)
      expect(layout.apply(changes)).toBe(expected)
    }
  })

  it('given new aggregates, when appended, then their entries go at the end of "aggregates", in Python dict order, even "42"', () => {
    const layout = layoutOf(seedIndex)
    layout.apply([{ aggregateId: 'b', eventCount: 1, lastEventAt: 't1' }])
    const text = layout.apply([{ aggregateId: '42', eventCount: 1, lastEventAt: 't2' }])
    expect(text.indexOf('"b"')).toBeGreaterThan(text.indexOf('"zo\\u00eb"'))
    // A JS object would list "42" first; Python keeps insertion order, and so does the layout.
    expect(text.indexOf('"42"')).toBeGreaterThan(text.indexOf('"b"'))
    expect(JSON.parse(text)).toMatchObject({ total_events: 5, schema: { version: 1 } })
  })

  it('given an empty index, a missing total or a total that is not a number, when appended, then the document is written as the seed writes it, numbers as they were', () => {
    // A store just made: the first entry is written as the seed's writer writes every append.
    const empty = layoutOf('{"aggregates": {}, "total_events": 0}')
    expect(empty.apply([{ aggregateId: 'x', eventCount: 1, lastEventAt: 'a' }])).toBe(
      dump({ aggregates: { x: { event_count: 1, last_event_at: 'a' } }, total_events: 1 }),
    )
    expect(empty.apply([{ aggregateId: 'y', eventCount: 2, lastEventAt: 'b' }])).toContain(
      '"total_events": 3\n}',
    )
    const noTotal = layoutOf('{"aggregates": {"x": {"event_count": 1, "last_event_at": null}}}')
    expect(JSON.parse(noTotal.apply([{ aggregateId: 'x', eventCount: 2, lastEventAt: 'a' }]))).toEqual({
      aggregates: { x: { event_count: 2, last_event_at: 'a' } },
      total_events: 1,
    })
    const lots = layoutOf('{"total_events": "lots", "aggregates": {"x": 3}, "extra": [1, 2.50, 1E5]}')
    const text = lots.apply([{ aggregateId: 'x', eventCount: 2, lastEventAt: 'a' }])
    // The total is there (not a number): edited in place, the rest of the file as it was.
    expect(text).toContain('"extra": [1, 2.50, 1E5]')
    expect(JSON.parse(text)).toMatchObject({ total_events: 2, aggregates: { x: { event_count: 2 } } })
  })
})
