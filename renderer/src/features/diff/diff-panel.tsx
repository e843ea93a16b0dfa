// The Compare tab: versions A and B of the selected aggregate, and every path that differs, side by side.

import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { formatCount } from '../../lib/format'
import { useAppStore } from '../../store'
import { EmptyState, ErrorLine } from '../../ui/pane'
import { DiffForm } from './diff-form'
import { layoutDiff } from './diff-rows'
import { DiffTable } from './diff-table'
import './diff.css'

/** Version inputs, then the table of added, removed and changed paths. */
export function DiffPanel() {
  const { aggregateId, eventCount, diff } = useAppStore(
    useShallow((s) => ({
      aggregateId: s.stream.aggregateId,
      eventCount: s.stream.info?.eventCount ?? null,
      diff: s.diff,
    })),
  )
  const result = diff.result?.aggregateId === aggregateId ? diff.result : null
  const layout = useMemo(() => (result ? layoutDiff(result.changes) : null), [result])

  if (!aggregateId || eventCount === null)
    return (
      <EmptyState
        title="No aggregate to compare"
        hint="Select an aggregate, then compare any two of its versions here."
      />
    )
  return (
    <div className="diff-panel">
      {/* Remounted when a comparison starts elsewhere (Compare… in the event pane), to show its versions. */}
      <DiffForm key={`${diff.from}:${diff.to}`} from={diff.from ?? 0} to={diff.to ?? 0} max={eventCount}>
        {diff.loading && <span className="spinner tiny" aria-label="Comparing" />}
        {layout && result && (
          <span className="diff-summary">
            v {formatCount(result.fromVersion)} → v {formatCount(result.toVersion)}:{' '}
            <span className="diff-added-text">+{layout.added}</span>{' '}
            <span className="diff-changed-text">~{layout.changed}</span>{' '}
            <span className="diff-removed-text">−{layout.removed}</span>
          </span>
        )}
      </DiffForm>
      {diff.error && <ErrorLine message={diff.error} />}
      {result?.failure && (
        <div className="reducer-failure" role="alert">
          The reducer failed on v {formatCount(result.failure.version)}: {result.failure.message}
          {result.failure.location && <span className="mono"> at {result.failure.location}</span>}. Compared
          up to the version before it.
        </div>
      )}
      {!layout ? (
        diff.loading ? null : (
          <EmptyState title="Pick two versions" hint="Enter versions A and B and press Compare." />
        )
      ) : layout.rows.length === 0 ? (
        <EmptyState title="No difference" hint="Both versions have the same state." />
      ) : (
        <DiffTable layout={layout} from={result?.fromVersion ?? 0} to={result?.toVersion ?? 0} />
      )}
    </div>
  )
}
