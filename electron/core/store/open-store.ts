// An opened store directory: the aggregate rows from index.json at once, then reconciled against the
// stream files in the background, and kept current as files change. Reading never writes.

import type { AggregateRow, AggregateStatus, Problem, StoreFacts } from '../../../shared/contract'
import { scanStream, type StreamIndex } from '../stream/stream-index'
import { workerThresholds } from '../worker/run-task'
import { AggregateCatalog, positionOf, type RowSource, type WindowQuery } from './aggregate-catalog'
import { readIndexTable, type IndexEntries, type IndexTable, type OpenedIndex } from './index-file'
import { storeProblem } from './reconcile'
import { eventTypesOf, latestOfTypeIn, type EventTypeCount } from './reading-insights'
import { movedEntries, storeProblemsOf, streamFindingCounts } from './store-findings'
import { listStreamFiles, streamEntryKind, streamFileOf, streamSuffix, type StreamFile } from './store-files'
import { compareIds, diffIds, mergeIds, sameIds } from './store-ids'
import { keepSnapshot, listFolderUnlessSame, openingOf, type Opening } from './store-opening'
import type { FolderStamp } from '../scan-cache/snapshot-codec'
import { cleanCachedRow, ghostRow, streamRow, streamStatus, type StreamFacts } from './store-rows'
import { rememberReadings, storeFacts } from '../stream-facts/store-facts'
import { readingOf, type StreamReading } from '../stream-facts/stream-reading'
import { appendAll } from '../../../shared/array-ops'
import { StoreCache, type Freshness } from '../scan-cache/store-cache'
import { TakenEntries } from '../scan-cache/taken-entries'
import { spotCheck } from '../scan-cache/spot-check'
import type { ReadingColumns, StampedReading } from '../scan-cache/readings-codec'
import { earlyStat, readThrough, warmStat, type ReadTarget } from './read-through'
import type { StatFeed } from './stat-feed'

/**
 * How a store is opened. `namedOnly`: for one-shot commands about one stream (`state`, `events`):
 * neither index.json, nor the listing, nor any other stream is read; a stream is read when it is asked
 * for, and the index and listing only on the failure path (an unknown id's message). The summary of
 * such a store describes nothing but the streams read (its index shows as not read: `missing`).
 */
export interface StoreOpenOptions {
  readonly namedOnly?: boolean
  /**
   * A page will ask for the first rows (the shells): reading the streams waits until they are served
   * (or a second has passed), so loading the scan cache and stat'ing every stream, seconds of main
   * thread on a loaded machine for 100,000 streams, never holds them back. Otherwise (the CLI) the
   * reading starts at once.
   */
  readonly pageFirst?: boolean
  /**
   * A page's big store shows its listing first and reads index.json right behind the first rows
   * (store-opening.ts): called once that index is taken in, so the page asks its rows again.
   */
  readonly onIndexRead?: () => void
}

export interface ReconcileProgress {
  readonly done: number
  readonly total: number
}

/** A shell's big store starts reading its streams once its first page is served, or this long after opening. */
const readingDelayMs = 1000

