// The state at the slider's version as a JSON tree, with the event's changes marked and listed.

import { useEffect, useMemo, useRef, type RefObject } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { indexChanges } from '../../lib/change-index'
import { formatCount } from '../../lib/format'
import { sliderStore, useAppStore, useSliderVersion } from '../../store'
import { EmptyState, ErrorLine, Pane } from '../../ui/pane'
import { ExportStateButton } from '../export/export-state-button'
import { ExportStatus } from '../export/export-status'
import { ReducerBadge } from '../reducer/reducer-badge'
import { ReducerNotices } from '../reducer/reducer-notices'
import { ChangeCounts } from './change-counts'
import { ChangesList } from './changes-list'
import { useGapAt } from '../timeline/use-gap-at'
import { StateInspector } from './state-inspector'
import './state-pane.css'

/** The rebuilt state, marked by what the event at this version added, changed and removed. */
export function StatePane() {
  const { aggregateId, hasInfo, streamError } = useAppStore(
    useShallow((s) => ({
      aggregateId: s.stream.aggregateId,
      hasInfo: s.stream.info !== null,
      // The stream could not be opened (its file is gone, unreadable): no state will come.
      streamError: s.stream.info === null && !s.stream.loading ? s.stream.error : null,
    })),
  )
  const inspection = useAppStore((s) => s.inspection)
  const changes = useMemo(() => indexChanges(inspection.changes), [inspection.changes])
  const shown = inspection.aggregateId === aggregateId ? inspection.version : null
  const tracking = shown !== null && inspection.stateError === null
  // Where a custom reducer failed, the state (and its changes) are those of the version before it.
  const stateVersion = shown !== null && inspection.failure ? inspection.failure.version - 1 : shown
  // A database's version without a row: the state is the one before it, changed by no event.
  const gap = useGapAt(shown)
  const treeRef = useRef<HTMLDivElement>(null)
  useScrollToChange(treeRef, inspection, shown)

  const detail =
    shown === null ? null : (
      <span>
        at <strong className="mono">v {formatCount(stateVersion ?? shown)}</strong>
        {tracking && <TrailingSpinner shown={shown} />}
      </span>
    )
  const tools = (
    <>
      <ReducerBadge />
      {shown !== null && shown > 0 && <ChangeCounts changes={inspection.changes} />}
      <ExportStateButton />
    </>
  )
  const exportRunning = useAppStore((s) => s.exporting.running?.origin === 'state')
  const exportDismissed = useAppStore((s) => s.exportDismissed)
  const exportOutcome = useAppStore(
    (s) => s.exporting.running?.origin === 'state' || s.exporting.outcome?.origin === 'state',
  )

  return (
    <Pane title="State" className="state-pane" detail={detail} tools={tools}>
      <div className="state-body" role="region" aria-label="State">
        <ReducerNotices />
        {inspection.stateError && shown !== null && <ErrorLine message={inspection.stateError} />}
        {!aggregateId ? (
          <EmptyState
            title="No state to show"
            hint="Pick an aggregate; its state is rebuilt here event by event as you move the slider."
          />
        ) : streamError ? (
          <EmptyState title="The stream could not be opened" hint={streamError} />
        ) : shown === null || inspection.state === null ? (
          inspection.stateError ? null : (
            <EmptyState title={hasInfo ? 'Rebuilding state…' : 'Opening stream…'} busy />
          )
        ) : (
          <StateInspector
            aggregateId={aggregateId}
            value={inspection.state}
            exact={inspection.exact}
            changes={changes}
            frameRef={treeRef}
            shown={tracking ? shown : null}
          >
            {changes.removed.length > 0 && (
              <div className="removed-block">
                <div className="section-label">Removed by this event</div>
                <ChangesList changes={changes.removed} />
              </div>
            )}
          </StateInspector>
        )}
        {shown !== null && shown > 0 && inspection.state !== null && (
          <section className="changes-section" aria-label="Changes">
            <div className="section-label">
              Changes in v {formatCount(stateVersion ?? shown)}{' '}
              <span className="muted">({inspection.changes.length})</span>
            </div>
            {inspection.changes.length === 0 ? (
              <p className="muted changes-empty">
                {gap
                  ? 'No row at this version: the state is the one before it.'
                  : 'This event left the state as it was.'}
              </p>
            ) : (
              <ChangesList changes={inspection.changes} />
            )}
          </section>
        )}
        {exportOutcome && (
          <div className="state-export-line">
            <ExportStatus origin="state" />
            {!exportRunning && (
              <button
                type="button"
                className="button small"
                aria-label="Dismiss export message"
                onClick={exportDismissed}
              >
                ×
              </button>
            )}
          </div>
        )}
      </div>
    </Pane>
  )
}

// The slider moves many times a second while dragging: only these two small components follow it, so
// the pane (and its tree) re-render when a state arrives, not on every move.

/** A spinner while the slider is ahead of (or behind) the version shown. */
function TrailingSpinner(props: { readonly shown: number }) {
  const slider = useSliderVersion()
  if (slider === props.shown) return null
  return <span className="spinner tiny state-spinner" aria-label={`loading v ${slider}`} />
}

/**
 * Bring the first thing the event touched into view, so scrubbing shows where the state moved.
 *
 * Only once the slider has settled on the version shown (a drag skips it), and in the next animation
 * frame, when the layout it reads is needed for painting anyway: scrollIntoView forces a layout, and
 * forcing one per state while dragging was a large part of the long frames.
 */
function useScrollToChange(
  treeRef: RefObject<HTMLDivElement | null>,
  inspection: object,
  shown: number | null,
): void {
  useEffect(() => {
    if (shown === null || sliderStore.getState().version !== shown) return
    const frame = requestAnimationFrame(() => {
      treeRef.current
        ?.querySelector('.json-row.changed, .json-row.added')
        ?.scrollIntoView({ block: 'nearest' })
    })
    return () => cancelAnimationFrame(frame)
  }, [treeRef, inspection, shown])
}
