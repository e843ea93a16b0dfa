// An opened store directory: the aggregate rows from index.json at once, then reconciled against the
// stream files in the background. Reading never writes.

import type { AggregateRow, Problem, StoreSummary } from '../../../shared/contract'
import { scanStream, type StreamIndex } from '../stream/stream-index'
import { AggregateCatalog } from './aggregate-catalog'
import { readStoreIndex, type StoreIndex } from './index-file'
import { compareTotals, compareWithIndex, missingStream, storeProblem } from './reconcile'
import { listStreamFiles, type StreamFile } from './store-files'

export interface ReconcileProgress {
  readonly done: number
  readonly total: number
}

export class OpenStore {
  readonly catalog = new AggregateCatalog()
  private readonly streamFiles = new Map<string, string>()
  private readonly storeProblems: Problem[] = []
  /** Events counted per stream, so a stream read again replaces its share of the total. */
  private readonly counted = new Map<string, number>()
  private countedEvents = 0
  private reconciledFlag = false
  private cancelled = false
  private styleSeen: StoreSummary['style'] = null
  readonly reconciled: Promise<void>

  private constructor(
    readonly dir: string,
    private readonly index: StoreIndex,
    streams: StreamFile[],
    skippedLinks: string[],
    onProgress: (progress: ReconcileProgress) => void,
  ) {
    for (const stream of streams) this.streamFiles.set(stream.aggregateId, stream.file)
    for (const name of skippedLinks) {
      this.storeProblems.push(storeProblem('symlink_skipped', 'warning', `${name} is a symbolic link; not followed`))
    }
    if (index.state === 'unreadable') this.storeProblems.push(storeProblem('index_unreadable', 'warning', index.reason))
    this.seedRows(streams)
    this.reconciled = this.reconcile(streams, onProgress)
  }

  /** Open a directory: rows from the index and the file listing now, stream reading started behind. */
  static async open(dir: string, onProgress: (progress: ReconcileProgress) => void = () => {}): Promise<OpenStore> {
    const [index, listing] = await Promise.all([readStoreIndex(dir), listStreamFiles(dir)])
    return new OpenStore(dir, index, listing.streams, listing.skippedLinks, onProgress)
  }

  /** The file of an aggregate's stream, or undefined when the store has none. */
  streamFile(aggregateId: string): string | undefined {
    return this.streamFiles.get(aggregateId)
  }

  /** Stop background reading (the user opened another store). */
  close(): void {
    this.cancelled = true
  }

  summary(): StoreSummary {
    const entries = this.index.state === 'ok' ? this.index : null
    return {
      dir: this.dir,
      style: this.styleSeen,
      aggregates: this.catalog.size,
      events: this.countedEvents,
      indexedEvents: entries?.totalEvents ?? null,
      index: this.index.state,
      reconciled: this.reconciledFlag,
      problems: [...this.storeProblems],
    }
  }

  private seedRows(streams: StreamFile[]): void {
    const entries = this.index.state === 'ok' ? this.index.entries : new Map()
    for (const { aggregateId } of streams) {
      const entry = entries.get(aggregateId)
      this.catalog.set({
        id: aggregateId,
        type: null,
        eventCount: null,
        indexedCount: entry?.eventCount ?? null,
        lastEventAt: entry?.lastEventAt ?? null,
        status: 'pending',
        issues: [],
      })
    }
    for (const [aggregateId, entry] of entries) {
      if (this.streamFiles.has(aggregateId)) continue
      const problem = missingStream(aggregateId)
      this.storeProblems.push(problem)
      this.catalog.set({
        id: aggregateId,
        type: null,
        eventCount: 0,
        indexedCount: entry.eventCount,
        lastEventAt: entry.lastEventAt,
        status: 'error',
        issues: [problem.message],
      })
    }
  }

  // O(total bytes of the store), one stream at a time so memory stays at one stream's positions.
  private async reconcile(streams: StreamFile[], onProgress: (progress: ReconcileProgress) => void): Promise<void> {
    let done = 0
    for (const stream of streams) {
      if (this.cancelled) return
      try {
        this.takeScan(await scanStream(stream.file, stream.aggregateId, { replay: false }))
      } catch (error) {
        this.takeFailure(stream.aggregateId, error)
      }
      done++
      if (done % 200 === 0 || done === streams.length) onProgress({ done, total: streams.length })
    }
    const totals = compareTotals(this.index.state === 'ok' ? this.index.totalEvents : null, this.countedEvents)
    if (totals) this.storeProblems.push(totals)
    this.reconciledFlag = true
  }

  /** Update an aggregate's row from a fresh read of its stream (reconciliation or opening it). */
  takeScan(scan: StreamIndex): void {
    this.countedEvents += scan.eventCount - (this.counted.get(scan.aggregateId) ?? 0)
    this.counted.set(scan.aggregateId, scan.eventCount)
    this.styleSeen ??= scan.style
    const entry = this.index.state === 'ok' ? this.index.entries.get(scan.aggregateId) : undefined
    const indexProblems = this.index.state === 'ok' ? compareWithIndex(scan.aggregateId, entry, scan) : []
    const problems = [...scan.problems, ...indexProblems]
    this.catalog.set({
      id: scan.aggregateId,
      type: scan.type,
      eventCount: scan.eventCount,
      indexedCount: entry?.eventCount ?? null,
      lastEventAt: scan.lastEventAt,
      status: worstStatus(problems),
      issues: describeIssues(scan, indexProblems),
    })
  }

  private takeFailure(aggregateId: string, error: unknown): void {
    const row = this.catalog.get(aggregateId)
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    if (row) this.catalog.set({ ...row, status: 'error', issues: [`cannot read the stream (${code})`] })
    this.storeProblems.push(storeProblem('unreadable_stream', 'error', `Cannot read the stream of ${aggregateId} (${code})`))
  }
}

function worstStatus(problems: Problem[]): AggregateRow['status'] {
  if (problems.some((problem) => problem.severity === 'error')) return 'error'
  return problems.length > 0 ? 'warning' : 'ok'
}

function describeIssues(scan: StreamIndex, indexProblems: Problem[]): string[] {
  const issues = scan.problems.slice(0, 3).map((problem) => `line ${problem.line}: ${problem.message}`)
  if (scan.problemCount > 3) issues.push(`${scan.problemCount - 3} more line problems`)
  return [...issues, ...indexProblems.map((problem) => problem.message)]
}
