import { describe, expect, it } from 'vitest'
import type { SearchMatchDto } from '../../../../shared/contract'
import { matchesAsJsonl, sortMatches } from '../../../../renderer/src/lib/search-results'

const match = (
  aggregateId: string,
  version: number,
  occurredAt: string | null,
  type = 'T',
): SearchMatchDto => ({
  aggregateId,
  version,
  type,
  occurredAt,
  payload: { n: version },
})

// The host answers in stream order: every match of b, then of a.
const matches = [
  match('b', 1, '2026-01-03T00:00:00Z', 'Paid'),
  match('b', 2, null, 'Paid'),
  match('a', 1, '2026-01-01T00:00:00Z', 'Opened'),
  match('a', 2, '2026-01-04T00:00:00+00:00', 'Paid'),
  match('c', 1, '2026-01-02T01:00:00+01:00', 'Opened'),
]
const ids = (list: readonly SearchMatchDto[]) => list.map((m) => `${m.aggregateId}${m.version}`)

describe('sortMatches', () => {
  it('given matches in stream order, when sorted by time, then oldest first across streams, timeless last', () => {
    expect(ids(sortMatches(matches, 'time'))).toEqual(['a1', 'c1', 'b1', 'a2', 'b2'])
  })

  it('given the same matches, when sorted newest first, then the time order reversed, timeless still last', () => {
    expect(ids(sortMatches(matches, 'time-desc'))).toEqual(['a2', 'b1', 'c1', 'a1', 'b2'])
  })

  it('given the same matches, when sorted by aggregate or by type, then by id and version, or by type then time', () => {
    expect(ids(sortMatches(matches, 'aggregate'))).toEqual(['a1', 'a2', 'b1', 'b2', 'c1'])
    expect(ids(sortMatches(matches, 'type'))).toEqual(['a1', 'c1', 'b1', 'a2', 'b2'])
  })
})

describe('matchesAsJsonl', () => {
  it('given matches with an integer beyond 2^53, when exported, then one JSON line each with every digit', () => {
    const big: SearchMatchDto = {
      ...match('a', 3, '2026-01-05T00:00:00Z'),
      payload: { id: 12345678901234567000 },
      exact: { '/id': '12345678901234567891' },
    }
    const text = matchesAsJsonl([matches[2] as SearchMatchDto, big])
    const lines = text.trimEnd().split('\n')
    expect(lines).toHaveLength(2)
    expect(JSON.parse(lines[0] as string)).toEqual({
      aggregate_id: 'a',
      version: 1,
      event_type: 'Opened',
      occurred_at: '2026-01-01T00:00:00Z',
      payload: { n: 1 },
    })
    expect(lines[1]).toContain('"payload":{"id":12345678901234567891}')
  })
})
