// What `eventscope verify` prints: findings grouped by aggregate in one aligned table, then a summary.

import type { VerifyFinding, VerifyReport } from '../../core/verify/verify-store'
import { formatTable, plural, shorten } from './table'

const storeGroup = '(store)'

/** The --json document: the report as verifyStore returns it, findings in file order. */
export function verifyJson(report: VerifyReport): VerifyReport {
  return {
    ok: report.ok,
    aggregates: report.aggregates,
    events: report.events,
    problems: report.problems.map((finding) => ({
      aggregateId: finding.aggregateId,
      file: finding.file,
      line: finding.line,
      offset: finding.offset,
      kind: finding.kind,
      severity: finding.severity,
      message: finding.message,
      snippet: finding.snippet,
    })),
  }
}

/**
 * The findings grouped by aggregate (store-level ones last), every group's rows aligned to the same
 * columns, a bad line's snippet under it, and the summary line at the end.
 */
export function verifyText(report: VerifyReport, width = 120): string[] {
  if (report.problems.length === 0) return [summaryLine(report)]
  const groups = groupByAggregate(report.problems)
  const rows = [...groups.values()]
    .flat()
    .map((finding) => [
      finding.severity,
      finding.line === null ? '' : `line ${finding.line}`,
      finding.offset === null ? '' : `byte ${finding.offset}`,
      finding.kind,
      finding.message,
    ])
  const [, ...table] = formatTable(
    [{ header: '' }, { header: '' }, { header: '', align: 'right' }, { header: '' }, { header: '' }],
    rows,
  )
  const messageColumn = (table[0] ?? '').length - (rows[0]?.[4] ?? '').length
  const lines: string[] = []
  let row = 0
  for (const [aggregateId, findings] of groups) {
    if (lines.length > 0) lines.push('')
    lines.push(groupTitle(aggregateId, findings))
    for (const finding of findings) {
      lines.push(`  ${table[row++] ?? ''}`)
      if (finding.snippet)
        lines.push(
          `  ${' '.repeat(messageColumn)}${shorten(finding.snippet, Math.max(20, width - messageColumn - 4))}`,
        )
    }
  }
  return [...lines, '', summaryLine(report)]
}

/** `3 errors, 2 warnings in 2 of 40 aggregates; 900 events`, or `no problems in 40 aggregates; 900 events`. */
export function summaryLine(report: VerifyReport): string {
  const errors = report.problems.filter((finding) => finding.severity === 'error').length
  const warnings = report.problems.length - errors
  const events = plural(report.events, 'event')
  if (report.problems.length === 0)
    return `no problems in ${plural(report.aggregates, 'aggregate')}; ${events}`
  const affected = new Set(report.problems.flatMap((finding) => finding.aggregateId ?? [])).size
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${affected.toLocaleString('en-US')} of ${plural(report.aggregates, 'aggregate')}; ${events}`
}

function groupByAggregate(findings: readonly VerifyFinding[]): Map<string, VerifyFinding[]> {
  const groups = new Map<string, VerifyFinding[]>()
  const add = (key: string, finding: VerifyFinding): void => {
    const group = groups.get(key) ?? []
    if (group.length === 0) groups.set(key, group)
    group.push(finding)
  }
  for (const finding of findings) if (finding.aggregateId !== null) add(finding.aggregateId, finding)
  for (const finding of findings) if (finding.aggregateId === null) add(storeGroup, finding)
  return groups
}

function groupTitle(aggregateId: string, findings: readonly VerifyFinding[]): string {
  if (aggregateId === storeGroup) return 'store'
  const files = [...new Set(findings.flatMap((finding) => finding.file ?? []))]
  return `${aggregateId}  (${files.join(', ')})`
}
