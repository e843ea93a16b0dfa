// The header's "Copy link" button: the Copy link command, reading "Link copied" for a moment after.

import { useEffect, useState } from 'react'
import { useCommand } from '../../commands/use-command'
import { useAppStore } from '../../store'

const shownMs = 2000

/** Copies the link to the place shown (the command's behaviour: registry.ts, copy-link.ts). */
export function CopyLinkButton() {
  const { title, enabled, run } = useCommand('copyLink')
  const copied = useAppStore((s) => s.link.copied)
  // The copy whose moment is over; each copy is a new object, so the next one shows again.
  const [expired, setExpired] = useState<object | null>(null)
  useEffect(() => {
    if (copied === null) return
    const timer = window.setTimeout(() => setExpired(copied), shownMs)
    return () => window.clearTimeout(timer)
  }, [copied])
  const shown = copied !== null && copied !== expired
  return (
    <button
      type="button"
      className="button small"
      data-command="copyLink"
      title={title}
      disabled={!enabled}
      onClick={run}
    >
      {shown ? 'Link copied' : 'Copy link'}
      <span className="visually-hidden" role="status">
        {shown ? 'Link copied' : ''}
      </span>
    </button>
  )
}
