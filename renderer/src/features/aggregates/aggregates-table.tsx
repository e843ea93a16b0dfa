// The virtualized aggregates grid: TanStack Table for columns and sort state, TanStack Virtual for rows.
//
// The host owns order and filtering; this component asks for the pages around what is visible and
// renders 100,000 rows as ~40 positioned ones. Data changes only when a page arrives or the visible
// range crosses a page boundary, so the row model is not rebuilt on every scroll frame.

import { functionalUpdate, useTable, type SortingState } from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { SortColumn } from '../../../../shared/contract'
import { pageSize, rowAt } from '../../lib/pages'
import { useAppStore } from '../../store'
import { columnLayout, columns, features } from './columns'
import { indexOfId, slotsFor } from './slots'
import { AggregatesHeader } from './aggregates-header'

const rowHeight = 28
const headerHeight = 30

/** The grid of aggregates; arrows, Page keys, Home and End move the selection. */
export function AggregatesTable(props: { readonly count: number }) {
  const { count } = props
  const { sort, pages, generation } = useAppStore(
    useShallow((s) => ({
      sort: s.aggregates.sort,
      pages: s.aggregates.pages,
      generation: s.aggregates.generation,
    })),
  )
  const selectedId = useAppStore((s) => s.stream.aggregateId)
  const asOf = useAppStore((s) => s.timeframe.asOf.at !== null)
  const aggregateRowsNeeded = useAppStore((s) => s.aggregateRowsNeeded)
  const aggregatesSorted = useAppStore((s) => s.aggregatesSorted)
  const aggregateSelected = useAppStore((s) => s.aggregateSelected)
  const scrollRef = useRef<HTMLDivElement>(null)

  // No React Compiler in this build; the virtualizer re-rendering its owner on scroll is the point.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    // The sticky header sits inside the scroller: rows start below it and scroll targets clear it.
    paddingStart: headerHeight,
    scrollPaddingStart: headerHeight,
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items.at(-1)?.index ?? 0
  useEffect(() => aggregateRowsNeeded(first, last), [aggregateRowsNeeded, first, last, generation, count])

  const firstPage = Math.floor(first / pageSize)
  const lastPage = Math.floor(last / pageSize)
  const data = useMemo(() => slotsFor(pages, firstPage, lastPage, count), [pages, firstPage, lastPage, count])
  const sorting = useMemo<SortingState>(() => [{ id: sort.column, desc: sort.direction === 'desc' }], [sort])

  const table = useTable(
    {
      features,
      columns,
      data,
      state: { sorting },
      onSortingChange: (updater) => {
        const next = functionalUpdate(updater, sorting)[0]
        if (next) aggregatesSorted({ column: next.id as SortColumn, direction: next.desc ? 'desc' : 'asc' })
      },
      manualSorting: true,
      enableSortingRemoval: false,
      enableMultiSort: false,
      getRowId: (slot) => String(slot.index),
    },
    (state) => ({ sorting: state.sorting }),
  )
  const rows = table.getRowModel().rows
  const base = firstPage * pageSize
  const selectedIndex = useMemo(() => indexOfId(pages, selectedId), [pages, selectedId])

  const onKeyDown = (event: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 300) / rowHeight) - 1)
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page }
    let target: number | null = null
    if (event.key in moves)
      target = (selectedIndex < 0 ? (moves[event.key]! > 0 ? -1 : count) : selectedIndex) + moves[event.key]!
    else if (event.key === 'Home') target = 0
    else if (event.key === 'End') target = count - 1
    else if (event.key === 'Enter' && selectedIndex < 0) target = first
    if (target === null || count === 0) return
    event.preventDefault()
    target = Math.max(0, Math.min(count - 1, target))
    virtualizer.scrollToIndex(target, { align: 'auto' })
    const row = rowAt(pages, target)
    if (row) aggregateSelected(row.id)
  }

  return (
    <div className={`agg-table ${asOf ? 'as-of' : ''}`}>
      <div
        ref={scrollRef}
        className="agg-scroll"
        role="grid"
        aria-label="Aggregates"
        aria-rowcount={count + 1}
        // Only a row that exists: the selected one may be scrolled out of the virtual window.
        aria-activedescendant={
          items.some((item) => item.index === selectedIndex) ? `agg-row-${selectedIndex}` : undefined
        }
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <div className="agg-spacer" style={{ height: virtualizer.getTotalSize() }}>
          <AggregatesHeader table={table} style={{ height: headerHeight }} />
          {items.map((item) => {
            const row = rows[item.index - base]
            const data = row?.original.row ?? null
            const selected = item.index === selectedIndex
            return (
              <div
                key={item.key}
                id={`agg-row-${item.index}`}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                className={`agg-row ${selected ? 'selected' : ''} ${data ? '' : 'loading'} ${item.index % 2 ? 'odd' : ''}`}
                style={{ height: rowHeight, transform: `translateY(${item.start}px)` }}
                onClick={data ? () => aggregateSelected(data.id) : undefined}
              >
                {row
                  ? row.getAllCells().map((cell) => (
                      <div
                        key={cell.id}
                        role="gridcell"
                        className={`agg-cell ${columnLayout[cell.column.id as SortColumn].className}`}
                      >
                        <table.FlexRender cell={cell} />
                      </div>
                    ))
                  : null}
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
