// An opened store directory: the aggregate rows from index.json at once, then reconciled against the
// stream files in the background, and kept current as files change. Reading never writes.

import type { AggregateRow, Problem, StoreSummary } from '../../../shared/contract'
import { scanStream, type StreamIndex } from '../stream/stream-index'
import { AggregateCatalog } from './aggregate-catalog'
import { readStoreIndex, type StoreIndex } from './index-file'
import { compareTotals, compareWithIndex, missingStream, storeProblem, type StreamFacts } from './reconcile'
import { listStreamFiles, type StreamFile } from './store-files'

export interface ReconcileProgress {
  readonly done: number
  readonly total: number
}

/** What the last read of one stream found, kept so the row can be re-judged when index.json changes. */
interface StreamReading extends StreamFacts {
  readonly type: string | null
  readonly typeCounts: ReadonlyMap<string, number>
  readonly latestOfType: ReadonlyMap<string, number>
  readonly problems: readonly Problem[]
  readonly problemCount: number
}

export class OpenStore {
  readonly catalog = new AggregateCatalog()
  private readonly streamFiles = new Map<string, string>()
  private readonly readings = new Map<string, StreamReading>()
  private readonly unreadable = new Map<string, Problem>()
  private skippedLinks: string[] = []
  private countedEvents = 0
  private reconciledFlag = false
  private cancelled = false
  private styleSeen: StoreSummary['style'] = null
  readonly reconciled: Promise<void>

  private constructor(
    readonly dir: string,
    private index: StoreIndex,
    streams: StreamFile[],
    skippedLinks: string[],
    onProgress: (progress: ReconcileProgress) => void,
  ) {
    this.skippedLinks = skippedLinks
    for (const stream of streams) this.streamFiles.set(stream.aggregateId, stream.file)
    this.rebuildRows()
    this.reconciled = this.reconcile(streams, onProgress)
  }

  /** Open a directory: rows from the index and the file listing now, stream reading started behind. */
  static async open(
    dir: string,
    onProgress: (progress: ReconcileProgress) => void = () => {},
  ): Promise<OpenStore> {
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
    return {
      dir: this.dir,
      style: this.styleSeen,
      aggregates: this.catalog.size,
      events: this.countedEvents,
      indexedEvents: this.index.state === 'ok' ? this.index.totalEvents : null,
      index: this.index.state,
      reconciled: this.reconciledFlag,
      problems: this.storeProblems(),
    }
  }

  /** Every event type seen in the streams read so far, with its count and the usual aggregate type. */
  eventTypes(): { type: string; count: number; aggregateType: string | null }[] {
    const types = new Map<string, { count: number; aggregateTypes: Map<string, number> }>()
    for (const reading of this.readings.values()) {
      for (const [type, count] of reading.typeCounts) {
        const entry = types.get(type) ?? { count: 0, aggregateTypes: new Map<string, number>() }
        entry.count += count
        if (reading.type)
          entry.aggregateTypes.set(reading.type, (entry.aggregateTypes.get(reading.type) ?? 0) + count)
        types.set(type, entry)
      }
    }
    return [...types]
      .map(([type, { count, aggregateTypes }]) => ({
        type,
        count,
        aggregateType: mostCommon(aggregateTypes),
      }))
      .sort((a, b) => b.count - a.count || (a.type < b.type ? -1 : 1))
  }

  /** Where the latest event of a type is: in the given aggregate if it has one, else the stream that last had one. */
  latestOfType(type: string, preferred?: string): { aggregateId: string; version: number } | null {
    const own = preferred === undefined ? undefined : this.readings.get(preferred)?.latestOfType.get(type)
    if (preferred !== undefined && own !== undefined) return { aggregateId: preferred, version: own }
    let best: { aggregateId: string; version: number; at: number } | null = null
    for (const [aggregateId, reading] of this.readings) {
      const version = reading.latestOfType.get(type)
      if (version === undefined) continue
      const at = Number.isNaN(reading.lastEventAtMs) ? 0 : reading.lastEventAtMs
      if (!best || at > best.at) best = { aggregateId, version, at }
    }
    return best && { aggregateId: best.aggregateId, version: best.version }
  }

  /** Update an aggregate's row from a fresh read of its stream (reconciliation, opening, or a change). */
  takeScan(scan: StreamIndex): void {
    if (!this.streamFiles.has(scan.aggregateId)) this.streamFiles.set(scan.aggregateId, scan.file)
    this.unreadable.delete(scan.aggregateId)
    this.countedEvents += scan.eventCount - (this.readings.get(scan.aggregateId)?.eventCount ?? 0)
    this.styleSeen ??= scan.style
    this.readings.set(scan.aggregateId, {
      eventCount: scan.eventCount,
      lastEventAt: scan.lastEventAt,
      lastEventAtMs: scan.lastEventAtMs,
      type: scan.type,
      typeCounts: new Map(scan.typeCounts),
      latestOfType: new Map(scan.latestOfType),
      problems: [...scan.problems],
      problemCount: scan.problemCount,
    })
    this.rebuildRow(scan.aggregateId)
  }

