// The scrolling frame of the state (tree or JSON), dimmed while the version shown trails the slider.
//
// The slider moves many times a second while dragging: only this small component follows it, so the
// tree inside re-renders when a state arrives, not on every move.

import type { ReactNode, Ref } from 'react'
import { useSliderVersion } from '../../store'

/** The tree's frame, dimmed while the version shown trails the slider; `shown` null: never dimmed. */
export function StateTreeFrame({
  ref,
  shown,
  children,
}: {
  readonly ref: Ref<HTMLDivElement>
  readonly shown: number | null
  readonly children: ReactNode
}) {
  const slider = useSliderVersion()
  const trailing = shown !== null && shown !== slider
  return (
    <div ref={ref} className={`state-tree ${trailing ? 'trailing' : ''}`}>
      {children}
    </div>
  )
}