export class OpenStore implements RowSource {
  readonly catalog: AggregateCatalog = new AggregateCatalog(this)
  /** Ids of the entries named like streams, sorted; each entry's type is checked when it is read. */
  private listed: string[]
  /** Index ids without a stream file, in index order (store findings), and as a set. */
  private unlisted: string[] = []
  private unlistedSet: ReadonlySet<string> = new Set()
  /** The ids of index.json, sorted once per index read. */
  private indexedSorted: readonly string[] | null = null
  /** Each stream's last reading: those read, and those found as cached marked over the cache's columns. */
  private readonly readings = new TakenEntries<StreamReading>((columns, i) => columns.readingAt(i))
  private readonly unreadable = new Map<string, Problem>()
  /** Statuses worked out for sorting, until the stream or the index changes. */
  private readonly statuses = new Map<string, AggregateStatus>()
  /** Line and index findings of the streams by severity, until a stream or the index changes. */
  private streamFindings: { errors: number; warnings: number } | null = null
  private readonly skippedLinks: string[] = []
  private countedEvents = 0
  /** Streams read by takeScan (opened, followed), which reading through then leaves alone. */
  private readElsewhere = 0
  private reconciledFlag = false
  private readonly cancel = new AbortController()
  private styleSeen: StoreFacts['style'] = null
  private startReading: () => void = () => {}
  /** The scan cache's entries for this store, once reconciling has begun. */
  private cache: StoreCache | null = null
  readonly reconciled: Promise<void>
  /** Settles once the readings are written to the scan cache after reconciling (or were not). */
  cacheWritten: Promise<boolean> = Promise.resolve(false)
  /** Settles once the store's snapshot (listing and index) is written after reconciling (or was not). */
  snapshotWritten: Promise<boolean> = Promise.resolve(false)
  /** The listing as last read from the folder (or taken from the snapshot), links included. */
  private listing: { folder: FolderStamp; ids: readonly string[] }
  /** What reading the streams through (read-through.ts) may ask and change of this store. */
  private readonly target: ReadTarget
  /** The stat of every stream started at opening (read-through.ts), until reading through takes it. */
  private early: StatFeed | null = null
  /** Whether the scan cache likely knows this store (a snapshot of it, or this process read it). */
  private readonly likelyCached: boolean
  /** index.json read behind the first rows (`reading` at opening), once started. */
  private indexBehind: Promise<void> | null = null

  private constructor(
    readonly dir: string,
    private index: OpenedIndex,
    listed: string[],
    onProgress: (progress: ReconcileProgress) => void,
    private readonly namedOnly = false,
    private readonly opening: Opening | null = null,
    pageFirst = false,
    private readonly onIndexRead: () => void = () => {},
  ) {
    this.listed = listed
    this.listing = { folder: opening?.folder ?? noFolder, ids: listed }
    this.target = {
      dir,
      signal: this.cancel.signal,
      listedNow: () => this.listed,
      isListed: (id) => this.isListed(id),
      hasReading: (id) => this.readings.has(id),
      readElsewhere: () => this.readElsewhere,
      takeEntry: (id, entry, freshness) => this.takeEntry(id, entry, freshness),
      takeCached: (id, position) => this.takeCached(id, position),
      markUnreadable: (id, code) => this.markUnreadable(id, code),
      drop: (id, link) => this.drop(id, link),
      idsChanged: () => this.updateIds(),
    }
    this.updateIds()
    // The CLI's stat of every stream starts at once, on the workers; a shell's starts with reading
    // through (after its first page), so the page keeps the cores (read-through.ts).
    this.likelyCached = opening?.snapshot != null || storeFacts(dir).lastReadings != null
    // The snapshot's listing comes with its text: the stat's parts are cut from it, not joined again.
    const joined = opening?.from.listing === 'snapshot' ? opening.snapshot?.texts?.ids?.bytes : undefined
    if (!namedOnly && !pageFirst) this.early = earlyStat(this.target, listed, this.likelyCached, { joined })
    this.reconciled = namedOnly
      ? Promise.resolve()
      : this.readingStarts(listed.length, pageFirst).then(() => this.reconcile(onProgress))
  }

  /**
   * Open a directory: rows from the index and the file listing now, stream reading started behind.
   *
   * Only what the first page needs happens before this resolves: one readdir (names only) and one
   * JSON.parse side by side, then one merge of the sorted ids. No row is built and no file opened:
   * rows are built when a window shows them.
   */
  static async open(
    dir: string,
    onProgress: (progress: ReconcileProgress) => void = () => {},
    options: StoreOpenOptions = {},
  ): Promise<OpenStore> {
    if (options.namedOnly) return new OpenStore(dir, { state: 'missing' }, [], onProgress, true)
    // The stat of every stream starts with the store (below); its threads may start even sooner.
    if (!options.pageFirst) await warmStat(dir)
    const opening = await openingOf(dir, storeFacts(dir).lastIndex, { indexBehind: options.pageFirst })
    return new OpenStore(
      dir,
      opening.index,
      opening.listed,
      onProgress,
      false,
      opening,
      options.pageFirst,
      options.onIndexRead,
    )
  }

