// Every aggregate of the open store as a table row, with sorting and filtering done here so the
// renderer only ever receives the window it shows.

import type { AggregateRow, AggregateStatus, SortColumn } from '../../../shared/contract'

export interface WindowQuery {
  readonly offset: number
  readonly limit: number
  readonly sort: { readonly column: SortColumn; readonly direction: 'asc' | 'desc' }
  readonly filter: string
}

const statusRank: Record<AggregateStatus, number> = { error: 0, warning: 1, pending: 2, ok: 3 }

export class AggregateCatalog {
  private readonly rows = new Map<string, AggregateRow>()
  private cached: { key: string; order: AggregateRow[] } | null = null

  get size(): number {
    return this.rows.size
  }

  get(id: string): AggregateRow | undefined {
    return this.rows.get(id)
  }

  set(row: AggregateRow): void {
    this.rows.set(row.id, row)
    this.cached = null
  }

  clear(): void {
    this.rows.clear()
    this.cached = null
  }

  /** All rows sorted by id. */
  all(): AggregateRow[] {
    return this.ordered({ column: 'id', direction: 'asc' }, '')
  }

  /** One window of the sorted, filtered rows. O(n log n) when sort, filter or rows changed, else O(limit). */
  window(query: WindowQuery): { total: number; unfiltered: number; offset: number; rows: AggregateRow[] } {
    const order = this.ordered(query.sort, query.filter)
    return {
      total: order.length,
      unfiltered: this.rows.size,
      offset: query.offset,
      rows: order.slice(query.offset, query.offset + query.limit),
    }
  }

  private ordered(sort: WindowQuery['sort'], filter: string): AggregateRow[] {
    const needle = filter.trim().toLowerCase()
    const key = `${sort.column}\u0000${sort.direction}\u0000${needle}`
    if (this.cached?.key === key) return this.cached.order
    const rows = [...this.rows.values()].filter((row) => matches(row, needle))
    const sign = sort.direction === 'asc' ? 1 : -1
    if (sort.column === 'lastEventAt') {
      sortByTime(rows, sign)
    } else {
      const compare = comparators[sort.column]
      rows.sort((a, b) => sign * compare(a, b) || compareText(a.id, b.id))
    }
    this.cached = { key, order: rows }
    return rows
  }
}

/**
 * Sort by last event time with each time parsed once, not twice per comparison.
 *
 * O(n) Date.parse plus O(n log n) number comparisons: 100,000 rows sort in tens of milliseconds,
 * where parsing inside the comparator cost ~3.4 million Date.parse calls. Same order as the comparator
 * (unknown times last in ascending order, unparsable text by text, then by id).
 */
function sortByTime(rows: AggregateRow[], sign: number): void {
  const keys = new Map<AggregateRow, number>()
  for (const row of rows) keys.set(row, row.lastEventAt === null ? 0 : Date.parse(row.lastEventAt) || 0)
  rows.sort((a, b) => {
    const byTime =
      a.lastEventAt === null || b.lastEventAt === null
        ? compareNullable(a.lastEventAt, b.lastEventAt, compareText)
        : (keys.get(a) as number) - (keys.get(b) as number) || compareText(a.lastEventAt, b.lastEventAt)
    return sign * byTime || compareText(a.id, b.id)
  })
}

function matches(row: AggregateRow, needle: string): boolean {
  if (needle === '') return true
  return row.id.toLowerCase().includes(needle) || (row.type ?? '').toLowerCase().includes(needle)
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

// Unknown values (null) sort last in ascending order.
function compareNullable<T>(a: T | null, b: T | null, compare: (x: T, y: T) => number): number {
  if (a === null) return b === null ? 0 : 1
  if (b === null) return -1
  return compare(a, b)
}

const comparators: Record<SortColumn, (a: AggregateRow, b: AggregateRow) => number> = {
  id: (a, b) => compareText(a.id, b.id),
  type: (a, b) => compareNullable(a.type, b.type, compareText),
  eventCount: (a, b) => compareNullable(a.eventCount, b.eventCount, (x, y) => x - y),
  lastEventAt: (a, b) =>
    compareNullable(
      a.lastEventAt,
      b.lastEventAt,
      (x, y) => (Date.parse(x) || 0) - (Date.parse(y) || 0) || compareText(x, y),
    ),
  status: (a, b) => statusRank[a.status] - statusRank[b.status],
}
