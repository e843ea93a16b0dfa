// What `eventscope list` prints: the aggregates table, totals and findings, or the same as JSON.

import type { AggregateRow, EnvelopeStyle, Problem, StoreSummary } from '../../../shared/contract'
import { formatTable, plural, shorten } from './table'

export interface ListJson {
  readonly dir: string
  readonly style: EnvelopeStyle | null
  readonly index: StoreSummary['index']
  readonly total_events: number
  readonly indexed_total_events: number | null
  readonly aggregates: readonly {
    readonly id: string
    readonly event_count: number | null
    readonly last_event_at: string | null
    readonly type: string | null
    readonly indexed_count: number | null
    readonly status: AggregateRow['status']
    readonly issues: readonly string[]
  }[]
  readonly problems: readonly Problem[]
}

/** The `list --json` document. Keys are snake_case like index.json, whose facts it mirrors. */
export function listJson(summary: StoreSummary, rows: readonly AggregateRow[]): ListJson {
  return {
    dir: summary.dir,
    style: summary.style,
    index: summary.index,
    total_events: summary.events,
    indexed_total_events: summary.indexedEvents,
    aggregates: rows.map((row) => ({
      id: row.id,
      event_count: row.eventCount,
      last_event_at: row.lastEventAt,
      type: row.type,
      indexed_count: row.indexedCount,
      status: row.status,
      issues: row.issues,
    })),
    problems: summary.problems,
  }
}

/** Findings listed under the table before pointing at --json; a store of garbage stays readable. */
const maxListedIssues = 40

/** The human-readable `list` output, as lines. */
export function listText(summary: StoreSummary, rows: readonly AggregateRow[]): string[] {
  const table = formatTable(
    [
      { header: 'AGGREGATE' },
      { header: 'TYPE' },
      { header: 'EVENTS', align: 'right' },
      { header: 'INDEXED', align: 'right' },
      { header: 'LAST EVENT' },
      { header: 'STATUS' },
    ],
    rows.map((row) => [
      row.id,
      row.type ?? '-',
      row.eventCount === null ? '?' : String(row.eventCount),
      row.indexedCount === null ? '-' : String(row.indexedCount),
      row.lastEventAt ?? '-',
      row.status,
    ]),
  )
  const lines = rows.length > 0 ? table : ['No aggregates: the directory holds no *.events.jsonl files.']
  lines.push('', totalsLine(summary, rows.length), `Envelope: ${describeStyle(summary.style)}`)
  const rowIssues = rows.flatMap((row) =>
    row.status === 'pending' ? [] : row.issues.map((issue) => ({ id: row.id, issue })),
  )
  // A missing stream is both a store finding and its row's issue; say it once.
  const told = new Set(rowIssues.map(({ issue }) => issue))
  const findings = [
    ...summary.problems
      .filter((problem) => !told.has(problem.message))
      .map((problem) => `store: ${problem.message}`),
    ...rowIssues.map(({ id, issue }) => `${id}: ${issue}`),
  ]
  if (findings.length > 0) {
    lines.push('', `Problems (${findings.length}):`)
    for (const finding of findings.slice(0, maxListedIssues)) lines.push(`  ${shorten(finding, 200)}`)
    if (findings.length > maxListedIssues)
      lines.push(`  … ${findings.length - maxListedIssues} more; --json lists them all`)
  }
  return lines
}

function totalsLine(summary: StoreSummary, aggregates: number): string {
  const base = `${plural(aggregates, 'aggregate')}, ${plural(summary.events, 'event')} counted in the streams`
  switch (summary.index) {
    case 'ok':
      return `${base}; index.json says ${summary.indexedEvents === null ? 'no total' : plural(summary.indexedEvents, 'event')}`
    case 'missing':
      return `${base}; no index.json`
    case 'unreadable':
      return `${base}; index.json is unreadable`
  }
}

/** One line saying how events are laid out and which fields carry the envelope. */
export function describeStyle(style: EnvelopeStyle | null): string {
  if (!style) return 'unknown (no readable events)'
  const shape =
    style.payload === 'flat'
      ? 'flat, payload fields at the top level'
      : `payload nested under "${style.payload}"`
  const field = (name: string, value: string | null): string =>
    `${name} ${value === null ? 'none' : `"${value}"`}`
  const fields = [
    field('type', style.typeField),
    field('id', style.idField),
    field('time', style.timeField),
    field('aggregate id', style.aggregateIdField),
  ]
  return `${shape} (${fields.join(', ')})`
}