  /** Where the listing and the index of this opening came from (the store, or the scan cache's snapshot). */
  openedFrom(): Opening['from'] | null {
    return this.opening?.from ?? null
  }

  /**
   * Settles once every stream was read or found as cached. Whoever waits for that (`eventscope list`)
   * shows no page first, so the reading starts now rather than after the delay kept for a first page.
   */
  whenReconciled(): Promise<void> {
    this.startReading()
    return this.reconciled
  }

  /** One window of the table; serving one lets the background reading start. */
  window(query: WindowQuery): ReturnType<AggregateCatalog['window']> {
    const window = this.catalog.window(query)
    setImmediate(() => {
      void this.readIndexBehind()
      this.startReading()
    })
    return window
  }

  /**
   * index.json, when opening left it for behind the first rows: read it once and take it in (rows,
   * statuses and findings worked out again), then say so. A change the watcher took in meanwhile read
   * the index itself: the newer reading stands. Every stream is judged against it only after this.
   */
  private readIndexBehind(): Promise<void> {
    if (this.indexBehind) return this.indexBehind
    if (this.index.state !== 'reading') return Promise.resolve()
    const read = readIndexTable(this.dir).catch((error: NodeJS.ErrnoException): IndexTable => ({
      state: 'unreadable',
      reason: `cannot read index.json (${error.code ?? 'error'})`,
    }))
    this.indexBehind = read.then((table) => {
      if (this.index.state !== 'reading' || this.cancel.signal.aborted) return
      this.takeIndex(table)
      this.updateIds()
      this.catalog.resort()
      this.onIndexRead()
    })
    return this.indexBehind
  }

  private takeIndex(table: IndexTable): void {
    this.index = table
    this.streamFindings = null
    this.indexedSorted = null
    this.statuses.clear()
  }

  /** The file of an aggregate's stream, or undefined when the store has none. */
  streamFile(aggregateId: string): string | undefined {
    if (this.isListed(aggregateId) || (this.namedOnly && isPlainName(aggregateId)))
      return streamFileOf(this.dir, aggregateId)
    return undefined
  }

  /**
   * Whether the store knows the aggregate (a stream or an index entry), to word a failure. O(1) when
   * the store was listed; a store opened `namedOnly` reads its listing and index.json now.
   */
  async knows(aggregateId: string): Promise<boolean> {
    if (!this.namedOnly) return this.catalog.has(aggregateId)
    return (await this.knownIds()).includes(aggregateId)
  }

  /** Every aggregate id of the store (streams and index entries), sorted; for failure messages. */
  async knownIds(): Promise<string[]> {
    if (!this.namedOnly) return this.catalog.all().map((row) => row.id)
    // With file types: a link named like a stream is no stream of this store (not followed).
    const [index, listing] = await Promise.all([readIndexTable(this.dir), listStreamFiles(this.dir)])
    const indexed = index.state === 'ok' ? index.entries.ids().sort() : []
    return mergeIds(
      listing.streams.map((stream) => stream.aggregateId),
      indexed,
    ).all
  }

  /**
   * The file of an aggregate's stream once checked to be one (lstat): a symbolic link is reported and
   * dropped, never followed, and so is a folder named like a stream.
   */
  async checkedStreamFile(aggregateId: string): Promise<string | undefined> {
    const file = this.streamFile(aggregateId)
    if (file === undefined) return undefined
    const kind = await streamEntryKind(file)
    // Unlisted, a missing file is an unknown aggregate, not a stream that vanished.
    if (kind === 'missing' && !this.isListed(aggregateId)) return undefined
    if (kind !== 'link' && kind !== 'other') return file
    this.drop(aggregateId, kind === 'link')
    this.updateIds()
    return undefined
  }