  /**
   * Read the files named (stream files or index.json) again after they changed on disk; returns the
   * aggregates whose streams changed. `reread` may supply a cheaper read (extending an open stream).
   */
  async refresh(
    names: Iterable<string>,
    reread?: (stream: StreamFile) => Promise<StreamIndex | null>,
  ): Promise<string[]> {
    const changed: string[] = []
    const listing = await listStreamFiles(this.dir)
    this.skippedLinks = listing.skippedLinks
    const present = new Map(listing.streams.map((stream) => [`${stream.aggregateId}.events.jsonl`, stream]))
    const wanted = new Set(names)
    if (wanted.has('index.json')) {
      const before = this.index
      this.index = await readStoreIndex(this.dir)
      this.rebuildRows()
      // A writer updates the index after each append, so an entry that moved names a stream that grew,
      // even where file events are not delivered and only the poll noticed.
      for (const id of movedEntries(before, this.index))
        if (this.streamFiles.has(id)) wanted.add(`${id}.events.jsonl`)
      wanted.delete('index.json')
    }
    for (const name of wanted) {
      const stream = present.get(name)
      if (stream) {
        const fresh = await reread?.(stream).catch(() => null)
        if (fresh) this.takeScan(fresh)
        else await this.readStream(stream)
        changed.push(stream.aggregateId)
      } else if (name.endsWith('.events.jsonl')) {
        const aggregateId = name.slice(0, -'.events.jsonl'.length)
        if (this.forget(aggregateId)) changed.push(aggregateId)
      }
    }
    return changed
  }

  private forget(aggregateId: string): boolean {
    if (!this.streamFiles.delete(aggregateId)) return false
    this.countedEvents -= this.readings.get(aggregateId)?.eventCount ?? 0
    this.readings.delete(aggregateId)
    this.rebuildRows()
    return true
  }

  // O(total bytes of the store), one stream at a time so memory stays at one stream's positions.
  private async reconcile(
    streams: StreamFile[],
    onProgress: (progress: ReconcileProgress) => void,
  ): Promise<void> {
    let done = 0
    for (const stream of streams) {
      if (this.cancelled) return
      if (!this.readings.has(stream.aggregateId)) await this.readStream(stream)
      done++
      if (done % 200 === 0 || done === streams.length) onProgress({ done, total: streams.length })
    }
    this.reconciledFlag = true
  }

  private async readStream(stream: StreamFile): Promise<void> {
    try {
      this.takeScan(await scanStream(stream.file, stream.aggregateId, { replay: false }))
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error'
      this.unreadable.set(
        stream.aggregateId,
        storeProblem(
          'unreadable_stream',
          'error',
          `Cannot read the stream of ${stream.aggregateId} (${code})`,
        ),
      )
      this.rebuildRow(stream.aggregateId)
    }
  }

  private storeProblems(): Problem[] {
    const problems: Problem[] = this.skippedLinks.map((name) =>
      storeProblem('symlink_skipped', 'warning', `${name} is a symbolic link; not followed`),
    )
    if (this.index.state === 'unreadable')
      problems.push(storeProblem('index_unreadable', 'warning', this.index.reason))
    if (this.index.state === 'ok') {
      for (const id of this.index.entries.keys())
        if (!this.streamFiles.has(id)) problems.push(missingStream(id))
      const totals = this.reconciledFlag ? compareTotals(this.index.totalEvents, this.countedEvents) : null
      if (totals) problems.push(totals)
    }
    problems.push(...this.unreadable.values())
    return problems
  }

  private rebuildRows(): void {
    this.catalog.clear()
    for (const aggregateId of this.streamFiles.keys()) this.rebuildRow(aggregateId)
    if (this.index.state !== 'ok') return
    for (const [aggregateId, entry] of this.index.entries) {
      if (this.streamFiles.has(aggregateId)) continue
      const problem = missingStream(aggregateId)
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

  private rebuildRow(aggregateId: string): void {
    const entry = this.index.state === 'ok' ? this.index.entries.get(aggregateId) : undefined
    const reading = this.readings.get(aggregateId)
    const failure = this.unreadable.get(aggregateId)
    if (!reading || failure) {
      this.catalog.set({
        id: aggregateId,
        type: null,
        eventCount: null,
        indexedCount: entry?.eventCount ?? null,
        lastEventAt: entry?.lastEventAt ?? null,
        status: failure ? 'error' : 'pending',
        issues: failure ? [failure.message] : [],
      })
      return
    }
    const indexProblems = this.index.state === 'ok' ? compareWithIndex(aggregateId, entry, reading) : []
    this.catalog.set({
      id: aggregateId,
      type: reading.type,
      eventCount: reading.eventCount,
      indexedCount: entry?.eventCount ?? null,
      lastEventAt: reading.lastEventAt,
      status: worstStatus([...reading.problems, ...indexProblems]),
      issues: describeIssues(reading, indexProblems),
    })
  }
}

function mostCommon(counts: Map<string, number>): string | null {
  let best: string | null = null
  let bestCount = 0
  for (const [key, count] of counts) if (count > bestCount) [best, bestCount] = [key, count]
  return best
}

function movedEntries(before: StoreIndex, after: StoreIndex): string[] {
  if (after.state !== 'ok') return []
  const old = before.state === 'ok' ? before.entries : new Map()
  const moved: string[] = []
  for (const [id, entry] of after.entries) {
    const previous = old.get(id)
    if (previous?.eventCount !== entry.eventCount || previous?.lastEventAt !== entry.lastEventAt)
      moved.push(id)
  }
  return moved
}

function worstStatus(problems: readonly Problem[]): AggregateRow['status'] {
  if (problems.some((problem) => problem.severity === 'error')) return 'error'
  return problems.length > 0 ? 'warning' : 'ok'
}

function describeIssues(reading: StreamReading, indexProblems: Problem[]): string[] {
  const issues = reading.problems.slice(0, 3).map((problem) => `line ${problem.line}: ${problem.message}`)
  if (reading.problemCount > 3) issues.push(`${reading.problemCount - 3} more line problems`)
  return [...issues, ...indexProblems.map((problem) => problem.message)]
}
