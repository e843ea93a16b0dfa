// Above the state: the offer to trust a store whose reducer is not run yet, a reducer that cannot be
// loaded, and where a reducer stopped (the state shown is then the one before that event).

import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { formatCount } from '../../lib/format'
import { useAppStore } from '../../store'
import './reducer.css'

/** Banners about the reducer of the inspected aggregate; nothing when the merge patch simply applies. */
export function ReducerNotices() {
  const { status, failure, busy, error } = useAppStore(
    useShallow((s) => {
      const current = s.inspection.aggregateId === s.stream.aggregateId
      return {
        status: current ? s.inspection.reducer : null,
        failure: current ? s.inspection.failure : null,
        busy: s.trust.busy,
        error: s.trust.error,
      }
    }),
  )
  const directoryTrusted = useAppStore((s) => s.directoryTrusted)
  const failedEventShown = useAppStore((s) => s.failedEventShown)
  // Trusting runs code a directory brought with it: a second step names that code before it runs.
  const [confirming, setConfirming] = useState<string | null>(null)
  if (!status) return null
  return (
    <>
      {status.untrustedFile !== null && (
        <div className="reducer-banner" role="region" aria-label="Reducer not trusted">
          <p className="reducer-banner-text">
            This store has its own reducer for <strong>{status.aggregateType ?? 'this type'}</strong> (
            <span className="mono" title={status.untrustedFile}>
              {fileName(status.untrustedFile)}
            </span>
            ). It runs only once you trust this directory; until then the state is a merge patch.
          </p>
          {confirming === status.dir ? (
            <div className="reducer-trust-confirm" role="alertdialog" aria-label="Trust this directory?">
              <p>
                Trusting <span className="mono">{status.dir}</span> runs the JavaScript in its{' '}
                <span className="mono">.eventscope</span> folder: now{' '}
                <span className="mono">{status.untrustedFile}</span>, and any other reducer or projection
                there when it applies. It runs in a sandbox with no file, network or process access, under
                time and memory limits, and the choice is remembered for this directory.
              </p>
              <button
                type="button"
                className="button small primary"
                disabled={busy}
                onClick={() => {
                  setConfirming(null)
                  void directoryTrusted()
                }}
              >
                Trust and run it
              </button>
              <button type="button" className="button small" onClick={() => setConfirming(null)}>
                Cancel
              </button>
            </div>
          ) : (
            <button
              type="button"
              className="button small primary"
              disabled={busy}
              onClick={() => setConfirming(status.dir)}
              title={`Run the code in ${status.dir}/.eventscope (asks first, then remembered for this directory)`}
            >
              Trust this directory…
            </button>
          )}
          {error && <span className="reducer-banner-error">{error}</span>}
        </div>
      )}
      {status.loadError !== null && (
        <div className="reducer-failure" role="alert">
          <strong>The reducer cannot be loaded:</strong> {status.loadError}. The merge patch is used instead.
        </div>
      )}
      {failure && (
        <div className="reducer-failure" role="alert" aria-label="Reducer failed">
          <div>
            <strong>
              {fileName(status.reducer.file ?? status.reducer.label)} failed on{' '}
              <button
                type="button"
                className="reducer-failure-link"
                title="Show this event in the Event pane and the timeline"
                onClick={failedEventShown}
              >
                v {formatCount(failure.version)}
              </button>
            </strong>
            {failure.eventType && <span className="muted"> ({failure.eventType})</span>}:{' '}
            <span className="reducer-failure-message">{failure.message}</span>
          </div>
          <div className="reducer-failure-where">
            {failure.location && (
              <span className="mono" title="file:line:column in the reducer">
                at {failure.location}
              </span>
            )}
            <span className="muted">
              Showing the state before it, v {formatCount(Math.max(0, failure.version - 1))}.
            </span>
          </div>
        </div>
      )}
    </>
  )
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path
}