  /** Stop background reading (the user opened another store). */
  close(): void {
    this.cancel.abort()
    this.startReading()
    // Reopening this store reads only the streams whose stamp changed since; a store closed before it
    // was read through leaves what was remembered (and the cache file) as it was.
    // (A store opened namedOnly is never read through: nothing to remember.)
    if (!this.namedOnly && this.reconciledFlag && this.cache && this.index.state !== 'reading')
      rememberReadings(this.dir, this.cache.remembered(), this.index)
  }

  /** How each stream's reading was had (cached, extended, read); undefined: not by reconciling. */
  freshness(id: string): Freshness | undefined {
    return this.cache?.freshnessOf(id)
  }

  /** What loading the scan cache found ('memory', 'hit', or 'miss: …' / 'discarded: …'). */
  cacheState(): string | null {
    return this.cache?.loaded ?? null
  }

  summary(): StoreFacts {
    const problems = this.storeProblems()
    return {
      dir: this.dir,
      style: this.styleSeen,
      aggregates: this.catalog.size,
      events: this.countedEvents,
      indexedEvents: this.index.state === 'ok' ? this.index.totalEvents : null,
      index: this.index.state,
      reconciled: this.reconciledFlag,
      problems,
      findings: this.countFindings(problems),
    }
  }

  /**
   * Findings by severity: every stream's line findings and index disagreements (worked out again only
   * after a stream or the index changed: O(aggregates) then, O(1) otherwise), plus the store's own.
   */
  private countFindings(storeProblems: readonly Problem[]): StoreFacts['findings'] {
    this.streamFindings ??= streamFindingCounts(this.readings, this.unreadable, this.entries())
    const errors = storeProblems.filter((problem) => problem.severity === 'error').length
    return {
      errors: this.streamFindings.errors + errors,
      warnings: this.streamFindings.warnings + storeProblems.length - errors,
    }
  }

  /** Every event type seen in the streams read so far, with its count and the usual aggregate type. */
  eventTypes(): EventTypeCount[] {
    return eventTypesOf(this.readings.values())
  }

  /** Where the latest event of a type is: in the given aggregate if it has one, else the stream that last had one. */
  latestOfType(type: string, preferred?: string): { aggregateId: string; version: number } | null {
    return latestOfTypeIn(this.readings, type, preferred)
  }

  /** Update an aggregate's row from a fresh read of its stream (reconciliation, opening, or a change). */
  takeScan(scan: StreamIndex): void {
    this.readElsewhere++
    if (!this.isListed(scan.aggregateId)) {
      this.listed = [...this.listed, scan.aggregateId].sort(compareIds)
      this.updateIds()
    }
    this.takeReading(scan.aggregateId, readingOf(scan))
    // Read outside the cache's stamping: not kept, read again by the next opening.
    this.cache?.drop(scan.aggregateId)
  }

  // RowSource: rows and sort fields of the catalog's ids, read from the index entry and the reading
  // when asked for. O(1) each (a sort reads them for every row): an id of the catalog is a stream
  // unless it is one of the few index entries without one, and only listed streams have readings.

  row(id: string): AggregateRow {
    if (this.unlistedSet.size > 0 && this.unlistedSet.has(id)) return ghostRow(id, this.entries()?.get(id))
    // A stream found as cached is read from the cache's columns (no reading or entry object made).
    const columns = this.readings.baseColumns
    const failed = this.unreadable.size > 0 && this.unreadable.has(id)
    const at = columns && !failed ? this.readings.markedAt(id) : -1
    if (at >= 0)
      return cleanCachedRow(id, columns as ReadingColumns, at, this.entries()) ?? streamRow(this.facts(id))
    return streamRow(this.facts(id))
  }

  type(id: string): string | null {
    return this.readingOf(id)?.type ?? null
  }

  eventCount(id: string): number | null {
    if (this.unlistedSet.has(id)) return 0
    return this.readingOf(id)?.eventCount ?? null
  }

  lastEventAt(id: string): string | null {
    const reading = this.readingOf(id)
    return reading ? reading.lastEventAt : (this.entries()?.lastEventAt(id) ?? null)
  }

