import { describe, expect, it } from 'vitest'
import type { NormalizedEvent, Problem } from '../../../shared/contract'
import { eventColumns, eventLine, interleave, problemLine } from '../../../electron/cli/format/events-format'

const event = (version: number, line: number, type = 'Happened'): NormalizedEvent => ({
  version,
  line,
  type,
  occurredAt: '2026-03-01T12:00:00+00:00',
  id: `e${version}`,
  aggregateId: 'a',
  payload: { n: version },
  metadata: null,
  raw: '{}',
})

const problem = (line: number): Problem => ({
  kind: 'bad_line',
  severity: 'error',
  line,
  offset: 0,
  message: `bad ${line}`,
  snippet: 'x',
})

const shape = (rows: ReturnType<typeof interleave>): string[] =>
  rows.map((row) => ('event' in row ? `v${row.event.version}` : `p${row.problem.line}`))

describe('interleave', () => {
  const problems = [problem(1), problem(3), problem(6), problem(9)]

  it('given the first page of a stream, when merged, then problems before and between events come in file order', () => {
    expect(shape(interleave([event(1, 2), event(2, 4)], problems, { afterLine: 0, beforeLine: 5 }))).toEqual([
      'p1',
      'v1',
      'p3',
      'v2',
    ])
  })

  it('given a later page, when merged, then problems of earlier pages are not repeated and trailing ones up to the next event are shown', () => {
    expect(shape(interleave([event(3, 5)], problems, { afterLine: 4, beforeLine: 7 }))).toEqual(['v3', 'p6'])
  })

  it('given the last page, when merged, then problems after the last event are shown', () => {
    expect(shape(interleave([event(4, 7)], problems, { afterLine: 6, beforeLine: Infinity }))).toEqual([
      'v4',
      'p9',
    ])
  })
})

describe('eventLine', () => {
  it('given a page, when printed, then versions are right-aligned and types padded to the widest', () => {
    const page = [event(9, 9, 'A'), event(10, 10, 'Longer')]
    const columns = eventColumns(page, 10)
    expect(eventLine(page[0] as NormalizedEvent, columns)).toBe(
      ' 9  2026-03-01T12:00:00+00:00  A       {"n":9}',
    )
    expect(eventLine(page[1] as NormalizedEvent, columns)).toBe(
      '10  2026-03-01T12:00:00+00:00  Longer  {"n":10}',
    )
  })
})

describe('problemLine', () => {
  it('given a line problem, when printed, then it shows a marker, the line number, the message and the snippet', () => {
    expect(problemLine(problem(3), 2)).toBe(' !  line 3: bad 3  [x]')
  })
})
