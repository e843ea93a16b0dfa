// The dock's top edge: drag it (pointer capture, so a fast drag does not lose it) or focus it and use
// the arrow, Page and Home/End keys to make the dock panel taller or shorter.

import { useRef, type KeyboardEvent, type PointerEvent } from 'react'
import { dockHeightAfterKey, clampDockHeight, dockMaxHeight, dockMinHeight } from './dock-height'

interface DockResizerProps {
  readonly height: number
  readonly panelId: string
  readonly onResize: (height: number) => void
}

export function DockResizer({ height, panelId, onResize }: DockResizerProps) {
  const drag = useRef<{ startY: number; startHeight: number } | null>(null)

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return
    event.preventDefault()
    event.currentTarget.setPointerCapture(event.pointerId)
    drag.current = { startY: event.clientY, startHeight: height }
  }
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const start = drag.current
    if (!start) return
    // The edge is above the panel: moving it up makes the panel taller.
    onResize(clampDockHeight(start.startHeight + start.startY - event.clientY, window.innerHeight))
  }
  const onPointerUp = () => {
    drag.current = null
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = dockHeightAfterKey(event.key, height, window.innerHeight)
    if (next === null) return
    event.preventDefault()
    onResize(next)
  }

  return (
    <div
      className="dock-resizer"
      role="separator"
      aria-orientation="horizontal"
      aria-controls={panelId}
      aria-label="Resize the panel"
      aria-valuemin={dockMinHeight}
      aria-valuemax={dockMaxHeight(window.innerHeight)}
      aria-valuenow={height}
      tabIndex={0}
      title="Drag to resize the panel (or focus it and use ↑ ↓)"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  )
}
