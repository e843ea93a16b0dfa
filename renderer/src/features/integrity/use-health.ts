// The store's health and the panel's findings, as lib/store-health.ts decides them, for components.

import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { healthOf, type StoreHealth } from '../../lib/store-health'
import { useAppStore } from '../../store'

/** Health and findings of the open store; null when no store is open. */
export function useHealth(): StoreHealth | null {
  const { summary, flagged, report, stale } = useAppStore(
    useShallow((s) => ({
      summary: s.store.summary,
      flagged: s.integrity.flagged,
      report: s.integrity.report,
      stale: s.integrity.stale,
    })),
  )
  return useMemo(() => healthOf({ summary, flagged, report, stale }), [summary, flagged, report, stale])
}
