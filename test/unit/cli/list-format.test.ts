import { describe, expect, it } from 'vitest'
import type { AggregateRow, StoreSummary } from '../../../shared/contract'
import { describeStyle, listJson, listText, type RowSource } from '../../../electron/cli/format/list-format'
import { jsonlStoreSource } from '../../../electron/core/session/store-capabilities'

const style = {
  payload: 'flat',
  typeField: 'event_type',
  idField: 'event_id',
  timeField: 'occurred_at',
  aggregateIdField: 'aggregate_id',
} as const

const summary: StoreSummary = {
  dir: '/s',
  source: jsonlStoreSource('/s'),
  style,
  aggregates: 2,
  events: 5,
  indexedEvents: 7,
  index: 'ok',
  reconciled: true,
  problems: [
    {
      kind: 'missing_stream',
      severity: 'error',
      line: null,
      offset: null,
      message: 'index.json lists g, but g.events.jsonl does not exist',
      snippet: null,
    },
    {
      kind: 'index_total_mismatch',
      severity: 'warning',
      line: null,
      offset: null,
      message: 'index.json says total_events is 7; the streams hold 5',
      snippet: null,
    },
  ],
  findings: { errors: 1, warnings: 1 },
}

const rows: AggregateRow[] = [
  {
    id: 'a',
    type: 'User',
    eventCount: 5,
    indexedCount: 4,
    lastEventAt: '2026-03-01T12:00:00+00:00',
    status: 'warning',
    issues: ['line 2: Not valid JSON'],
  },
  {
    id: 'g',
    type: null,
    eventCount: 0,
    indexedCount: 3,
    lastEventAt: null,
    status: 'error',
    issues: ['index.json lists g, but g.events.jsonl does not exist'],
  },
]

// a spared by the scan cache, the rest read whole.
const source: RowSource = { from: (id) => (id === 'a' ? 'cache' : 'stream'), cache: 'hit' }

describe('listJson', () => {
  it('given a summary and rows, when rendered, then it has the documented snake_case shape', () => {
    expect(listJson(summary, rows, source)).toEqual({
      dir: '/s',
      style,
      index: 'ok',
      total_events: 5,
      indexed_total_events: 7,
      aggregates: [
        {
          id: 'a',
          event_count: 5,
          last_event_at: '2026-03-01T12:00:00+00:00',
          type: 'User',
          indexed_count: 4,
          status: 'warning',
          issues: ['line 2: Not valid JSON'],
          from: 'cache',
        },
        {
          id: 'g',
          event_count: 0,
          last_event_at: null,
          type: null,
          indexed_count: 3,
          status: 'error',
          issues: ['index.json lists g, but g.events.jsonl does not exist'],
          from: 'stream',
        },
      ],
      problems: summary.problems,
      cache: { state: 'hit', cache: 1, 'cache+tail': 0, stream: 1, index: 0 },
    })
  })
})

describe('listText', () => {
  const text = listText(summary, rows, source).toString()

  it('given rows, when rendered, then the table has a header and one aligned line per aggregate', () => {
    const lines = text.split('\n')
    expect(lines[0]).toMatch(/^AGGREGATE\s+TYPE\s+EVENTS\s+INDEXED\s+LAST EVENT\s+STATUS\s+FROM$/)
    expect(lines[1]).toMatch(/^a\s+User\s+5\s+4\s+2026-03-01T12:00:00\+00:00\s+warning\s+cache$/)
    expect(lines[2]).toMatch(/^g\s+-\s+0\s+3\s+-\s+error\s+stream$/)
  })

  it('given rows had from the cache and from the streams, when rendered, then a line says how fresh they are', () => {
    expect(text).toContain(
      'Every stream checked now: 1 stream as cached (not read), 0 read from their old end, 1 read whole (scan cache: hit)',
    )
  })

  it("given rows from index.json alone, when rendered, then every row says so and the totals are the index's word", () => {
    const fromIndex = listText(summary, rows, { from: () => 'index', cache: null }).toString()
    expect(fromIndex).toContain('From index.json alone: no stream was read or checked')
    expect(fromIndex).toContain('2 aggregates, 5 events as index.json lists them; index.json says 7 events')
    expect(fromIndex.split('\n')[1]).toMatch(/\sindex$/)
  })

  it('given index totals, when rendered, then the totals line compares counted and indexed events', () => {
    expect(text).toContain('2 aggregates, 5 events counted in the streams; index.json says 7 events')
  })

  it('given a finding both at store level and on a row, when rendered, then it is listed once', () => {
    expect(text.match(/g\.events\.jsonl does not exist/g)).toHaveLength(1)
    expect(text).toContain('Problems (3):')
    expect(text).toContain('  a: line 2: Not valid JSON')
    expect(text).toContain('  store: index.json says total_events is 7; the streams hold 5')
  })

  it('given no aggregates, when rendered, then it says the directory holds no streams', () => {
    const empty = listText({ ...summary, events: 0, problems: [], index: 'missing' }, [], source).toString()
    expect(empty).toContain('No aggregates')
    expect(empty).toContain('no index.json')
  })
})

describe('describeStyle', () => {
  it('given a nested style, when described, then it names the payload field and the envelope fields', () => {
    expect(
      describeStyle({
        payload: 'data',
        typeField: 'type',
        idField: 'id',
        timeField: 'timestamp',
        aggregateIdField: null,
      }),
    ).toBe('payload nested under "data" (type "type", id "id", time "timestamp", aggregate id none)')
  })

  it('given no style, when described, then it says none was readable', () => {
    expect(describeStyle(null)).toBe('unknown (no readable events)')
  })
})

describe('listText at scale', () => {
  it('given 200,000 aggregates (list crashed above ~125,000), when listed, then every row is printed', () => {
    const many: AggregateRow[] = Array.from({ length: 200_000 }, (_, i) => ({
      id: `agg-${i}`,
      type: 'User',
      eventCount: 1,
      indexedCount: 1,
      lastEventAt: '2026-03-01T12:00:00+00:00',
      status: 'ok',
      issues: [],
    }))
    const lines = listText({ ...summary, aggregates: many.length, problems: [] }, many, source)
      .toString()
      .split('\n')
    expect(lines.filter((line) => line.startsWith('agg-'))).toHaveLength(200_000)
  })
})
