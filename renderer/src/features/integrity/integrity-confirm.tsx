// The confirmation before a repair or reindex: exactly what will change, from the action's dry run.

import { useEffect, useId } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { reindexPreview, repairPreview } from '../../lib/integrity'
import { useAppStore } from '../../store'

/** A modal dialog over the window; Escape or Cancel dismisses it unless the action is running. */
export function IntegrityConfirm() {
  const id = useId()
  const { confirmation, busy } = useAppStore(
    useShallow((s) => ({ confirmation: s.integrity.confirmation, busy: s.integrity.busy })),
  )
  const confirmed = useAppStore((s) => s.integrityActionConfirmed)
  const cancelled = useAppStore((s) => s.integrityActionCancelled)
  useEffect(() => {
    if (!confirmation) return
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && busy === null) cancelled()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [confirmation, busy, cancelled])
  if (!confirmation) return null

  const repair = confirmation.action === 'repair'
  const preview = repair ? repairPreview(confirmation.plan) : reindexPreview(confirmation.plan)
  const leftAlone = confirmation.action === 'repair' ? repairPreview(confirmation.plan).leftAlone : []
  const running = busy !== null
  return (
    <div
      className="confirm-backdrop"
      onMouseDown={(e) => e.target === e.currentTarget && !running && cancelled()}
    >
      <div className="confirm-modal" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`} className="confirm-title">
          {repair ? 'Repair the store?' : 'Reindex the store?'}
        </h2>
        <p className="confirm-summary">{preview.summary}</p>
        {preview.changes.length > 0 && (
          <ul className="confirm-list mono">
            {preview.changes.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
        {leftAlone.length > 0 && (
          <>
            <p className="confirm-note">
              Left alone (repair never deletes a line in the middle of a stream; fix these by hand):
            </p>
            <ul className="confirm-list mono muted">
              {leftAlone.slice(0, 8).map((line) => (
                <li key={line}>{line}</li>
              ))}
              {leftAlone.length > 8 && <li>and {leftAlone.length - 8} more</li>}
            </ul>
          </>
        )}
        <div className="confirm-footer">
          <button type="button" className="button" disabled={running} onClick={cancelled}>
            Cancel
          </button>
          <button
            type="button"
            className="button primary"
            disabled={running || !preview.canConfirm}
            onClick={() => void confirmed()}
          >
            {running ? 'Working…' : 'Confirm'}
          </button>
        </div>
      </div>
    </div>
  )
}
