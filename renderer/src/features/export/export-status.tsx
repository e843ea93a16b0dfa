// How an export is going: progress with Cancel while it runs, then its one-line outcome.

import { useShallow } from 'zustand/react/shallow'
import { formatCount } from '../../lib/format'
import { useCommand } from '../../commands/use-command'
import { useAppStore } from '../../store'
import type { ExportOrigin } from '../../store/export-slice'

/** The running export's progress and Cancel button, or the last outcome, for exports started at `origin`. */
export function ExportStatus(props: { readonly origin: ExportOrigin }) {
  const { running, outcome, progress } = useAppStore(
    useShallow((s) => ({
      running: s.exporting.running,
      outcome: s.exporting.outcome,
      progress: s.store.progress,
    })),
  )
  const cancel = useCommand('exportCancel')

  if (running && running.origin === props.origin) {
    const own = progress !== running.progressBefore && progress?.taskId === running.exportId ? progress : null
    const text = running.cancelling
      ? 'Cancelling…'
      : running.phase === 'collecting'
        ? 'Collecting the matching aggregates…'
        : own
          ? `Exporting ${formatCount(own.done)}${own.total === null ? '' : ` of ${formatCount(own.total)}`}…`
          : 'Exporting…'
    return (
      <div className="export-status" role="status">
        <span className="spinner tiny" aria-hidden="true" />
        {own?.total ? (
          <progress
            className="export-progress"
            max={own.total}
            value={own.done}
            aria-label="Export progress"
          />
        ) : null}
        <span className="ellipsis">{text}</span>
        <button
          type="button"
          className="button small"
          disabled={!cancel.enabled}
          title={cancel.title}
          onClick={cancel.run}
        >
          Cancel
        </button>
      </div>
    )
  }
  if (!outcome || outcome.origin !== props.origin) return <div className="export-status" />
  return (
    <div className={`export-status ${outcome.ok ? 'ok' : 'error'}`} role={outcome.ok ? 'status' : 'alert'}>
      <span className="export-message" title={outcome.message}>
        {outcome.message}
      </span>
    </div>
  )
}
