import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AggregateRow, AggregateStatus, SortColumn } from '../../../../shared/contract'
import { AggregateCatalog, type RowSource } from '../../../../electron/core/store/aggregate-catalog'

// The order the catalog had when it sorted whole rows with comparators (before rows became lazy).
const statusRank: Record<AggregateStatus, number> = { error: 0, warning: 1, pending: 2, ok: 3 }
const text = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0)
function nullable<T>(a: T | null, b: T | null, compare: (x: T, y: T) => number): number {
  if (a === null) return b === null ? 0 : 1
  if (b === null) return -1
  return compare(a, b)
}
const reference: Record<SortColumn, (a: AggregateRow, b: AggregateRow) => number> = {
  id: (a, b) => text(a.id, b.id),
  type: (a, b) => nullable(a.type, b.type, text),
  eventCount: (a, b) => nullable(a.eventCount, b.eventCount, (x, y) => x - y),
  lastEventAt: (a, b) =>
    nullable(
      a.lastEventAt,
      b.lastEventAt,
      (x, y) => (Date.parse(x) || 0) - (Date.parse(y) || 0) || text(x, y),
    ),
  status: (a, b) => statusRank[a.status] - statusRank[b.status],
}
function eagerWindow(
  rows: readonly AggregateRow[],
  column: SortColumn,
  direction: 'asc' | 'desc',
  filter: string,
) {
  const needle = filter.trim().toLowerCase()
  const sign = direction === 'asc' ? 1 : -1
  return rows
    .filter(
      (row) =>
        needle === '' ||
        row.id.toLowerCase().includes(needle) ||
        (row.type ?? '').toLowerCase().includes(needle),
    )
    .sort((a, b) => sign * reference[column](a, b) || text(a.id, b.id))
}

/** A source that counts the rows it builds, like OpenStore: rows exist only when asked for. */
class CountingSource implements RowSource {
  built = 0
  constructor(readonly rows: Map<string, AggregateRow>) {}
  row(id: string): AggregateRow {
    this.built++
    return this.rows.get(id) as AggregateRow
  }
  type(id: string) {
    return this.rows.get(id)?.type ?? null
  }
  eventCount(id: string) {
    return this.rows.get(id)?.eventCount ?? null
  }
  lastEventAt(id: string) {
    return this.rows.get(id)?.lastEventAt ?? null
  }
  lastEventMs(_id: string, at: string) {
    return Date.parse(at) || 0
  }
  status(id: string) {
    return this.rows.get(id)?.status ?? 'pending'
  }
}

const times = [
  null,
  '2026-03-01T09:00:00Z',
  '2026-03-01T09:00:00.000+00:00',
  '2026-03-01T10:00:00+01:00',
  '2026-03-01T09:00:00.000001+00:00',
  '2026-02-28T23:59:59.999+00:00',
  'yesterday',
  'not a time',
]
const rowArbitrary = fc.record({
  id: fc.string({ minLength: 1, maxLength: 4 }),
  type: fc.constantFrom(null, 'Order', 'order', 'User', 'cart'),
  eventCount: fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }),
  indexedCount: fc.constant(null),
  lastEventAt: fc.constantFrom(...times),
  status: fc.constantFrom<AggregateStatus>('ok', 'warning', 'error', 'pending'),
  issues: fc.constant([] as string[]),
})
const queryArbitrary = fc.record({
  column: fc.constantFrom<SortColumn>('id', 'type', 'eventCount', 'lastEventAt', 'status'),
  direction: fc.constantFrom('asc' as const, 'desc' as const),
  filter: fc.constantFrom('', 'o', ' ORD ', 'a', 'zz'),
  offset: fc.integer({ min: 0, max: 45 }),
  limit: fc.integer({ min: 1, max: 50 }),
})

function lazyCatalog(rows: readonly AggregateRow[]): { catalog: AggregateCatalog; source: CountingSource } {
  const source = new CountingSource(new Map(rows.map((row) => [row.id, row])))
  const catalog = new AggregateCatalog(source)
  catalog.replaceIds([...source.rows.keys()].sort(text))
  return { catalog, source }
}

describe('AggregateCatalog over a lazy row source', () => {
  it('given any rows, when windowed by every sort, direction, filter and window, then the rows equal the eagerly sorted slice', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(rowArbitrary, { selector: (row) => row.id, maxLength: 40 }),
        fc.array(queryArbitrary, { minLength: 1, maxLength: 6 }),
        (rows, queries) => {
          const { catalog } = lazyCatalog(rows)
          for (const { column, direction, filter, offset, limit } of queries) {
            const whole = eagerWindow(rows, column, direction, filter)
            const got = catalog.window({ offset, limit, sort: { column, direction }, filter })
            expect(got.rows).toEqual(whole.slice(offset, offset + limit))
            expect([got.total, got.unfiltered, got.offset]).toEqual([whole.length, rows.length, offset])
          }
        },
      ),
    )
  })

  it('given a sorted window was read, when some rows change between windows, then each window equals a fresh eager sort', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(rowArbitrary, { selector: (row) => row.id, minLength: 1, maxLength: 40 }),
        queryArbitrary,
        fc.array(fc.tuple(fc.nat(), rowArbitrary), { maxLength: 12 }),
        (rows, query, edits) => {
          const { catalog, source } = lazyCatalog(rows)
          const sort = { column: query.column, direction: query.direction }
          catalog.window({ offset: 0, limit: 10, sort, filter: query.filter })
          for (const [at, fields] of edits) {
            const id = [...source.rows.keys()][at % source.rows.size] as string
            source.rows.set(id, { ...fields, id })
            catalog.changed(id)
            const whole = eagerWindow([...source.rows.values()], sort.column, sort.direction, query.filter)
            const got = catalog.window({
              offset: query.offset,
              limit: query.limit,
              sort,
              filter: query.filter,
            })
            expect(got.rows).toEqual(whole.slice(query.offset, query.offset + query.limit))
            expect(got.total).toBe(whole.length)
          }
        },
      ),
    )
  })

  it('given 1,000 aggregates, when a window of 50 is asked, then only those 50 rows are built', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      id: `agg-${String(i).padStart(4, '0')}`,
      type: i % 2 === 0 ? 'Order' : 'User',
      eventCount: i % 13,
      indexedCount: null,
      lastEventAt: `2026-03-01T09:${String(i % 60).padStart(2, '0')}:00Z`,
      status: 'ok' as const,
      issues: [],
    }))
    const { catalog, source } = lazyCatalog(rows)

    catalog.window({ offset: 100, limit: 50, sort: { column: 'id', direction: 'asc' }, filter: '' })
    catalog.window({
      offset: 0,
      limit: 50,
      sort: { column: 'lastEventAt', direction: 'desc' },
      filter: 'order',
    })

    expect(source.built).toBe(100)
    expect(catalog.size).toBe(1000)
    expect(catalog.has('agg-0999')).toBe(true)
    expect(catalog.get('nope')).toBeUndefined()
  })
})
