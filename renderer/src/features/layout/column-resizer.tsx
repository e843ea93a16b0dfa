// The handle between two columns: drag it (pointer capture, so a fast drag does not lose it) or focus it
// and use the arrow keys (WAI-ARIA window splitter); the new widths are remembered.

import { useRef, type KeyboardEvent, type PointerEvent } from 'react'
import { usePrefs, type ColumnName, type ColumnWeights } from '../../prefs/prefs-store'
import { resizeColumns } from './column-weights'

const keyStepPx = 24

/** The px width the handle's two neighbours share now. */
function pairWidth(handle: HTMLElement): number {
  const before = handle.previousElementSibling?.getBoundingClientRect().width ?? 0
  const after = handle.nextElementSibling?.getBoundingClientRect().width ?? 0
  return before + after
}

export function ColumnResizer(props: {
  readonly left: ColumnName
  readonly right: ColumnName
  readonly disabled: boolean
}) {
  const { left, right } = props
  const weights = usePrefs((s) => s.columns)
  const columnsResized = usePrefs((s) => s.columnsResized)
  const drag = useRef<{ x: number; weights: ColumnWeights; width: number } | null>(null)
  const share = Math.round((weights[left] / (weights[left] + weights[right])) * 100)

  if (props.disabled) return <div className="column-resizer disabled" aria-hidden="true" />

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return
    event.preventDefault()
    event.currentTarget.setPointerCapture(event.pointerId)
    drag.current = { x: event.clientX, weights, width: pairWidth(event.currentTarget) }
  }
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const start = drag.current
    if (!start) return
    columnsResized(resizeColumns(start.weights, left, right, event.clientX - start.x, start.width))
  }
  const onPointerUp = () => {
    drag.current = null
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowLeft' ? -keyStepPx : event.key === 'ArrowRight' ? keyStepPx : 0
    if (step === 0) return
    event.preventDefault()
    columnsResized(resizeColumns(weights, left, right, step, pairWidth(event.currentTarget)))
  }

  return (
    <div
      className="column-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize the ${left} and ${right} columns`}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={share}
      tabIndex={0}
      title="Drag to resize the columns (or focus it and use ← →)"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  )
}
