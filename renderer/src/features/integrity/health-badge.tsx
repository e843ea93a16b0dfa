// The header's store health badge: ok, warnings or errors with their counts; opens the Problems panel.

import { healthLabel } from '../../lib/integrity'
import { useCommand } from '../../commands/use-command'
import { useAppStore } from '../../store'
import { useHealth } from './use-health'
import './integrity.css'

const icons = { checking: '…', ok: '✓', warning: '⚠', error: '✕', unchecked: '–' } as const

/** A pill button; its details are in the tooltip and the panel it opens. */
export function HealthBadge() {
  const current = useHealth()
  const panelOpen = useAppStore((s) => s.integrity.panelOpen)
  const verifying = useAppStore((s) => s.integrity.verifying)
  const toggle = useCommand('toggleProblems')
  if (!current) return null
  const { health } = current
  return (
    <button
      type="button"
      className={`health-badge health-${health.level}`}
      aria-label="Store health"
      aria-expanded={panelOpen}
      aria-controls="problems-panel"
      title={health.detail}
      onClick={toggle.run}
    >
      <span className="health-icon" aria-hidden="true">
        {verifying ? <span className="spinner tiny" /> : icons[health.level]}
      </span>
      <span className="health-text">{healthLabel(health)}</span>
      {health.source === 'verified' && <span className="health-source">verified</span>}
    </button>
  )
}
