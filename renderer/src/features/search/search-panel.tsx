// The Search tab: a store-wide query by event type, aggregate type and id, time range, a `Where`
// expression over the payload and plain text; progress while the host scans, matches when it is done.

import { useMemo, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { formatCount } from '../../lib/format'
import { matchesAsJsonl, matchOrders, sortMatches, type MatchOrder } from '../../lib/search-results'
import { saveText } from '../projections/save-text'
import { useAppStore } from '../../store'
import { EmptyState, ErrorLine } from '../../ui/pane'
import { EventList } from './event-list'
import { SearchForm } from './search-form'
import { whereErrorColumn } from '../../lib/search-request'
import { ScanProgress } from './scan-progress'
import { LeftOutNote } from '../integrity/left-out-note'
import './search.css'

/** Form on top, then the progress of a running search or its matches. */
export function SearchPanel() {
  const { running, result, error, selected } = useAppStore(
    useShallow((s) => ({
      running: s.search.running !== null,
      result: s.search.result,
      error: s.search.error,
      selected: s.stream.aggregateId,
    })),
  )
  const whereError = error !== null && whereErrorColumn(error) !== null
  // Time order unless the user picks another; the host answers in stream order.
  const [order, setOrder] = useState<MatchOrder>('time')
  const sorted = useMemo(() => (result ? sortMatches(result.matches, order) : []), [result, order])
  return (
    <div className="dock-column search-panel">
      <SearchForm />
      {error && !whereError && <ErrorLine message={error} />}
      {running ? (
        <ScanProgress task="Searching" label="Searching the store" />
      ) : result ? (
        <div className="search-status" role="status">
          <strong>{formatCount(result.matches.length)}</strong>{' '}
          {result.matches.length === 1 ? 'match' : 'matches'}
          {result.truncated && (
            <span className="warn-text">
              {' '}
              (the first {formatCount(result.matches.length)}; narrow the search for the rest)
            </span>
          )}
          <span className="muted"> · {formatBytes(result.scannedBytes)} read</span>
          <LeftOutNote leftOut={result.leftOut} what="not searched" separated />
          {result.matches.length > 0 && (
            <span className="search-result-tools">
              <label>
                <span className="visually-hidden">Sort results</span>
                <select
                  className="text-field"
                  aria-label="Sort results"
                  value={order}
                  onChange={(event) => setOrder(event.target.value as MatchOrder)}
                >
                  {matchOrders.map((choice) => (
                    <option key={choice.value} value={choice.value}>
                      {choice.label}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                className="button small"
                title="Save the matches as JSONL, one event per line, in the order shown"
                onClick={() =>
                  saveText(matchesAsJsonl(sorted), 'search-results.jsonl', 'application/x-ndjson')
                }
              >
                Export results
              </button>
            </span>
          )}
        </div>
      ) : null}
      {result && result.matches.length > 0 ? (
        <EventList label="Search results" events={sorted} selectedAggregate={selected} />
      ) : result && !running ? (
        <EmptyState title="No event matches" hint="Loosen a field, or clear the time range." />
      ) : !running && !error ? (
        <EmptyState
          title="Search every stream of the store"
          hint="Fill any fields and press Search. Where takes expressions such as payload.amount > 100 and exists(payload.reason)."
        />
      ) : null}
    </div>
  )
}

/** Bytes as "812 KB" or "41.3 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
