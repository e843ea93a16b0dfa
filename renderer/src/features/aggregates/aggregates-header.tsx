// The aggregates grid's header row: one sortable button per column.

import type { CSSProperties } from 'react'
import type { ReactTable } from '@tanstack/react-table'
import type { SortColumn } from '../../../../shared/contract'
import { columnLayout, type features, type Slot } from './columns'

const arrows = { asc: '▲', desc: '▼' } as const

/** Column headers; clicking one sorts by it (the host does the sorting). */
export function AggregatesHeader(props: {
  readonly table: ReactTable<typeof features, Slot, { sorting: unknown }>
  readonly style: CSSProperties
}) {
  const { table } = props
  return (
    <div className="agg-head" role="row" aria-rowindex={1} style={props.style}>
      {table.getHeaderGroups()[0]?.headers.map((header) => {
        const sorted = header.column.getIsSorted()
        return (
          <button
            key={header.id}
            type="button"
            role="columnheader"
            aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
            className={`agg-head-cell ${columnLayout[header.column.id as SortColumn].className} ${sorted ? 'sorted' : ''}`}
            onClick={header.column.getToggleSortingHandler()}
            title={`Sort by ${String(header.column.columnDef.header)}`}
          >
            <span className="ellipsis">
              <table.FlexRender header={header} />
            </span>
            <span className="sort-arrow" aria-hidden="true">
              {sorted ? arrows[sorted] : ''}
            </span>
          </button>
        )
      })}
    </div>
  )
}
