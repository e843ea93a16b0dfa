// What `eventscope list` prints: the aggregates table, totals and findings, or the same as JSON.

import type { AggregateRow, EnvelopeStyle, Problem, StoreSummary } from '../../../shared/contract'
import { columnsBytes, ColumnsWriter, plural, shorten, type Column } from './table'

/** How each row was had, and what the scan cache gave (null: not asked, as with --from-index). */
export interface RowSource {
  readonly from: (id: string) => RowFrom
  readonly cache: string | null
}

/** "cache": the stream's file is as cached; "cache+tail": read from its old end; "stream": read whole. */
export type RowFrom = 'cache' | 'cache+tail' | 'stream' | 'index'

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
    readonly from: RowFrom
  }[]
  readonly problems: readonly Problem[]
  readonly cache: ({ readonly state: string } & Readonly<Record<RowFrom, number>>) | null
}

/** The `list --json` document. Keys are snake_case like index.json, whose facts it mirrors. */
export function listJson(summary: StoreSummary, rows: readonly AggregateRow[], source: RowSource): ListJson {
  const from = rows.map((row) => source.from(row.id))
  return {
    dir: summary.dir,
    style: summary.style,
    index: summary.index,
    total_events: summary.events,
    indexed_total_events: summary.indexedEvents,
    aggregates: rows.map((row, i) => ({
      id: row.id,
      event_count: row.eventCount,
      last_event_at: row.lastEventAt,
      type: row.type,
      indexed_count: row.indexedCount,
      status: row.status,
      issues: row.issues,
      from: from[i] as RowFrom,
    })),
    problems: summary.problems,
    cache: source.cache === null ? null : { state: source.cache, ...countFrom(from) },
  }
}

function countFrom(from: readonly RowFrom[]): Record<RowFrom, number> {
  const counts: Record<RowFrom, number> = { cache: 0, 'cache+tail': 0, stream: 0, index: 0 }
  for (const item of from) counts[item]++
  return counts
}

/** Findings listed under the table before pointing at --json; a store of garbage stays readable. */
const maxListedIssues = 40

const listColumns: readonly Column[] = [
  { header: 'AGGREGATE' },
  { header: 'TYPE' },
  { header: 'EVENTS', align: 'right' },
  { header: 'INDEXED', align: 'right' },
  { header: 'LAST EVENT' },
  { header: 'STATUS' },
  { header: 'FROM' },
]

/**
 * The human-readable `list` output, as UTF-8 ending in a newline. O(rows), loops only: a store may
 * have 100,000 (the table is written into the buffer line by line: table.ts says why).
 */
export function listText(summary: StoreSummary, rows: readonly AggregateRow[], source: RowSource): Buffer {
  const n = rows.length
  const from = new Array<RowFrom>(n)
  const cells = listCells(n)
  const rowIssues: { id: string; issue: string }[] = []
  for (let i = 0; i < n; i++) {
    const row = rows[i] as AggregateRow
    const rowFrom = source.from(row.id)
    from[i] = rowFrom
    putListRow(cells, i, row, rowFrom)
    if (row.status !== 'pending') for (const issue of row.issues) rowIssues.push({ id: row.id, issue })
  }
  const after = listTextAfter(summary, from, source, rowIssues)
  if (n === 0) return Buffer.from(`No aggregates: the directory holds no *.events.jsonl files.\n${after}`)
  return columnsBytes(listColumns, cells, after)
}

/** The table's cells for `rows` rows, column by column (filled by putListRow). */
export function listCells(rows: number): string[][] {
  return listColumns.map(() => new Array<string>(rows))
}

/** The table's writer over cells filled by putListRow (list-ahead.ts writes it in slices). */
export function listWriter(cells: readonly (readonly string[])[]): ColumnsWriter {
  return new ColumnsWriter(listColumns, cells)
}

/** Row `i` of the table into `cells`, as `list` shows it. */
export function putListRow(cells: string[][], i: number, row: AggregateRow, from: RowFrom): void {
  ;(cells[0] as string[])[i] = row.id
  ;(cells[1] as string[])[i] = row.type ?? '-'
  ;(cells[2] as string[])[i] = row.eventCount === null ? '?' : String(row.eventCount)
  ;(cells[3] as string[])[i] = row.indexedCount === null ? '-' : String(row.indexedCount)
  ;(cells[4] as string[])[i] = row.lastEventAt ?? '-'
  ;(cells[5] as string[])[i] = row.status
  ;(cells[6] as string[])[i] = from
}

/**
 * What `list` prints after its table: the totals, how fresh the rows are, the envelope and the
 * findings (`rowIssues`: each row's issues, in row order). `from`: how each row was had.
 */
export function listTextAfter(
  summary: StoreSummary,
  from: readonly RowFrom[],
  source: RowSource,
  rowIssues: readonly { readonly id: string; readonly issue: string }[],
): string {
  const lines = ['', totalsLine(summary, from.length, source), freshnessLine(from, source.cache)]
  if (source.cache !== null) lines.push(`Envelope: ${describeStyle(summary.style)}`)
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
  lines.push('')
  return lines.join('\n')
}

// How fresh the rows are: checked now (from the cache where the file is as cached), or the index's word.
function freshnessLine(from: readonly RowFrom[], cache: string | null): string {
  if (cache === null)
    return 'From index.json alone: no stream was read or checked; counts and times are unverified.'
  const counts = countFrom(from)
  return (
    `Every stream checked now: ${plural(counts.cache, 'stream')} as cached (not read), ` +
    `${counts['cache+tail']} read from their old end, ${counts.stream} read whole (scan cache: ${cache})`
  )
}

function totalsLine(summary: StoreSummary, aggregates: number, source: RowSource): string {
  if (source.cache === null)
    return `${plural(aggregates, 'aggregate')}, ${plural(summary.events, 'event')} as index.json lists them; index.json says ${summary.indexedEvents === null ? 'no total' : plural(summary.indexedEvents, 'event')}`
  const base = `${plural(aggregates, 'aggregate')}, ${plural(summary.events, 'event')} counted in the streams`
  switch (summary.index) {
    case 'ok':
      return `${base}; index.json says ${summary.indexedEvents === null ? 'no total' : plural(summary.indexedEvents, 'event')}`
    case 'missing':
      return `${base}; no index.json`
    case 'unreadable':
      return `${base}; index.json is unreadable`
    case 'reading':
      // Only a page's store reads its index behind the first rows; `list` waits for every stream.
      return `${base}; index.json not read yet`
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
