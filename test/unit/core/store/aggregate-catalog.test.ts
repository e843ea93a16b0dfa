import { describe, expect, it } from 'vitest'
import type { AggregateRow, SortColumn } from '../../../../shared/contract'
import { AggregateCatalog } from '../../../../electron/core/store/aggregate-catalog'

function row(id: string, fields: Partial<AggregateRow> = {}): AggregateRow {
  return {
    id,
    type: null,
    eventCount: null,
    indexedCount: null,
    lastEventAt: null,
    status: 'ok',
    issues: [],
    ...fields,
  }
}

const rows: AggregateRow[] = [
  row('order-2', {
    type: 'Order',
    eventCount: 5,
    lastEventAt: '2026-03-01T10:00:00+00:00',
    status: 'warning',
  }),
  row('user-1', { type: 'User', eventCount: 12, lastEventAt: '2026-03-01T09:00:00Z', status: 'ok' }),
  row('order-10', { type: 'Order', eventCount: null, lastEventAt: null, status: 'pending' }),
  row('account-3', {
    type: null,
    eventCount: 0,
    lastEventAt: '2026-02-28T23:59:59.999+00:00',
    status: 'error',
  }),
  row('Cart-4', { type: 'cart', eventCount: 5, lastEventAt: '2026-03-01T09:30:00.000+01:00', status: 'ok' }),
]

function catalogOf(list: readonly AggregateRow[]): AggregateCatalog {
  const catalog = new AggregateCatalog()
  for (const item of list) catalog.set(item)
  return catalog
}

function ids(
  catalog: AggregateCatalog,
  column: SortColumn,
  direction: 'asc' | 'desc',
  filter = '',
): string[] {
  return catalog
    .window({ offset: 0, limit: 100, sort: { column, direction }, filter })
    .rows.map((item) => item.id)
}

describe('AggregateCatalog', () => {
  it.each<[SortColumn, string[]]>([
    ['id', ['Cart-4', 'account-3', 'order-10', 'order-2', 'user-1']],
    // Nulls last; equal values fall back to the id (plain code-unit order: 'Order' < 'User' < 'cart').
    ['type', ['order-10', 'order-2', 'user-1', 'Cart-4', 'account-3']],
    ['eventCount', ['account-3', 'Cart-4', 'order-2', 'user-1', 'order-10']],
    // Instants, not text: 09:30+01:00 is 08:30Z, before user-1's 09:00Z though its text sorts after.
    ['lastEventAt', ['account-3', 'Cart-4', 'user-1', 'order-2', 'order-10']],
    ['status', ['account-3', 'order-2', 'order-10', 'Cart-4', 'user-1']],
  ])(
    'given rows with gaps, when sorted by %s ascending, then they are in order with unknown values last',
    (column, expected) => {
      expect(ids(catalogOf(rows), column, 'asc')).toEqual(expected)
    },
  )

  it.each<SortColumn>(['id', 'type', 'eventCount', 'lastEventAt', 'status'])(
    'given rows, when sorted by %s descending, then distinct values come in the reverse of ascending order',
    (column) => {
      const catalog = catalogOf(rows)
      const ascending = catalog.window({
        offset: 0,
        limit: 100,
        sort: { column, direction: 'asc' },
        filter: '',
      }).rows
      const descending = catalog.window({
        offset: 0,
        limit: 100,
        sort: { column, direction: 'desc' },
        filter: '',
      }).rows
      const key = (item: AggregateRow): string => {
        const value = item[column]
        return column === 'lastEventAt' && typeof value === 'string'
          ? String(Date.parse(value))
          : JSON.stringify(value)
      }
      const distinct = (list: AggregateRow[]): string[] => [...new Set(list.map(key))]

      expect(distinct(descending)).toEqual(distinct(ascending).reverse())
      expect(descending).toHaveLength(rows.length)
    },
  )

  it.each<[SortColumn, Partial<AggregateRow>]>([
    ['status', { status: 'pending' }],
    ['eventCount', { eventCount: 4 }],
    ['eventCount', { eventCount: null }],
    ['lastEventAt', { lastEventAt: '2026-03-01T10:00:00+00:00' }],
  ])(
    'given every row with the same %s, when sorted either way, then they keep the order of their ids (a filter applied)',
    (column, same) => {
      const many = ['b-2', 'a-1', 'c-10', 'a-3', 'B-7'].map((id) => row(id, same))
      const catalog = catalogOf(many)

      for (const direction of ['asc', 'desc'] as const) {
        expect(ids(catalog, column, direction)).toEqual(['B-7', 'a-1', 'a-3', 'b-2', 'c-10'])
        expect(ids(catalog, column, direction, 'a-')).toEqual(['a-1', 'a-3'])
      }
    },
  )

  it('given a filter, when windowed, then rows whose id or type contain it (any case, trimmed) are kept and total counts them', () => {
    const catalog = catalogOf(rows)

    const result = catalog.window({
      offset: 0,
      limit: 100,
      sort: { column: 'id', direction: 'asc' },
      filter: '  ORDER ',
    })

    expect(result.rows.map((item) => item.id)).toEqual(['order-10', 'order-2'])
    expect([result.total, result.unfiltered]).toEqual([2, 5])
    expect(ids(catalog, 'id', 'asc', 'car')).toEqual(['Cart-4'])
    expect(ids(catalog, 'id', 'asc', 'user')).toEqual(['user-1'])
    expect(ids(catalog, 'id', 'asc', 'nothing')).toEqual([])
  })

  it('given many rows, when read in windows at every offset, then each window is the matching slice of the whole', () => {
    const many = Array.from({ length: 57 }, (_, i) =>
      row(`agg-${i}`, { eventCount: i % 7 === 0 ? null : (i * 13) % 11, type: i % 3 === 0 ? 'Even' : 'Odd' }),
    )
    const catalog = catalogOf(many)
    const sort = { column: 'eventCount', direction: 'desc' } as const
    const whole = catalog.window({ offset: 0, limit: 1000, sort, filter: 'odd' }).rows

    for (let offset = 0; offset <= whole.length + 2; offset++) {
      for (const limit of [1, 5, 20]) {
        const window = catalog.window({ offset, limit, sort, filter: 'odd' })
        expect(window.rows).toEqual(whole.slice(offset, offset + limit))
        expect(window.offset).toBe(offset)
        expect(window.total).toBe(whole.length)
      }
    }
  })

  it('given a sorted window was read, when a row changes, then the next window reflects the change', () => {
    const catalog = catalogOf(rows)
    const before = ids(catalog, 'eventCount', 'asc')

    catalog.set(row('order-10', { type: 'Order', eventCount: 100, status: 'ok' }))

    expect(before.at(-1)).toBe('order-10')
    expect(ids(catalog, 'eventCount', 'asc')).toEqual([
      'account-3',
      'Cart-4',
      'order-2',
      'user-1',
      'order-10',
    ])
    expect(ids(catalog, 'eventCount', 'desc')[0]).toBe('order-10')
    expect(catalog.get('order-10')?.eventCount).toBe(100)
    expect(catalog.size).toBe(5)
  })

  it('given rows, when all() is asked, then every row is returned sorted by id', () => {
    expect(
      catalogOf(rows)
        .all()
        .map((item) => item.id),
    ).toEqual(['Cart-4', 'account-3', 'order-10', 'order-2', 'user-1'])
  })
})
