// The aggregates list: sort, filter and the pages of rows fetched from the host.
//
// Sorting, filtering and paging belong to the host (it may hold 100,000 aggregates); the renderer asks
// for 200-row pages around what is visible. `generation` moves whenever the answer could change, so late
// replies to old questions are dropped and stale pages are refetched (but still shown until replaced).

import type { AggregateRow, SortColumn } from '../../../shared/contract'
import { messageOf } from '../lib/format'
import { createPagedWindow, type Page } from '../lib/paged-window'
import type { SliceCreator } from './types'

export interface AggregateSort {
  readonly column: SortColumn
  readonly direction: 'asc' | 'desc'
}

/** A time range (ISO, either end open) picked on the histogram. */
export interface LastEventRange {
  readonly since: string | null
  readonly until: string | null
}

export interface AggregatesSlice {
  readonly aggregates: {
    readonly sort: AggregateSort
    readonly filter: string
    /** Only aggregates with events in this range; null: any time. */
    readonly range: LastEventRange | null
    /** Rows matching the filter, or null before the first page arrives. */
    readonly total: number | null
    readonly unfiltered: number | null
    readonly pages: Readonly<Record<number, Page<AggregateRow>>>
    readonly generation: number
    readonly error: string | null
  }
  aggregatesSorted(sort: AggregateSort): void
  aggregatesFiltered(filter: string): void
  /** A time range was picked (histogram) or cleared: list the aggregates with events in it. */
  aggregatesTimeRanged(range: LastEventRange | null): void
  aggregateRowsNeeded(first: number, last: number): void
  /** The store changed on disk: keep what is shown, refetch it. */
  aggregatesInvalidated(): void
}

export const createAggregatesSlice: SliceCreator<AggregatesSlice> = ({ set, get, api }) => {
  const rows = createPagedWindow({
    snapshot: () => {
      if (!get().store.summary) return null
      const aggregates = get().aggregates
      // Before the first reply the total is unknown; asking for page 0 is how it becomes known.
      return { ...aggregates, scope: '', count: aggregates.total ?? 1 }
    },
    fetch: ({ sort, filter, range }, offset, limit) =>
      api['aggregates.window']({
        offset,
        limit,
        sort,
        filter,
        ...(range?.since ? { activeSince: range.since } : {}),
        ...(range?.until ? { activeUntil: range.until } : {}),
      }),
    landed: (page, rows, reply) =>
      set((s) => ({
        aggregates: {
          ...s.aggregates,
          total: reply.total,
          unfiltered: reply.unfiltered,
          error: null,
          pages: { ...s.aggregates.pages, [page]: rows },
        },
      })),
    failed: (error) => set((s) => ({ aggregates: { ...s.aggregates, error: messageOf(error) } })),
  })

  const restart = (keepPages: boolean): void => {
    set((s) => ({
      aggregates: {
        ...s.aggregates,
        pages: keepPages ? s.aggregates.pages : {},
        generation: s.aggregates.generation + 1,
        error: null,
      },
    }))
    rows.need(0, 0)
  }

  const slice: AggregatesSlice = {
    aggregates: {
      sort: { column: 'id', direction: 'asc' },
      filter: '',
      range: null,
      total: null,
      unfiltered: null,
      pages: {},
      generation: 0,
      error: null,
    },

    aggregatesSorted(sort) {
      set((s) => ({ aggregates: { ...s.aggregates, sort } }))
      restart(false)
    },

    aggregatesFiltered(filter) {
      if (filter === get().aggregates.filter) return
      set((s) => ({ aggregates: { ...s.aggregates, filter } }))
      restart(false)
    },

    aggregatesTimeRanged(range) {
      set((s) => ({ aggregates: { ...s.aggregates, range } }))
      restart(false)
    },

    aggregatesInvalidated() {
      restart(true)
    },

    aggregateRowsNeeded(first, last) {
      rows.need(first, last)
    },
  }

  return {
    slice,
    // The sort and the filter are the user's and stay; the range was picked on the old store's
    // histogram, which is cleared with it (timeframe-slice), so it goes too.
    // A first page answered with the opening (asked for this sort and filter) is page 0 at once: the
    // table asks the host for nothing more until it scrolls.
    perStore: (s, opened) => {
      const generation = s.aggregates.generation + 1
      const first = opened.firstRows
      const pages: Record<number, Page<AggregateRow>> = first ? { 0: { generation, rows: first.rows } } : {}
      return {
        aggregates: {
          ...s.aggregates,
          range: null,
          total: first ? first.total : null,
          unfiltered: first ? first.unfiltered : null,
          pages,
          generation,
          error: null,
        },
      }
    },
    opened: () => rows.need(0, 0),
  }
}
