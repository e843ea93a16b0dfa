// An opened store directory: the aggregate rows from index.json at once, then reconciled against the
// stream files in the background, and kept current as files change. Reading never writes.
//
// The public face only: what the store knows lives in store-state.ts (its rows in
// store-row-source.ts), reading it through in store-reconciler.ts, changes on disk in store-refresh.ts.

import type { AggregateRow, AggregateStatus, StoreFacts } from '../../../shared/contract'
import type { FolderStamp } from '../scan-cache/snapshot-codec'
import type { StreamIndex } from '../stream/stream-index'
import type { AggregateCatalog, RowSource, WindowQuery } from './aggregate-catalog'
import { readIndexTable, type OpenedIndex } from './index-file'
import type { EventTypeCount } from './reading-insights'
import { listStreamFiles, streamEntryKind, streamFileOf, streamSuffix, type StreamFile } from './store-files'
import { mergeIds } from './store-ids'
import { linkMessage, notAFileMessage } from './reconcile'
import { openingOf, readFolder, type FolderNames, type Opening } from './store-opening'
import { StoreReconciler, type ReconcileProgress } from './store-reconciler'
import { refreshStore } from './store-refresh'
import type { StoreRowSource } from './store-row-source'
import { noFolder, StoreState } from './store-state'
import { rememberReadings, storeFacts } from '../stream-facts/store-facts'
import type { Freshness } from '../scan-cache/store-cache'
import { warmStat } from './read-through'
import { CachedRows } from './cached-rows'

export type { ReconcileProgress } from './store-reconciler'

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
  /**
   * Called once, just before anything is read behind the opening (index.json left for behind the first
   * rows, the streams), with the stamp of the folder as last listed: where a shell starts watching the
   * store and what it compares the folder with first (StoreWatcher's listedAt).
   */
  readonly onBackground?: (listedAt: FolderStamp) => void
  /** The folder's listing, started by whoever chose it (ExplorerSession.listAhead); else listed now. */
  readonly listing?: Promise<FolderNames>
}

export class OpenStore implements RowSource {
  readonly catalog: AggregateCatalog
  readonly reconciled: Promise<void>
  /** Everything the store knows; every part that changes it goes through it. */
  private readonly state: StoreState
  private readonly rows: StoreRowSource
  private readonly reconciler: StoreReconciler
  /** Whether a page's first window was served (always, for a store no page shows first). */
  private firstPageServed: boolean

  private constructor(
    readonly dir: string,
    index: OpenedIndex,
    listed: string[],
    onProgress: (progress: ReconcileProgress) => void,
    private readonly namedOnly = false,
    private readonly opening: Opening | null = null,
    { pageFirst = false, onIndexRead = () => {}, onBackground = () => {} }: StoreOpenOptions = {},
  ) {
    this.firstPageServed = !pageFirst
    this.state = new StoreState(dir, index, listed, opening?.folder ?? noFolder)
    this.catalog = this.state.catalog
    this.rows = this.state.rows
    this.state.updateIds()
    this.reconciler = new StoreReconciler(this.state, opening, onProgress, {
      namedOnly,
      pageFirst,
      onIndexRead,
      onBackground,
    })
    this.reconciled = this.reconciler.reconciled
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
    // Without a page to serve first, the folder is listed at once: the readdir (and its sort) runs
    // while only the main thread is busy (loading the snapshot), where it started once the store was
    // open, beside the stat of every stream, and was answered late. A shell's page keeps that core
    // (its listing is checked behind the first rows) unless the folder was listed ahead: a store
    // the scan cache has no snapshot of (ExplorerSession.listAhead).
    const folderRead = options.listing ?? (options.pageFirst ? null : readFolder(dir))
    folderRead?.catch(() => {})
    // Every stream's stat starts with the store (store-reconciler.ts); its threads may start even sooner.
    if (!options.pageFirst) await warmStat(dir)
    const opening = await openingOf(dir, storeFacts(dir).lastIndex, {
      indexBehind: options.pageFirst,
      folderRead,
    })
    return new OpenStore(dir, opening.index, opening.listed, onProgress, false, opening, options)
  }

  /** Settles once the readings are written to the scan cache after reconciling (or were not). */
  get cacheWritten(): Promise<boolean> {
    return this.reconciler.cacheWritten
  }

  /** Settles once the store's snapshot (listing and index) is written after reconciling (or was not). */
  get snapshotWritten(): Promise<boolean> {
    return this.reconciler.snapshotWritten
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
    this.reconciler.startReading()
    return this.reconciled
  }

