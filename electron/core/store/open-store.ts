// An opened store directory: the aggregate rows from index.json at once, then reconciled against the
// stream files in the background, and kept current as files change. Reading never writes.

import type { AggregateRow, Problem, StoreSummary } from '../../../shared/contract'
import { scanStream, type StreamIndex } from '../stream/stream-index'
import { AggregateCatalog } from './aggregate-catalog'
import { readStoreIndex, type StoreIndex } from './index-file'
import { readStreams } from '../worker/off-thread'
import type { ReadOutcome } from '../worker/worker-protocol'
import { compareTotals, compareWithIndex, missingStream, storeProblem } from './reconcile'
import { listStreamFiles, type StreamFile } from './store-files'
import { readingOf, type StreamReading } from './stream-reading'

export interface ReconcileProgress {
  readonly done: number
  readonly total: number
}

/**
 * The readings of the store closed last, so reopening it (or reopening after a switch) reads only the
 * streams whose size, mtime or inode changed. One store's worth: O(aggregates) small objects.
 */
let remembered: { readonly dir: string; readonly readings: ReadonlyMap<string, StreamReading> } | null = null

export class OpenStore {
  readonly catalog = new AggregateCatalog()
  private readonly streamFiles = new Map<string, string>()
  private readonly readings = new Map<string, StreamReading>()
  private readonly unreadable = new Map<string, Problem>()
  private skippedLinks: string[] = []
  private countedEvents = 0
  private reconciledFlag = false
  private readonly cancel = new AbortController()
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
    this.cancel.abort()
    remembered = { dir: this.dir, readings: this.readings }
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
    this.takeReading(scan.aggregateId, readingOf(scan))
  }

  private takeReading(aggregateId: string, reading: StreamReading): void {
    this.unreadable.delete(aggregateId)
    this.countedEvents += reading.eventCount - (this.readings.get(aggregateId)?.eventCount ?? 0)
    this.styleSeen ??= reading.style
    this.readings.set(aggregateId, reading)
    this.rebuildRow(aggregateId)
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

  /**
   * Read every stream not read yet and judge it against the index, on a worker thread for big stores.
   *
   * O(bytes of the streams that changed) plus one stat per stream: a stream this process read before
   * (the same store reopened) is read again only if its size, mtime or inode differ. The main thread
   * only takes in the outcomes, in batches, so it stays free for IPC meanwhile.
   */
  private async reconcile(
    streams: StreamFile[],
    onProgress: (progress: ReconcileProgress) => void,
  ): Promise<void> {
    const known = remembered?.dir === this.dir ? remembered.readings : new Map<string, StreamReading>()
    const files = new Map(streams.map((stream) => [stream.aggregateId, stream.file]))
    const toRead = streams
      .filter((stream) => !this.readings.has(stream.aggregateId))
      .map((stream) => ({ ...stream, known: known.get(stream.aggregateId)?.file ?? null }))
    const take = (outcomes: readonly ReadOutcome[]): void => {
      if (this.cancel.signal.aborted) return
      for (const outcome of outcomes) {
        const id = outcome.aggregateId
        if (this.readings.has(id) || files.get(id) !== this.streamFiles.get(id)) continue
        if (outcome.kind === 'read') this.takeReading(id, outcome.reading)
        else if (outcome.kind === 'unchanged') this.takeReading(id, known.get(id) as StreamReading)
        else this.markUnreadable(id, outcome.code)
      }
    }
    const skipped = streams.length - toRead.length
    try {
      await readStreams(toRead, {
        signal: this.cancel.signal,
        onOutcomes: take,
        onProgress: (done) => {
          if (!this.cancel.signal.aborted) onProgress({ done: done + skipped, total: streams.length })
        },
      })
    } catch (error) {
      if (this.cancel.signal.aborted) return
      throw error
    }
    if (toRead.length === 0) onProgress({ done: streams.length, total: streams.length })
    this.reconciledFlag = true
  }

  private async readStream(stream: StreamFile): Promise<void> {
    try {
      this.takeScan(await scanStream(stream.file, stream.aggregateId, { replay: false }))
    } catch (error) {
      this.markUnreadable(stream.aggregateId, (error as NodeJS.ErrnoException).code ?? 'error')
    }
  }

  private markUnreadable(aggregateId: string, code: string): void {
    this.unreadable.set(
      aggregateId,
      storeProblem('unreadable_stream', 'error', `Cannot read the stream of ${aggregateId} (${code})`),
    )
    this.rebuildRow(aggregateId)
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
