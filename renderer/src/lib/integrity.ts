// Store health as the header badge and the Problems panel show it, and what a repair or reindex will
// change, worded from their dry runs. Pure functions over the host's answers.

import type {
  AggregateRow,
  Problem,
  ReindexReportDto,
  RepairReportDto,
  StoreSummary,
  VerifyFinding,
  VerifyReportDto,
} from '../../../shared/contract'
import { formatCount } from './format'
import { appendAll } from '../../../shared/array-ops'

/** `unchecked`: a database, whose rows are read as they are shown, never all: nothing to call OK. */
export type HealthLevel = 'checking' | 'ok' | 'warning' | 'error' | 'unchecked'

export interface Health {
  readonly level: HealthLevel
  readonly errors: number
  readonly warnings: number
  /** Where the counts come from: a full verification, or reading the store (rows and index). */
  readonly source: 'verified' | 'quick'
  /** One sentence for the tooltip and the panel. */
  readonly detail: string
}

/** A finding as the panel lists it; `line` is where a jump goes, null to just select the aggregate. */
export interface PanelFinding {
  readonly severity: Problem['severity']
  readonly kind: string
  readonly aggregateId: string | null
  readonly line: number | null
  readonly message: string
}

/**
 * What a finding of no aggregate is about, as the panel names it: index.json for the index's own
 * findings (unreadable, its total), else the store's folder (an entry that is a link or no file, a
 * killed writer's temp file: the message names it).
 */
export function storeFindingSubject(kind: string): 'index.json' | 'folder' {
  return kind.startsWith('index_') ? 'index.json' : 'folder'
}

/**
 * What the badge counts, said in its tooltip: findings (a bad line, an index disagreement…), each with
 * the one severity of its kind, the same before and after Verify and in `eventscope verify`.
 */
export const countedThing =
  'The badge counts findings, each an error or a warning by its kind, as eventscope verify does.'

/** The badge from a verification report. */
export function verifiedHealth(report: VerifyReportDto): Health {
  const level = report.errors > 0 ? 'error' : report.warnings > 0 ? 'warning' : 'ok'
  const detail =
    report.problemCount === 0
      ? `Verified: no findings in ${plural(report.aggregates, 'aggregate')}; ${plural(report.events, 'event')}. ${countedThing}`
      : `Verified: ${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')} in ${formatCount(report.affectedAggregates)} of ${plural(report.aggregates, 'aggregate')}; ${plural(report.events, 'event')}. ${countedThing}`
  return { level, errors: report.errors, warnings: report.warnings, source: 'verified', detail }
}

/**
 * The badge before a verification: the findings reading the store made (the summary counts them over
 * every stream, the index and the store), the same thing a verification counts.
 */
