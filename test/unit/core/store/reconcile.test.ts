import { describe, expect, it } from 'vitest'
import {
  compareTotals,
  compareWithIndex,
  missingStream,
  storeProblem,
} from '../../../../electron/core/store/reconcile'

const at = '2026-03-01T09:00:00.123456+00:00'
const atMs = Date.parse(at)

describe('compareWithIndex', () => {
  it('given an index entry that matches the stream, when compared, then there are no findings', () => {
    expect(
      compareWithIndex(
        'u1',
        { eventCount: 3, lastEventAt: at },
        { eventCount: 3, lastEventAt: at, lastEventAtMs: atMs },
      ),
    ).toEqual([])
  })

  it('given the same instant written differently (Z, fewer digits), when compared, then it is not a mismatch', () => {
    const facts = {
      eventCount: 1,
      lastEventAt: '2026-03-01T09:00:00.123Z',
      lastEventAtMs: Date.parse('2026-03-01T09:00:00.123Z'),
    }

    expect(compareWithIndex('u1', { eventCount: 1, lastEventAt: at }, facts)).toEqual([])
  })

  it('given a stream the index does not list, when compared, then one missing_from_index warning names it', () => {
    expect(
      compareWithIndex('u1', undefined, { eventCount: 1, lastEventAt: at, lastEventAtMs: atMs }),
    ).toEqual([
      {
        kind: 'missing_from_index',
        severity: 'warning',
        line: null,
        offset: null,
        message: 'Stream u1 is not listed in index.json',
        snippet: null,
      },
    ])
  })

  it('given a different event count, when compared, then an index_count_mismatch warning gives both numbers', () => {
    const problems = compareWithIndex(
      'u1',
      { eventCount: 5, lastEventAt: at },
      { eventCount: 3, lastEventAt: at, lastEventAtMs: atMs },
    )

    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ kind: 'index_count_mismatch', severity: 'warning', line: null })
    expect(problems[0]?.message).toContain('5')
    expect(problems[0]?.message).toContain('3')
  })

  it('given a different last event time, when compared, then an index_last_event_mismatch warning is reported', () => {
    const problems = compareWithIndex(
      'u1',
      { eventCount: 3, lastEventAt: '2026-03-01T09:00:01+00:00' },
      { eventCount: 3, lastEventAt: at, lastEventAtMs: atMs },
    )

    expect(problems.map((problem) => problem.kind)).toEqual(['index_last_event_mismatch'])
  })

  it('given an entry without numbers (event_count missing, last_event_at null) for a non-empty stream, when compared, then both differ', () => {
    const problems = compareWithIndex(
      'u1',
      { eventCount: null, lastEventAt: null },
      { eventCount: 2, lastEventAt: at, lastEventAtMs: atMs },
    )

    expect(problems.map((problem) => problem.kind)).toEqual([
      'index_count_mismatch',
      'index_last_event_mismatch',
    ])
  })

  it('given an index time that does not parse, when compared with a stream time, then it is a mismatch', () => {
    const problems = compareWithIndex(
      'u1',
      { eventCount: 1, lastEventAt: 'yesterday' },
      { eventCount: 1, lastEventAt: at, lastEventAtMs: atMs },
    )

    expect(problems.map((problem) => problem.kind)).toEqual(['index_last_event_mismatch'])
  })

  it('given an empty stream and an entry for zero events with no time, when compared, then there are no findings', () => {
    expect(
      compareWithIndex(
        'u1',
        { eventCount: 0, lastEventAt: null },
        { eventCount: 0, lastEventAt: null, lastEventAtMs: Number.NaN },
      ),
    ).toEqual([])
  })
})

describe('compareTotals', () => {
  it.each<[number | null, number, boolean]>([
    [null, 7, false],
    [7, 7, false],
    [8, 7, true],
    [0, 7, true],
  ])(
    'given total_events %j and %j counted, when compared, then a finding is reported: %j',
    (indexTotal, counted, reported) => {
      const problem = compareTotals(indexTotal, counted)

      expect(problem !== null).toBe(reported)
      if (problem)
        expect(problem).toMatchObject({
          kind: 'index_total_mismatch',
          severity: 'warning',
          line: null,
          offset: null,
        })
    },
  )
})

describe('missingStream and storeProblem', () => {
  it('given an index entry with no file, when described, then it is an error naming the expected file', () => {
    expect(missingStream('ghost')).toEqual({
      kind: 'missing_stream',
      severity: 'error',
      line: null,
      offset: null,
      message: 'index.json lists ghost, but ghost.events.jsonl does not exist',
      snippet: null,
    })
  })

  it('given a kind and message, when built, then it is a store-level problem with the severity of its kind and no line or offset', () => {
    expect(storeProblem('index_unreadable', 'x')).toEqual({
      kind: 'index_unreadable',
      severity: 'error',
      line: null,
      offset: null,
      message: 'x',
      snippet: null,
    })
  })
})

// An entry with no count is not "no events" (that reads as zero), 1e400 (Infinity once parsed) is no
// count, and an entry with no time text is not "never".
const wordsFacts = {
  eventCount: 3,
  lastEventAt: '2024-01-01T00:00:00',
  lastEventAtMs: Date.parse('2024-01-01T00:00:00Z'),
}
const messages = (eventCount: number | null, lastEventAt: string | null): string[] =>
  compareWithIndex('acc-1', { eventCount, lastEventAt }, wordsFacts).map((problem) => problem.message)

describe('given an index entry that disagrees with its stream', () => {
  it('when it holds counts and times, then it is quoted', () => {
    expect(messages(1, '2023-01-01T00:00:00')).toEqual([
      'index.json counts 1 event for acc-1; the stream has 3',
      'index.json says acc-1 last changed at 2023-01-01T00:00:00; its last event is at 2024-01-01T00:00:00',
    ])
  })

  it('when it holds no number, no count or no time text, then it says so instead of a count of none or "never"', () => {
    expect(messages(null, null)).toEqual([
      'index.json has no event_count number for acc-1; the stream has 3',
      'index.json has no last_event_at text for acc-1; its last event is at 2024-01-01T00:00:00',
    ])
    expect(messages(Number.POSITIVE_INFINITY, wordsFacts.lastEventAt)).toEqual([
      "index.json's event_count for acc-1 is Infinity, not a count of events; the stream has 3",
    ])
    expect(messages(2.5, wordsFacts.lastEventAt)[0]).toBe(
      "index.json's event_count for acc-1 is 2.5, not a count of events; the stream has 3",
    )
  })
})
