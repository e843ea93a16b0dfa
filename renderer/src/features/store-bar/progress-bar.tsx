// A slim progress line under the header while the host reports work (indexing, reconciling).

import { useAppStore } from '../../store'

/** Determinate when the host knows the total, indeterminate otherwise; hidden when idle. */
export function ProgressBar() {
  const progress = useAppStore((s) => s.store.progress)
  const reconciled = useAppStore((s) => s.store.summary?.reconciled ?? true)
  const active = progress !== null && (progress.total === null ? !reconciled : progress.done < progress.total)
  if (!active) return <div className="progress-track idle" aria-hidden="true" />
  const fraction = progress.total ? Math.min(1, progress.done / progress.total) : null
  return (
    <div
      className={`progress-track ${fraction === null ? 'indeterminate' : ''}`}
      role="progressbar"
      aria-label={progress.task}
      aria-valuemin={0}
      aria-valuemax={progress.total ?? undefined}
      aria-valuenow={progress.total ? progress.done : undefined}
      title={`${progress.task}: ${progress.done}${progress.total ? ` / ${progress.total}` : ''}`}
    >
      <div
        className="progress-fill"
        style={fraction === null ? undefined : { width: `${fraction * 100}%` }}
      />
    </div>
  )
}
