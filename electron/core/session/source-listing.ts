// A database's streams as the aggregates table: read page by page (the source's keyset listing),
// then sorted and filtered here, as the JSONL catalog does, so the table can ask for any window.
//
// The first page answers at once; the rest is read behind it, and a window that needs rows not read
// yet (another sort, a filter, a later offset) waits for the whole listing. Memory: one row per
// stream (about 200 bytes: 100,000 streams are 20 MB), as the JSONL catalog keeps.

import type { AggregateRow, AggregateStatus, ChannelOutput } from '../../../shared/contract'
import { AggregateCatalog, type RowSource, type WindowQuery } from '../store/aggregate-catalog'
import { compareText } from '../store/catalog-order'
import type { Source, StreamSummary } from '../source/source'

/** Streams asked for per listing query: the first answers quickly, the later ones amortize round trips. */
const firstPage = 500
const laterPage = 5000

export class SourceListing implements RowSource {
  private readonly rows = new Map<string, AggregateRow>()
  private readonly catalog = new AggregateCatalog(this)
  /** Ids read so far, in the source's id order (the order of its pages). */
  private readonly prefix: string[] = []
  private complete = false
  private totalEvents = 0
  /** Resolves once every stream has been listed; rejects with the source's one-line error. */
  readonly listed: Promise<void>
  private readonly firstRead: Promise<void>

  constructor(
    private readonly source: Source,
    private readonly signal: AbortSignal,
  ) {
    let firstDone: () => void = () => {}
    let firstFailed: (error: unknown) => void = () => {}
    this.firstRead = new Promise<void>((resolve, reject) => {
      firstDone = resolve
      firstFailed = reject
    })
    this.listed = this.readAll(firstDone).catch((error: unknown) => {
      firstFailed(error)
      throw error
    })
    // Whoever does not wait for the whole listing must not see its failure as unhandled.
    this.listed.catch(() => {})
  }

  /** Resolves once the first page is in. */
  first(): Promise<void> {
    return this.firstRead
  }

  get size(): number {
    return this.rows.size
  }

  get events(): number {
    return this.totalEvents
  }

  get isComplete(): boolean {
    return this.complete
  }

  has(id: string): boolean {
    return this.rows.has(id)
  }

  /** A window of the table; the first rows by id answer before the listing is complete. */
  async window(query: WindowQuery): Promise<ChannelOutput<'aggregates.window'>> {
    const byIdOnly =
      query.sort.column === 'id' && query.sort.direction === 'asc' && query.filter.trim() === ''
    if (!this.complete && byIdOnly && query.offset + query.limit <= this.prefix.length) {
      const rows = this.prefix.slice(query.offset, query.offset + query.limit).map((id) => this.row(id))
      return { total: this.prefix.length, unfiltered: this.prefix.length, offset: query.offset, rows }
    }
    await this.listed
    return this.catalog.window(query)
  }

  /** Every row, sorted by id (after the whole listing is in). */
  async all(): Promise<AggregateRow[]> {
    await this.listed
    return this.catalog.all()
  }

  /** Take in a stream's new summary (it was appended to); true when it is a new stream. */
  update(summary: StreamSummary): boolean {
    const before = this.rows.get(summary.id)
    this.totalEvents += summary.eventCount - (before?.eventCount ?? 0)
    this.rows.set(summary.id, rowOf(summary))
    if (before) {
      this.catalog.changed(summary.id)
      return false
    }
    if (this.complete) this.catalog.replaceIds([...this.rows.keys()].sort(compareText))
    return true
  }

  row(id: string): AggregateRow {
    return this.rows.get(id) as AggregateRow
  }
  type(id: string): string | null {
    return this.rows.get(id)?.type ?? null
  }
  eventCount(id: string): number | null {
    return this.rows.get(id)?.eventCount ?? null
  }
  lastEventAt(id: string): string | null {
    return this.rows.get(id)?.lastEventAt ?? null
  }
  lastEventMs(_id: string, text: string): number {
    return Date.parse(text) || 0
  }
  status(id: string): AggregateStatus {
    return this.rows.get(id)?.status ?? 'ok'
  }

  private async readAll(firstDone: () => void): Promise<void> {
    let after: string | undefined
    let limit = firstPage
    for (;;) {
      if (this.signal.aborted) return
      const page = await this.source.listStreams({
        sort: 'id',
        limit,
        ...(after === undefined ? {} : { after }),
      })
      for (const summary of page.streams) {
        if (this.rows.has(summary.id)) continue
        this.rows.set(summary.id, rowOf(summary))
        this.prefix.push(summary.id)
        this.totalEvents += summary.eventCount
      }
      if (limit === firstPage) firstDone()
      if (page.next === null) break
      after = page.next
      limit = laterPage
    }
    // The database's collation may order ids otherwise than code units: the table sorts as JSONL's does.
    this.catalog.replaceIds([...this.rows.keys()].sort(compareText))
    this.complete = true
    firstDone()
  }
}

/** A stream as a table row: the database keeps counts itself, so there is no index to disagree with. */
function rowOf(summary: StreamSummary): AggregateRow {
  return {
    id: summary.id,
    type: summary.type,
    eventCount: summary.eventCount,
    indexedCount: null,
    lastEventAt: summary.lastEventAt,
    status: 'ok',
    issues: [],
  }
}