  lastEventMs(id: string, text: string): number {
    const reading = this.readingOf(id)
    if (!reading) return Date.parse(text) || 0
    // The reading parsed its time once already; epoch numbers keep fractions Date.parse would drop.
    const ms = reading.lastEventAtMs
    return Number.isNaN(ms) ? 0 : Math.trunc(ms)
  }

  status(id: string): AggregateStatus {
    if (this.unlistedSet.has(id)) return 'error'
    let status = this.statuses.get(id)
    if (status === undefined) {
      status = streamStatus(this.facts(id))
      this.statuses.set(id, status)
    }
    return status
  }

  private facts(id: string): StreamFacts {
    const entries = this.entries()
    return {
      id,
      entry: entries?.get(id),
      indexed: entries !== null,
      reading: this.readings.get(id),
      failure: this.unreadable.get(id),
    }
  }

  private readingOf(id: string): StreamReading | undefined {
    return this.unreadable.size > 0 && this.unreadable.has(id) ? undefined : this.readings.get(id)
  }

  private entries(): IndexEntries | null {
    return this.index.state === 'ok' ? this.index.entries : null
  }

  private isListed(id: string): boolean {
    return positionOf(this.listed, id) >= 0
  }

  private takeReading(aggregateId: string, reading: StreamReading): void {
    this.unreadable.delete(aggregateId)
    this.countedEvents += reading.eventCount - (this.readings.get(aggregateId)?.eventCount ?? 0)
    this.styleSeen ??= reading.style
    this.readings.set(aggregateId, reading)
    this.streamFindings = null
    this.statuses.delete(aggregateId)
    this.catalog.changed(aggregateId)
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
    // With file types: this listing is the one that says which entries are links.
    const listing = await listStreamFiles(this.dir)
    const before = this.listed
    this.skippedLinks.length = 0
    appendAll(this.skippedLinks, listing.skippedLinks)
    this.listed = listing.streams.map((stream) => stream.aggregateId)
    this.listing = { folder: noFolder, ids: [...this.listed, ...idsOf(listing.skippedLinks)].sort() }
    const wanted = new Set(names)
    // Streams that came or went without a file event of their own are taken in too.
    const { added, removed } = diffIds(before, this.listed)
    for (const id of [...added, ...removed]) wanted.add(`${id}${streamSuffix}`)
    if (wanted.has('index.json')) {
      const previous = this.entries()
      this.takeIndex(await readIndexTable(this.dir))
      // A writer updates the index after each append, so an entry that moved names a stream that grew,
      // even where file events are not delivered and only the poll noticed.
      for (const id of movedEntries(previous, this.entries())) {
        this.catalog.changed(id)
        if (this.isListed(id)) wanted.add(`${id}${streamSuffix}`)
      }
      wanted.delete('index.json')
    }
    this.updateIds()
    for (const name of wanted) {
      if (!name.endsWith(streamSuffix)) continue
      const aggregateId = name.slice(0, -streamSuffix.length)
      if (this.isListed(aggregateId)) {
        const stream = { aggregateId, file: streamFileOf(this.dir, aggregateId) }
        const fresh = await reread?.(stream).catch(() => null)
        if (fresh) this.takeScan(fresh)
        else await this.readStream(stream)
        changed.push(aggregateId)
      } else if (this.forget(aggregateId, positionOf(before, aggregateId) >= 0)) {
        changed.push(aggregateId)
      }
    }
    return changed
  }

  private forget(aggregateId: string, wasListed: boolean): boolean {
    const reading = this.readings.get(aggregateId)
    if (!wasListed && !reading) return false
    this.countedEvents -= reading?.eventCount ?? 0
    this.readings.delete(aggregateId)
    this.cache?.drop(aggregateId)
    this.unreadable.delete(aggregateId)
    this.streamFindings = null
    this.statuses.delete(aggregateId)
    this.catalog.changed(aggregateId)
    return true
  }

  /** An entry named like a stream that is not one (a link, a folder) leaves the listing. */
  private drop(aggregateId: string, link: boolean): void {
    const at = positionOf(this.listed, aggregateId)
    if (at < 0) return
    this.listed = [...this.listed.slice(0, at), ...this.listed.slice(at + 1)]
    if (link) this.skippedLinks.push(`${aggregateId}${streamSuffix}`)
    this.forget(aggregateId, true)
  }

