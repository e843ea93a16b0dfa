// The progress of a store-wide scan (search, projection), from the host's onProgress reports.

import { useAppStore } from '../../store'

/** A bar and "n of m" while the host reports `task` (or a prefix of it); indeterminate until it does. */
export function ScanProgress(props: { readonly task: string; readonly label: string }) {
  const progress = useAppStore((s) =>
    s.store.progress?.task.startsWith(props.task) ? s.store.progress : null,
  )
  const fraction = progress?.total ? Math.min(1, progress.done / progress.total) : null
  return (
    <div className="scan-progress">
      <div
        className={`scan-track ${fraction === null ? 'indeterminate' : ''}`}
        role="progressbar"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
      >
        <div className="scan-fill" style={fraction === null ? undefined : { width: `${fraction * 100}%` }} />
      </div>
      <span className="muted">
        {fraction === null ? `${props.label}…` : `${Math.round(fraction * 100)} %`}
      </span>
    </div>
  )
}
