// The aggregates table's columns, defined once at module level so the table never rebuilds them.

import { createColumnHelper, rowSortingFeature, tableFeatures } from '@tanstack/react-table'
import type { AggregateRow, SortColumn } from '../../../../shared/contract'
import { formatCount } from '../../lib/format'
import { Instant } from '../../ui/instant'
import { StatusBadge } from '../../ui/badge'
import { AsOfCount } from '../histogram/as-of-count'

/** One position of the virtual list: the row once its page has arrived, null while loading. */
export interface Slot {
  readonly index: number
  readonly row: AggregateRow | null
}

// Sorting is the only feature: the host sorts, filters and pages (manualSorting), the table keeps the
// sort state and the header click handlers.
export const features = tableFeatures({ rowSortingFeature })

const helper = createColumnHelper<typeof features, Slot>()

/**
 * Per-column class, shared by header and body cells. The widths are one CSS grid template in
 * aggregates.css, which drops the time column when the pane is too narrow for it (a container query).
 */
export const columnLayout: Record<SortColumn, { readonly className: string }> = {
  id: { className: 'col-id' },
  type: { className: 'col-type' },
  eventCount: { className: 'col-events num' },
  lastEventAt: { className: 'col-time' },
  status: { className: 'col-status' },
}

export const columns = helper.columns([
  helper.accessor((slot) => slot.row?.id ?? null, {
    id: 'id',
    header: 'Aggregate',
    cell: ({ row }) => {
      const id = row.original.row?.id
      return id === undefined ? (
        <Skeleton />
      ) : (
        <span className="mono ellipsis" title={id}>
          {id}
        </span>
      )
    },
  }),
  helper.accessor((slot) => slot.row?.type ?? null, {
    id: 'type',
    header: 'Type',
    cell: ({ row }) => {
      const data = row.original.row
      if (!data) return <Skeleton short />
      return data.type ? (
        <span className="ellipsis" title={data.type}>
          {data.type}
        </span>
      ) : (
        <span className="muted">—</span>
      )
    },
  }),
  helper.accessor((slot) => slot.row?.eventCount ?? null, {
    id: 'eventCount',
    header: 'Events',
    sortDescFirst: true,
    cell: ({ row }) => {
      const data = row.original.row
      if (!data) return <Skeleton short />
      return (
        <AsOfCount id={data.id}>
          <EventCount counted={data.eventCount} indexed={data.indexedCount} />
        </AsOfCount>
      )
    },
  }),
  helper.accessor((slot) => slot.row?.lastEventAt ?? null, {
    id: 'lastEventAt',
    header: 'Last event',
    sortDescFirst: true,
    cell: ({ row }) => {
      const data = row.original.row
      if (!data) return <Skeleton />
      return <Instant iso={data.lastEventAt} width="minutes" className="mono muted-time" />
    },
  }),
  helper.accessor((slot) => slot.row?.status ?? null, {
    id: 'status',
    header: 'Status',
    cell: ({ row }) => {
      const data = row.original.row
      return data ? <StatusBadge status={data.status} issues={data.issues} /> : <Skeleton short />
    },
  }),
])

function EventCount(props: { readonly counted: number | null; readonly indexed: number | null }) {
  if (props.counted === null) {
    return (
      <span className="muted" title={props.indexed === null ? 'not read yet' : `index: ${props.indexed}`}>
        —
      </span>
    )
  }
  if (props.indexed !== null && props.indexed !== props.counted) {
    return (
      <span
        className="count-mismatch"
        title={`The stream has ${props.counted} events; index.json says ${props.indexed}.`}
      >
        {formatCount(props.counted)}
        <span className="count-index">
          {' '}
          <span aria-hidden="true">≠</span>
          <span className="visually-hidden">, index.json says</span> {formatCount(props.indexed)}
        </span>
        <span className="count-differs" aria-hidden="true">
          ≠
        </span>
      </span>
    )
  }
  return <span>{formatCount(props.counted)}</span>
}

function Skeleton(props: { readonly short?: boolean }) {
  return <span className={`skeleton ${props.short ? 'short' : ''}`} aria-hidden="true" />
}
