// The open store's health and its findings, decided once for the badge, the Problems panel and the
// next/previous problem commands: from the verification report when there is a current one, else from
// what reading the store found.

import type { AggregateRow, StoreSummary, VerifyReportDto } from '../../../shared/contract'
import {
  quickFindings,
  quickHealth,
  verifiedFindings,
  verifiedHealth,
  type Health,
  type PanelFinding,
} from './integrity'

export interface HealthInput {
  readonly summary: StoreSummary | null
  readonly flagged: readonly AggregateRow[] | null
  readonly report: VerifyReportDto | null
  readonly stale: boolean
}

export interface StoreHealth {
  readonly health: Health
  readonly findings: readonly PanelFinding[]
}

/** Health and findings of the open store; null when no store is open. */
export function healthOf({ summary, flagged, report, stale }: HealthInput): StoreHealth | null {
  if (!summary) return null
  if (report && !stale) return { health: verifiedHealth(report), findings: verifiedFindings(report) }
  const rows = flagged ?? []
  return { health: quickHealth(summary, rows), findings: quickFindings(summary, rows) }
}

/**
 * The finding `step` places after (or, negative, before) `last` among those that have a place to go
 * to (an aggregate), wrapping around; the first (or last) when `last` is not in the list. Null when
 * no finding has a place.
 */
export function stepFinding(
  findings: readonly PanelFinding[],
  last: PanelFinding | null,
  step: 1 | -1,
): PanelFinding | null {
  const placed = findings.filter((finding) => finding.aggregateId !== null)
  if (placed.length === 0) return null
  const at = last === null ? -1 : placed.findIndex((finding) => sameFinding(finding, last))
  if (at === -1) return step === 1 ? placed[0]! : placed[placed.length - 1]!
  return placed[(at + step + placed.length) % placed.length]!
}

/** Whether two findings are about the same thing in the same place. */
export function sameFinding(a: PanelFinding, b: PanelFinding): boolean {
  return a.aggregateId === b.aggregateId && a.line === b.line && a.kind === b.kind && a.message === b.message
}
