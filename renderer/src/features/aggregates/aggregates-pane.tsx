// The left pane: the filter field, match counts, and the aggregates grid or what to do instead.

import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { formatCount } from '../../lib/format'
import { useAppStore } from '../../store'
import { EmptyState, ErrorLine, Pane } from '../../ui/pane'
import { useDebouncedEffect } from '../../ui/use-debounced'
import { ExportButton } from '../export/export-button'
import { TimeframeChips } from '../histogram/timeframe-chips'
import { CollapseButton } from '../layout/workspace'
import { AggregatesTable } from './aggregates-table'
import './aggregates.css'

/** Aggregates of the open store, filtered and sorted by the host. */
export function AggregatesPane() {
  const hasStore = useAppStore((s) => s.store.summary !== null)
  const { total, unfiltered, filter, error } = useAppStore(
    useShallow((s) => ({
      total: s.aggregates.total,
      unfiltered: s.aggregates.unfiltered,
      filter: s.aggregates.filter,
      error: s.aggregates.error,
    })),
  )
  const aggregatesFiltered = useAppStore((s) => s.aggregatesFiltered)
  const ranged = useAppStore((s) => s.aggregates.range !== null)
  const notAStore = useAppStore((s) => s.store.notAStore !== null)
  const [text, setText] = useState(filter)
  useDebouncedEffect(text, 150, (value) => aggregatesFiltered(value.trim()))

  const detail =
    total === null
      ? null
      : total === unfiltered || unfiltered === null
        ? `${formatCount(total)}`
        : `${formatCount(total)} of ${formatCount(unfiltered)}`
  return (
    <Pane
      title="Aggregates"
      lead={<CollapseButton column="aggregates" />}
      className="aggregates-pane"
      detail={detail && <span className="num">{detail}</span>}
      tools={
        <>
          <input
            className="text-field filter-field"
            type="search"
            aria-label="Filter aggregates"
            placeholder="Filter by id or type"
            spellCheck={false}
            disabled={!hasStore}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
          <ExportButton />
        </>
      }
    >
      {error && <ErrorLine message={error} />}
      <TimeframeChips />
      {!hasStore ? (
        <EmptyState
          title="No events directory open"
          hint="Enter a directory in the bar above and press Enter to list its aggregates."
        />
      ) : total === null ? (
        error ? null : (
          <EmptyState title="Loading aggregates…" busy />
        )
      ) : total === 0 ? (
        notAStore ? (
          <EmptyState
            title="Not an event store"
            hint="This folder holds no index.json and no *.events.jsonl file: open one of the stores offered above, or the folder that holds the streams."
          />
        ) : filter || ranged ? (
          <EmptyState
            title={filter ? `No aggregate matches “${filter}”` : 'No aggregate has events in this range'}
            hint="Try a shorter filter or a wider time range, or clear them to see all aggregates."
          />
        ) : (
          <EmptyState
            title="This store has no aggregates yet"
            hint="Streams appear here as <aggregate>.events.jsonl files are written."
          />
        )
      ) : (
        <AggregatesTable count={total} />
      )}
    </Pane>
  )
}