export function quickHealth(summary: StoreSummary, flagged: readonly AggregateRow[]): Health {
  const { errors, warnings } = summary.findings
  if (summary.source.kind !== 'jsonl')
    return {
      level: 'unchecked',
      errors,
      warnings,
      source: 'quick',
      detail:
        "Not checked: a database's rows are read as they are shown, not all at once. A row whose payload cannot be read is marked in its timeline.",
    }
  if (!summary.reconciled && errors === 0 && warnings === 0)
    return { level: 'checking', errors, warnings, source: 'quick', detail: 'Reading the streams…' }
  const level = errors > 0 ? 'error' : warnings > 0 ? 'warning' : 'ok'
  const found =
    errors + warnings === 0
      ? 'no findings'
      : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}${flagged.length > 0 ? ` (${plural(flagged.length, 'aggregate')} flagged)` : ''}`
  return {
    level,
    errors,
    warnings,
    source: 'quick',
    detail: `From reading the store: ${found}. ${countedThing} Verify now also checks event ids and times.`,
  }
}

/** The badge's text: `2 errors · 1 warning`, `OK`, or `Checking…`. */
export function healthLabel(health: Health): string {
  if (health.level === 'checking') return 'Checking…'
  if (health.level === 'ok') return 'OK'
  if (health.level === 'unchecked') return 'Not checked'
  const parts = [
    health.errors > 0 ? plural(health.errors, 'error') : null,
    health.warnings > 0 ? plural(health.warnings, 'warning') : null,
  ]
  return parts.filter(Boolean).join(' · ')
}

/** The panel's list from a verification: every finding as it is. */
export function verifiedFindings(report: VerifyReportDto): PanelFinding[] {
  return report.problems.map((finding: VerifyFinding) => ({
    severity: finding.severity,
    kind: finding.kind,
    aggregateId: finding.aggregateId,
    line: finding.file !== null && finding.file.endsWith('.events.jsonl') ? finding.line : null,
    message: finding.message,
  }))
}

/**
 * The panel's list before a verification: each issue of each flagged row, then the store findings.
 * Row issues read `line N: message` when they concern a line (the host's wording), which gives the jump.
 */
export function quickFindings(summary: StoreSummary, flagged: readonly AggregateRow[]): PanelFinding[] {
  const rows = flagged.flatMap((row) =>
    (row.issues.length > 0 ? row.issues : [`${row.status}`]).map((issue) => {
      const match = /^line (\d+): (.*)$/s.exec(issue)
      return {
        severity: row.status === 'error' ? ('error' as const) : ('warning' as const),
        kind: row.status,
        aggregateId: row.id,
        line: match ? Number(match[1]) : null,
        message: match ? (match[2] ?? issue) : issue,
      }
    }),
  )
  const store = storeFindings(summary).map((problem) => ({
    severity: problem.severity,
    kind: problem.kind,
    aggregateId: null,
    line: null,
    message: problem.message,
  }))
  return [...rows, ...store]
}

function storeFindings(summary: StoreSummary): Problem[] {
  return summary.problems.filter((problem) => problem.kind !== 'missing_stream')
}

/** What a confirmed repair will do, from its dry run: a title line and one line per stream or bad line. */
export function repairPreview(plan: RepairReportDto): {
  readonly summary: string
  readonly changes: readonly string[]
  readonly leftAlone: readonly string[]
  readonly canConfirm: boolean
} {
  const changes = plan.actions.map(
    (action) => `${action.file} line ${formatCount(action.line)} (${plural(action.bytesRemoved, 'byte')})`,
  )
  appendAll(changes, plan.removedTemps.map(tempChange))
  const leftAlone = plan.leftAlone.map((bad) => `${bad.file} line ${formatCount(bad.line)}: ${bad.message}`)
  const summary =
    plan.actions.length > 0
      ? `Cut the torn last line of ${plural(plan.actions.length, 'stream')} (backups kept next to them):`
      : plan.removedTemps.length > 0
        ? 'No stream ends with a torn line; remove what killed writers left:'
        : 'Nothing to repair: no stream ends with a torn line.'
  return { summary, changes, leftAlone, canConfirm: changes.length > 0 }
}

/** What a confirmed reindex will do, from its dry run. */
export function reindexPreview(plan: ReindexReportDto): {
  readonly summary: string
  readonly changes: readonly string[]
  readonly canConfirm: boolean
} {
  if (!plan.written)
    return {
      summary: 'index.json already matches the streams: nothing to rewrite.',
      changes: plan.removedTemps.map(tempChange),
      canConfirm: plan.removedTemps.length > 0,
    }
  const entries = plan.added.length + plan.removed.length + plan.updated.length
  const before = plan.totalBefore === null ? 'none' : formatCount(plan.totalBefore)
  const summary =
    plan.before === 'missing'
      ? `Write index.json from the streams: ${plural(entries, 'entry', 'entries')}, total_events ${formatCount(plan.totalAfter)}`
      : `Rewrite index.json from the streams: ${plural(entries, 'entry', 'entries')} ${entries === 1 ? 'changes' : 'change'}, total_events ${before} → ${formatCount(plan.totalAfter)}`
  const changes = [
    listOf('Added', plan.added),
    listOf('Updated', plan.updated),
    listOf('Removed (no stream)', plan.removed),
    plan.before === 'corrupt'
      ? 'The unreadable index.json is copied aside first (index.json.corrupt-…).'
      : null,
    ...plan.removedTemps.map(tempChange),
  ].filter((line): line is string => line !== null)
  return { summary, changes, canConfirm: true }
}

function tempChange(name: string): string {
  return `Remove ${name} (a temporary index a stopped writer left)`
}

function listOf(label: string, ids: readonly string[]): string | null {
  if (ids.length === 0) return null
  const shown = ids.slice(0, 5).join(', ')
  return `${label}: ${shown}${ids.length > 5 ? ` and ${formatCount(ids.length - 5)} more` : ''}`
}

function plural(count: number, noun: string, many = `${noun}s`): string {
  return `${formatCount(count)} ${count === 1 ? noun : many}`
}