  /** The ids of the table (streams and index entries) and the index entries without a stream. O(n). */
  private updateIds(): void {
    const entries = this.entries()
    if (!entries) {
      this.unlisted = []
      this.unlistedSet = new Set()
      this.catalog.replaceIds(this.listed)
      return
    }
    // The default sort compares strings by code units, as compareIds does, without calling back into JS.
    this.indexedSorted ??= entries.sortedIds()
    // Usually every stream is indexed and every entry has a stream: one pass of compares, no merge.
    const { all, unlisted } = sameIds(this.listed, this.indexedSorted)
      ? { all: this.indexedSorted, unlisted: [] }
      : mergeIds(this.listed, this.indexedSorted)
    // Findings list them in index order, as index.json has them.
    this.unlisted = unlisted.length === 0 ? [] : entries.ids().filter((id) => positionOf(unlisted, id) >= 0)
    this.unlistedSet = new Set(unlisted)
    this.catalog.replaceIds(all)
  }

  /** A shell's big store waits for its first page (or a moment); others start once the opener has run on. */
  private readingStarts(streams: number, pageFirst: boolean): Promise<void> {
    return new Promise<void>((resolve) => {
      const big = pageFirst && streams >= workerThresholds().minStreams
      const timer = big ? setTimeout(() => this.startReading(), readingDelayMs) : null
      const immediate = big ? null : setImmediate(() => this.startReading())
      this.startReading = () => {
        this.startReading = () => {}
        if (timer) clearTimeout(timer)
        if (immediate) clearImmediate(immediate)
        resolve()
      }
    })
  }

  /**
   * Read every stream not read yet and judge it against the index, on a worker thread for big stores.
   *
   * O(bytes of the streams that changed) plus one lstat per stream: a stream this process read before
   * (the same store reopened) is read again only if its size, mtime or inode differ. The main thread
   * takes the outcomes in one batch at a time, in slices of a few milliseconds, so it stays free for
   * IPC meanwhile; the worker waits for its batches to be taken in before it sends more than two.
   */
  private async reconcile(onProgress: (progress: ReconcileProgress) => void): Promise<void> {
    // Streams are judged against the index: one left for behind the first rows is read first.
    await this.readIndexBehind()
    if (this.cancel.signal.aborted) return
    // The stat (started at opening, or now) runs beside the listing's check and the cache's loading.
    const early = this.early ?? earlyStat(this.target, this.listed, this.likelyCached)
    this.early = null
    // The readings share the snapshot's strings where their texts are the same (readings-layout.ts).
    const opening = StoreCache.open(this.dir, this.opening?.snapshot?.texts)
    if (this.opening?.from.listing === 'snapshot') await this.checkListing()
    const cache = await opening
    if (this.cancel.signal.aborted) return
    this.cache = cache
    this.readings.over(cache.columns())
    const listed = this.listed
    // Streams already read (opened by the user meanwhile) are not read again.
    const toRead = this.readings.size === 0 ? listed : listed.filter((id) => !this.readings.has(id))
    const skipped = listed.length - toRead.length
    const progress = (done: number): void => onProgress({ done: done + skipped, total: listed.length })
    if (!(await readThrough(this.target, toRead, cache, progress, early))) return
    // A cache whose sample of spared streams does not hash as stamped lies: read those streams after all.
    const spared = [...cache.spared()]
    const entryOf = (id: string) => cache.entryOf(id)
    if (!(await spotCheck(spared, entryOf, (id) => streamFileOf(this.dir, id)))) {
      await cache.distrust()
      for (const id of spared) this.forget(id, true)
      if (!(await readThrough(this.target, spared, cache, progress))) return
    }
    if (toRead.length === 0) onProgress({ done: listed.length, total: listed.length })
    this.reconciledFlag = true
    this.cacheWritten = cache.save().catch(() => false)
    this.snapshotWritten = keepSnapshot(
      this.dir,
      this.opening?.snapshot ?? null,
      this.listing,
      this.index,
    ).catch(() => false)
  }

