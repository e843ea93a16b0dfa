// The store's health and the panel's findings, from the verification report when there is a current
// one, else from what reading the store found.

import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { AggregateRow } from '../../../../shared/contract'
import {
  quickFindings,
  quickHealth,
  verifiedFindings,
  verifiedHealth,
  type Health,
  type PanelFinding,
} from '../../lib/integrity'
import { useAppStore } from '../../store'

const none: readonly AggregateRow[] = []

/** Health and findings of the open store; null when no store is open. */
export function useHealth(): { readonly health: Health; readonly findings: readonly PanelFinding[] } | null {
  const { summary, flagged, report, stale } = useAppStore(
    useShallow((s) => ({
      summary: s.store.summary,
      flagged: s.integrity.flagged,
      report: s.integrity.report,
      stale: s.integrity.stale,
    })),
  )
  return useMemo(() => {
    if (!summary) return null
    if (report && !stale) return { health: verifiedHealth(report), findings: verifiedFindings(report) }
    const rows = flagged ?? none
    return { health: quickHealth(summary, rows), findings: quickFindings(summary, rows) }
  }, [summary, flagged, report, stale])
}
