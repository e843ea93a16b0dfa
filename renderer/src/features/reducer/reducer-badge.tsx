// The state pane's note of which reducer rebuilt the state: the merge patch, or the store's own file.

import { useShallow } from 'zustand/react/shallow'
import { useAppStore } from '../../store'
import './reducer.css'

/** "JSON merge patch" or "bank.js", with the file and why it applies in the tooltip. */
export function ReducerBadge() {
  const reducer = useAppStore(
    useShallow((s) =>
      s.inspection.reducer && s.inspection.aggregateId === s.stream.aggregateId
        ? s.inspection.reducer.reducer
        : null,
    ),
  )
  if (!reducer) return null
  const label = reducer.kind === 'merge-patch' ? 'merge patch' : reducer.label
  const why =
    reducer.source === 'default'
      ? 'No reducer file applies: each event’s payload is merged into the state (RFC 7396).'
      : reducer.source === 'store'
        ? `The store’s reducer for this aggregate type: ${reducer.file ?? ''}`
        : `The reducer file you chose: ${reducer.file ?? ''}`
  return (
    <span
      className={`reducer-badge ${reducer.kind === 'custom' ? 'custom' : ''}`}
      title={why}
      aria-label={`Reducer: ${label}`}
    >
      <span className="reducer-badge-kind" aria-hidden="true">
        ƒ
      </span>
      <span className="ellipsis">{label}</span>
    </span>
  )
}