  /**
   * The listing came from the snapshot: list the folder now, behind the first page, and take in what
   * differs before any stream is read (a snapshot is an early answer, never the truth). O(names).
   */
  private async checkListing(): Promise<void> {
    const known = this.listing.ids
    const { folder, ids } = await listFolderUnlessSame(this.dir, known)
    // null: the folder holds `known` (the usual answer, with no string made per stream).
    const fresh = { folder, ids: ids ?? [...known] }
    if (this.cancel.signal.aborted || sameIds(fresh.ids, this.listing.ids)) return
    this.listing = fresh
    // A change the watcher took in meanwhile listed the folder itself: the newer listing stands.
    const { removed } = diffIds(this.listed, fresh.ids)
    this.listed = fresh.ids
    this.updateIds()
    for (const id of removed) this.forget(id, true)
  }

  private takeEntry(id: string, entry: StampedReading, freshness: Freshness): void {
    this.takeReading(id, entry.reading)
    this.cache?.take(id, entry, freshness)
  }

  /**
   * takeEntry for a stream whose file is as cached: marked in the cache and here, no entry made and
   * no Map slot filled. O(1) for ids in sorted order: a reopened store takes 100,000 so.
   */
  private takeCached(id: string, position: number): void {
    const cache = this.cache as StoreCache
    const columns = cache.columns()
    // A stream with a reading already (none, while reading through) takes the general way.
    const at = columns && !this.readings.hasAt(id, position) ? this.readings.markAt(id, position) : -1
    if (at < 0 || !cache.spare(id, at)) {
      if (at >= 0) this.readings.delete(id)
      this.takeEntry(id, cache.knownEntry(id) as StampedReading, 'cached')
      return
    }
    // What takeReading does, read from the columns.
    if (this.unreadable.size > 0) this.unreadable.delete(id)
    this.countedEvents += (columns as ReadingColumns).eventCountAt(at)
    this.styleSeen ??= (columns as ReadingColumns).styleAt(at)
    this.streamFindings = null
    if (this.statuses.size > 0) this.statuses.delete(id)
    this.catalog.changed(id)
  }

  private async readStream(stream: StreamFile): Promise<void> {
    try {
      this.takeScan(await scanStream(stream.file, stream.aggregateId, { replay: false }))
    } catch (error) {
      this.markUnreadable(stream.aggregateId, (error as NodeJS.ErrnoException).code ?? 'error')
    }
  }

  private markUnreadable(aggregateId: string, code: string): void {
    this.cache?.drop(aggregateId)
    this.unreadable.set(
      aggregateId,
      storeProblem('unreadable_stream', `Cannot read the stream of ${aggregateId} (${code})`),
    )
    this.streamFindings = null
    this.statuses.delete(aggregateId)
    this.catalog.changed(aggregateId)
  }

  // O(findings): the index entries without a stream are known from the last merge of the ids.
  private storeProblems(): Problem[] {
    return storeProblemsOf({
      skippedLinks: this.skippedLinks,
      index: this.index,
      unlisted: this.unlisted,
      countedEvents: this.reconciledFlag ? this.countedEvents : null,
      unreadable: this.unreadable.values(),
    })
  }
}

// A name with no separator in it: a namedOnly store joins ids to its directory without a listing, so
// `../x` or `a/b` must not reach a file outside it.
function isPlainName(aggregateId: string): boolean {
  return (
    aggregateId !== '' &&
    !aggregateId.includes('/') &&
    !aggregateId.includes('\0') &&
    !(process.platform === 'win32' && aggregateId.includes('\\'))
  )
}

/** No stamp: a listing taken by a change (refresh) is never kept as a snapshot's (its folder moved). */
const noFolder: FolderStamp = { dev: -1, ino: -1, mtimeMs: -1, ctimeMs: -1, readAtMs: -1 }

function idsOf(names: readonly string[]): string[] {
  return names.map((name) => name.slice(0, -streamSuffix.length))
}