  /**
   * The table's rows as they are if every stream is found as cached (cached-rows.ts), once the scan
   * cache is loaded; null when they cannot be had so, or for a store not read through.
   */
  async cachedRows(): Promise<CachedRows | null> {
    if (this.namedOnly) return null
    this.reconciler.startReading()
    await this.reconciler.cacheReady
    if (this.state.reconciledFlag || this.reconciler.cancel.signal.aborted) return null
    return CachedRows.of(this.state, this.reconciler.cancel.signal)
  }

  /**
   * One window of the table; serving one lets the background reading start, except a page's first
   * (served with the opening): the reading then waits for its next window, which the page asks once
   * those rows are drawn (the Problems panel's flagged rows), or for the reconciler's delay. Started
   * with the first rows, the stat threads and the cache's loading took the cores the page was
   * drawing them with.
   */
  window(query: WindowQuery): ReturnType<AggregateCatalog['window']> {
    const window = this.catalog.window(query)
    if (!this.firstPageServed) {
      this.firstPageServed = true
      return window
    }
    setImmediate(() => {
      void this.reconciler.readIndexBehind()
      this.reconciler.startReading()
    })
    return window
  }

  /** The file of an aggregate's stream, or undefined when the store has none. */
  streamFile(aggregateId: string): string | undefined {
    if (this.state.isListed(aggregateId) || (this.namedOnly && isPlainName(aggregateId)))
      return streamFileOf(this.dir, aggregateId)
    return undefined
  }

  /**
   * Why an aggregate has no stream to read when its entry was found to be no file (a symbolic link, a
   * folder, a pipe): the store's finding about it, to word a failure truthfully. Null otherwise.
   */
  refusedEntry(aggregateId: string): string | null {
    const name = `${aggregateId}${streamSuffix}`
    if (this.state.skippedLinks.includes(name)) return linkMessage(name)
    if (this.state.skippedOthers.includes(name)) return notAFileMessage(name)
    return null
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
    if (kind === 'missing' && !this.state.isListed(aggregateId)) return undefined
    if (kind !== 'link' && kind !== 'other') return file
    this.state.drop(aggregateId, kind === 'link')
    this.state.updateIds()
    return undefined
  }

  /** Stop background reading (the user opened another store). */
  close(): void {
    this.reconciler.cancel.abort()
    this.reconciler.startReading()
    // Reopening this store reads only the streams whose stamp changed since; a store closed before it
    // was read through leaves what was remembered (and the cache file) as it was.
    // (A store opened namedOnly is never read through: nothing to remember.)
    const state = this.state
    if (!this.namedOnly && state.reconciledFlag && state.cache && state.index.state !== 'reading')
      rememberReadings(this.dir, state.cache.remembered(), state.index)
  }

  /** How each stream's reading was had (cached, extended, read); undefined: not by reconciling. */
  freshness(id: string): Freshness | undefined {
    return this.state.cache?.freshnessOf(id)
  }

  /** What loading the scan cache found ('memory', 'hit', or 'miss: …' / 'discarded: …'). */
  cacheState(): string | null {
    return this.state.cache?.loaded ?? null
  }

  summary(): StoreFacts {
    return this.state.summary()
  }

  /** Every event type seen in the streams read so far, with its count and the usual aggregate type. */
  eventTypes(): EventTypeCount[] {
    return this.state.eventTypes()
  }

  /** Where the latest event of a type is: in the given aggregate if it has one, else the stream that last had one. */
  latestOfType(type: string, preferred?: string): { aggregateId: string; version: number } | null {
    return this.state.latestOfType(type, preferred)
  }

  /** Update an aggregate's row from a fresh read of its stream (reconciliation, opening, or a change). */
  takeScan(scan: StreamIndex): void {
    this.state.takeScan(scan)
  }

  /**
   * Read the files named (stream files or index.json) again after they changed on disk; returns the
   * aggregates whose streams changed. `reread` may supply a cheaper read (extending an open stream).
   */
  refresh(
    names: Iterable<string>,
    reread?: (stream: StreamFile) => Promise<StreamIndex | null>,
  ): Promise<string[]> {
    return refreshStore(this.state, names, reread)
  }

  // RowSource, for callers of the store itself; the catalog reads the state's row source directly.

  row(id: string): AggregateRow {
    return this.rows.row(id)
  }

  type(id: string): string | null {
    return this.rows.type(id)
  }

  eventCount(id: string): number | null {
    return this.rows.eventCount(id)
  }

  lastEventAt(id: string): string | null {
    return this.rows.lastEventAt(id)
  }

  lastEventMs(id: string, text: string): number {
    return this.rows.lastEventMs(id, text)
  }

  status(id: string): AggregateStatus {
    return this.rows.status(id)
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
