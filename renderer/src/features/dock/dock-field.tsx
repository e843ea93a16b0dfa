// A labelled field of the dock's forms. The label points at its control by id, so the control's name
// is the label alone (a wrapping label would add the control's current value to it).

import { useId, type ReactNode } from 'react'

/** `children` receives the id to put on the control. */
export function DockField(props: {
  readonly label: string
  readonly inline?: boolean
  readonly className?: string
  readonly children: (id: string) => ReactNode
}) {
  const id = useId()
  return (
    <div className={`dock-field ${props.inline ? 'inline' : ''} ${props.className ?? ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children(id)}
    </div>
  )
}
