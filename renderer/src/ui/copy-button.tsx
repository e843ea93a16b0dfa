// A small Copy button: ids, raw events, values and paths are one click from the clipboard.

import { useEffect, useState } from 'react'
import { copyText } from './clipboard'
import './copy-button.css'

/**
 * Copies `text` (or what the function returns when clicked: a big value is printed only when asked);
 * `what` names it for the accessible label ("Copy event id") and the tooltip.
 */
export function CopyButton(props: {
  readonly text: string | (() => string)
  readonly what: string
  readonly label?: string
  readonly className?: string
  /** -1 inside a composite widget (a tree) that is one Tab stop of its own. */
  readonly tabIndex?: number
}) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null)
  useEffect(() => {
    if (copied === null) return
    const timer = window.setTimeout(() => setCopied(null), 1500)
    return () => window.clearTimeout(timer)
  }, [copied])
  return (
    <button
      type="button"
      className={`copy-button ${props.className ?? ''} ${copied ?? ''}`}
      aria-label={`Copy ${props.what}`}
      title={`Copy ${props.what}`}
      tabIndex={props.tabIndex}
      onClick={(event) => {
        // A copy inside a clickable row copies; it does not also choose the row.
        event.stopPropagation()
        void copyText(typeof props.text === 'string' ? props.text : props.text()).then((ok) =>
          setCopied(ok ? 'yes' : 'failed'),
        )
      }}
    >
      {copied === 'yes' ? (
        <span aria-hidden="true">✓</span>
      ) : copied === 'failed' ? (
        <span aria-hidden="true">✕</span>
      ) : (
        <CopyIcon />
      )}
      {props.label !== undefined && <span className="copy-label">{props.label}</span>}
      <span className="visually-hidden" role="status">
        {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Copy failed' : ''}
      </span>
    </button>
  )
}

// Two overlapping sheets, drawn: the "⧉" character is missing from common UI fonts.
/** The copy icon (12px, currentColor). */
export function CopyIcon() {
  return (
    <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
      <rect
        x="3.5"
        y="3.5"
        width="7"
        height="7"
        rx="1.2"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.2"
      />
      <path d="M8.5 1.5h-6a1 1 0 0 0-1 1v6" fill="none" stroke="currentColor" strokeWidth="1.2" />
    </svg>
  )
}
