// Every aggregate of the open store as a table row, with sorting and filtering done here so the
// renderer only ever receives the window it shows.
//
// Rows are not stored: the catalog holds the sorted ids and asks its source for a row only when a
// window shows it (O(limit) rows per window), and for sort keys when a sort needs them. Opening a
// store of 100,000 aggregates thus builds no row at all before its first page.

import type { AggregateRow, AggregateStatus, SortColumn } from '../../../shared/contract'
import {
  compareText,
  keyColumn,
  positionComparator,
  repairOrder,
  sortPositions,
  type KeyColumn,
  type SortFields,
} from './catalog-order'
import { sameIds } from './store-ids'

export interface WindowQuery {
  readonly offset: number
  readonly limit: number
  readonly sort: { readonly column: SortColumn; readonly direction: 'asc' | 'desc' }
  readonly filter: string
}

/** Where rows come from: built on demand, and their sort fields read without building them. */
export interface RowSource extends SortFields {
  row(id: string): AggregateRow
}

interface CachedOrder {
  readonly column: SortColumn
  readonly sign: 1 | -1
  readonly needle: string
  readonly key: KeyColumn
  order: Int32Array
  /** Positions whose fields changed since `order` was computed (may repeat). */
  readonly changed: number[]
}

export class AggregateCatalog {
  /** Every aggregate id, sorted (code-unit order), no repeats; a row's position is its index here. */
  private ids: readonly string[] = []
  private cached: CachedOrder | null = null
  private readonly own: Map<string, AggregateRow> | null

  /** A catalog over `source`; without one it holds the rows given to `set` itself. */
  constructor(private readonly source: RowSource = mapSource(new Map())) {
    this.own = source instanceof MapSource ? source.rows : null
  }

  get size(): number {
    return this.ids.length
  }

  /** Every id, sorted: the order of all(); a new array whenever the ids change. */
  get sortedIds(): readonly string[] {
    return this.ids
  }

  has(id: string): boolean {
    return positionOf(this.ids, id) >= 0
  }

  get(id: string): AggregateRow | undefined {
    return this.has(id) ? this.source.row(id) : undefined
  }

  /** Replace the list of aggregates (`ids` sorted and without repeats); every cached order goes. */
  replaceIds(ids: readonly string[]): void {
    if (sameIds(this.ids, ids)) return
    this.ids = ids
    this.cached = null
  }

  /** The fields of every row may have changed (the index was read): the next window sorts again. */
  resort(): void {
    this.cached = null
  }

  /** The fields of `id` may have changed: its row moves in the cached order at the next window. O(log n). */
  changed(id: string): void {
    const cached = this.cached
    if (!cached) return
    const position = positionOf(this.ids, id)
    if (position < 0) return
    cached.changed.push(position)
    // Past a quarter of the rows, sorting again is as cheap as moving them.
    if (cached.changed.length > this.ids.length / 4 + 64) this.cached = null
  }

  /** Add or replace a row of a catalog that holds its own rows. */
  set(row: AggregateRow): void {
    if (!this.own) throw new Error('This catalog reads its rows from its source')
    this.own.set(row.id, row)
    if (this.has(row.id)) this.changed(row.id)
    else this.replaceIds([...this.own.keys()].sort(compareText))
  }

  clear(): void {
    this.own?.clear()
    this.replaceIds([])
  }

  /** All rows sorted by id. */
  all(): AggregateRow[] {
    return this.window({
      offset: 0,
      limit: this.ids.length,
      sort: { column: 'id', direction: 'asc' },
      filter: '',
    }).rows
  }

  /**
   * One window of the sorted, filtered rows: O(limit) rows built. The order costs O(n log n) when the
   * sort or filter changed, O(n + k log k) when k rows changed since, else nothing; sorted by id and
   * unfiltered it is the list of ids itself.
   */
  window(query: WindowQuery): { total: number; unfiltered: number; offset: number; rows: AggregateRow[] } {
    const { offset, limit } = query
    const needle = query.filter.trim().toLowerCase()
    const sign = query.sort.direction === 'asc' ? 1 : -1
    const n = this.ids.length
    const positions: number[] = []
    let total: number
    if (query.sort.column === 'id' && needle === '') {
      total = n
      for (let i = offset; i < Math.min(n, offset + limit); i++) positions.push(sign === 1 ? i : n - 1 - i)
    } else {
      const order = this.ordered(query.sort.column, sign, needle)
      total = order.length
      for (let i = offset; i < Math.min(total, offset + limit); i++) positions.push(order[i] as number)
    }
    const rows = positions.map((position) => this.source.row(this.ids[position] as string))
    return { total, unfiltered: n, offset, rows }
  }

  private ordered(column: SortColumn, sign: 1 | -1, needle: string): Int32Array {
    const cached = this.cached
    const keep = (position: number): boolean => this.matches(position, needle)
    if (cached?.column === column) for (const position of cached.changed) cached.key.update(position)
    if (cached?.column === column && cached.sign === sign && cached.needle === needle) {
      if (cached.changed.length > 0) {
        cached.order = repairOrder(
          cached.order,
          this.ids.length,
          cached.changed,
          keep,
          positionComparator(cached.key, sign),
        )
        cached.changed.length = 0
      }
      return cached.order
    }
    // The key column is reused when only the direction or the filter changed.
    const key = cached?.column === column ? cached.key : keyColumn(column, this.ids, this.source)
    const order = sortPositions(this.ids.length, keep, key, sign)
    this.cached = { column, sign, needle, key, order, changed: [] }
    return order
  }

  private matches(position: number, needle: string): boolean {
    if (needle === '') return true
    const id = this.ids[position] as string
    return id.toLowerCase().includes(needle) || (this.source.type(id) ?? '').toLowerCase().includes(needle)
  }
}

/** The position of `id` in the sorted `ids`, or -1. O(log n) comparisons. */
export function positionOf(ids: readonly string[], id: string): number {
  let low = 0
  let high = ids.length - 1
  while (low <= high) {
    const middle = (low + high) >>> 1
    const at = ids[middle] as string
    if (at === id) return middle
    if (at < id) low = middle + 1
    else high = middle - 1
  }
  return -1
}

class MapSource implements RowSource {
  constructor(readonly rows: Map<string, AggregateRow>) {}
  row(id: string): AggregateRow {
    return this.rows.get(id) as AggregateRow
  }
  type(id: string): string | null {
    return this.rows.get(id)?.type ?? null
  }
  eventCount(id: string): number | null {
    return this.rows.get(id)?.eventCount ?? null
  }
  lastEventAt(id: string): string | null {
    return this.rows.get(id)?.lastEventAt ?? null
  }
  lastEventMs(_id: string, text: string): number {
    return Date.parse(text) || 0
  }
  status(id: string): AggregateStatus {
    return this.rows.get(id)?.status ?? 'pending'
  }
}

function mapSource(rows: Map<string, AggregateRow>): RowSource {
  return new MapSource(rows)
}
