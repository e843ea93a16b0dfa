// A titled pane that fills its grid cell and scrolls its own body.

import type { ReactNode } from 'react'
import './pane.css'

/** A pane with a header line (title, details, tools) and a body that owns its scrolling. */
export function Pane(props: {
  readonly title: string
  /** Before the title: the column's collapse button. */
  readonly lead?: ReactNode
  readonly detail?: ReactNode
  readonly tools?: ReactNode
  readonly className?: string
  readonly children: ReactNode
}) {
  return (
    // No accessible name here: the element inside that users act on (grid, tree) carries the label.
    <section className={`pane ${props.className ?? ''}`}>
      <header className="pane-header">
        {props.lead}
        <h2 className="pane-title">{props.title}</h2>
        {props.detail !== undefined && <div className="pane-detail">{props.detail}</div>}
        {props.tools !== undefined && <div className="pane-tools">{props.tools}</div>}
      </header>
      <div className="pane-body">{props.children}</div>
    </section>
  )
}

/** What an empty pane says: what it would show and what to do to get there. */
export function EmptyState(props: {
  readonly title: string
  readonly hint?: ReactNode
  readonly busy?: boolean
}) {
  return (
    <div className="empty-state" role="status">
      {props.busy && <span className="spinner" aria-hidden="true" />}
      <p className="empty-title">{props.title}</p>
      {props.hint !== undefined && <p className="empty-hint">{props.hint}</p>}
    </div>
  )
}

/** A one-line failure message for the pane whose request failed. */
export function ErrorLine(props: { readonly message: string; readonly action?: ReactNode }) {
  return (
    <div className="error-line" role="alert">
      <span className="error-icon" aria-hidden="true">
        !
      </span>
      <span className="error-text" title={props.message}>
        {props.message}
      </span>
      {props.action}
    </div>
  )
}
