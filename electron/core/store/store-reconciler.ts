// Reconciling an open store in the background: when reading its streams starts (at once, or behind a
// page's first rows), index.json read behind those rows, the listing taken from a snapshot checked
// against the folder, every stream read through (read-through.ts) and spot-checked against the scan
// cache, then the cache and the snapshot written. Apart from open-store.ts because it is the one long
// piece of work an opening starts; it changes the store only through its state (store-state.ts).

import type { FolderStamp } from '../scan-cache/snapshot-codec'
import { workerThresholds } from '../worker/run-task'
import { readIndexTable, type IndexTable } from './index-file'
import { streamFileOf } from './store-files'
import { diffIds, sameIds } from './store-ids'
import { idsOfUnlessSame, keepSnapshot, listFolderUnlessSame, type Opening } from './store-opening'
import type { StoreState } from './store-state'
import { storeFacts } from '../stream-facts/store-facts'
import { StoreCache } from '../scan-cache/store-cache'
import { earlySpotCheck, spotCheck } from '../scan-cache/spot-check'
import { earlyStat, readThrough, type ReadTarget } from './read-through'
import type { StatFeed } from './stat-feed'

export interface ReconcileProgress {
  readonly done: number
  readonly total: number
}

/** How reconciling starts: `namedOnly` never reads through; `pageFirst` waits for a first page. */
export interface ReconcileOptions {
  readonly namedOnly: boolean
  readonly pageFirst: boolean
  readonly onIndexRead: () => void
  /**
   * Called once, just before anything is read behind the opening (index.json left behind, the
   * streams), with the stamp of the folder as the store last listed it.
   */
  readonly onBackground: (listedAt: FolderStamp) => void
}

/** A shell's big store starts reading its streams once its first page is served, or this long after opening. */
const readingDelayMs = 1000

export class StoreReconciler {
  readonly cancel = new AbortController()
  /** Let the reading start now (a page was served, or someone waits for it); once only. */
  startReading: () => void = () => {}
  readonly reconciled: Promise<void>
  /** Settles once the readings are written to the scan cache after reconciling (or were not). */
  cacheWritten: Promise<boolean> = Promise.resolve(false)
  /** Settles once the store's snapshot (listing and index) is written after reconciling (or was not). */
  snapshotWritten: Promise<boolean> = Promise.resolve(false)
  /**
   * Settles once the scan cache is loaded and the listing checked, just before the streams are judged
   * (cached-rows.ts), or once reconciling ended without getting there.
   */
  readonly cacheReady: Promise<void>
  private markCacheReady: () => void = () => {}
  /** What reading the streams through (read-through.ts) may ask and change of this store. */
  private readonly target: ReadTarget
  /** The stat of every stream started at opening (read-through.ts), until reading through takes it. */
  private early: StatFeed | null = null
  /** The snapshot's listing as opened and its NUL-joined bytes: a stat of it cuts its parts from them. */
  private readonly listedText: { readonly ids: readonly string[]; readonly bytes: Buffer } | null
  /** Whether the scan cache likely knows this store (a snapshot of it, or this process read it). */
  private readonly likelyCached: boolean
  /** index.json read behind the first rows (`reading` at opening), once started. */
  private indexBehind: Promise<void> | null = null
  private readonly onIndexRead: () => void
  private onBackground: (listedAt: FolderStamp) => void

  constructor(
    private readonly state: StoreState,
    private readonly opening: Opening | null,
    onProgress: (progress: ReconcileProgress) => void,
    { namedOnly, pageFirst, onIndexRead, onBackground }: ReconcileOptions,
  ) {
    this.onIndexRead = onIndexRead
    this.onBackground = onBackground
    const dir = state.dir
    this.target = {
      dir,
      signal: this.cancel.signal,
      listedNow: () => state.listed,
      isListed: (id) => state.isListed(id),
      hasReading: (id) => state.readings.has(id),
      readElsewhere: () => state.readElsewhere,
      takeEntry: (id, entry, freshness) => state.takeEntry(id, entry, freshness),
      takeCached: (id, position) => state.takeCached(id, position),
      unspared: () => {
        state.unspared = true
      },
      markUnreadable: (id, code) => state.markUnreadable(id, code),
      drop: (id, link) => state.drop(id, link),
      idsChanged: () => state.updateIds(),
    }
    const listed = state.listed
    // The CLI's stat of every stream starts at once, on the workers; a shell's starts with reading
    // through (after its first page), so the page keeps the cores (read-through.ts).
    this.likelyCached = opening?.snapshot != null || storeFacts(dir).lastReadings != null
    // The snapshot's listing comes with its text: the stat's parts are cut from it, not joined again.
    const joined = opening?.from.listing === 'snapshot' ? opening.snapshot?.texts?.ids?.bytes : undefined
    this.listedText = joined ? { ids: listed, bytes: joined } : null
    if (!namedOnly && !pageFirst) this.early = earlyStat(this.target, listed, this.likelyCached, { joined })
    this.cacheReady = new Promise<void>((resolve) => (this.markCacheReady = resolve))
    this.reconciled = namedOnly
      ? Promise.resolve()
      : this.readingStarts(listed.length, pageFirst).then(() => this.reconcile(onProgress))
    void this.reconciled.finally(() => this.markCacheReady()).catch(() => {})
  }

  /**
   * index.json, when opening left it for behind the first rows: read it once and take it in (rows,
   * statuses and findings worked out again), then say so. A change the watcher took in meanwhile read
   * the index itself: the newer reading stands. Every stream is judged against it only after this.
   */
  readIndexBehind(): Promise<void> {
    if (this.indexBehind) return this.indexBehind
    this.background()
    const state = this.state
    if (state.index.state !== 'reading') return Promise.resolve()
    const read = readIndexTable(state.dir).catch((error: NodeJS.ErrnoException): IndexTable => ({
      state: 'unreadable',
      reason: `cannot read index.json (${error.code ?? 'error'})`,
    }))
    this.indexBehind = read.then((table) => {
      if (state.index.state !== 'reading' || this.cancel.signal.aborted) return
      state.takeIndex(table)
      state.updateIds()
      state.catalog.resort()
      this.onIndexRead()
    })
    return this.indexBehind
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
        this.background()
        resolve()
      }
    })
  }

  // Once, before the first read behind the opening, whichever comes first.
  private background(): void {
    const run = this.onBackground
    this.onBackground = () => {}
    run(this.state.listing.folder)
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
    const state = this.state
    // Streams are judged against the index: one left for behind the first rows is read first.
    await this.readIndexBehind()
    if (this.cancel.signal.aborted) return
    // The stat (started at opening, or now) runs beside the listing's check and the cache's loading.
    // A shell's stat starts here; while the listing is the snapshot's still (a change replaces the
    // array), its parts are cut from the snapshot's text: joining 100,000 ids took 70 ms and their
    // garbage as much again, on the main thread, right behind the first rows.
    const joined = this.listedText?.ids === state.listed ? this.listedText.bytes : undefined
    const early = this.early ?? earlyStat(this.target, state.listed, this.likelyCached, { joined })
    this.early = null
    // The readings share the snapshot's strings where their texts are the same (readings-layout.ts).
    const opening = StoreCache.open(state.dir, this.opening?.snapshot?.texts)
    if (this.opening?.from.listing === 'snapshot') await this.checkListing()
    const cache = await opening
    if (this.cancel.signal.aborted) return
    state.cache = cache
    state.readings.over(cache.columns())
    this.markCacheReady()
    const listed = state.listed
    // Streams already read (opened by the user meanwhile) are not read again.
    const toRead = state.readings.size === 0 ? listed : listed.filter((id) => !state.readings.has(id))
    const skipped = listed.length - toRead.length
    const progress = (done: number): void => onProgress({ done: done + skipped, total: listed.length })
    const fileOf = (id: string): string => streamFileOf(state.dir, id)
    // Hashed while the stats are taken in, not after the last one (spot-check.ts).
    const spot = cache.knowsAny() ? earlySpotCheck(toRead, (id) => cache.knownEntry(id), fileOf) : null
    if (!(await readThrough(this.target, toRead, cache, progress, early))) return
    // A cache whose sample of spared streams does not hash as stamped lies: read those streams after all.
    const spared = [...cache.spared()]
    const entryOf = (id: string) => cache.entryOf(id)
    const isSpared = (id: string): boolean => cache.freshnessOf(id) === 'cached'
    const holds = spot ? spot.holdsFor(spared, isSpared, entryOf) : spotCheck(spared, entryOf, fileOf)
    if (!(await holds)) {
      await cache.distrust()
      for (const id of spared) state.forget(id, true)
      if (!(await readThrough(this.target, spared, cache, progress))) return
    }
    if (toRead.length === 0) onProgress({ done: listed.length, total: listed.length })
    state.reconciledFlag = true
    this.cacheWritten = cache.save().catch(() => false)
    this.snapshotWritten = keepSnapshot(
      state.dir,
      this.opening?.snapshot ?? null,
      state.listing,
      state.index,
    ).catch(() => false)
  }

  /**
   * The listing came from the snapshot: list the folder now, behind the first page, and take in what
   * differs before any stream is read (a snapshot is an early answer, never the truth). O(names).
   */
  private async checkListing(): Promise<void> {
    const state = this.state
    const known = state.listing.ids
    // The listing taken while opening, unless a change (the watcher's) listed the folder since.
    const recheck = this.opening?.recheck
    const { folder, ids } =
      recheck && known === this.opening?.listed
        ? await idsOfUnlessSame(recheck, known)
        : await listFolderUnlessSame(state.dir, known)
    // null: the folder holds `known` (the usual answer, with no string made per stream).
    const fresh = { folder, ids: ids ?? [...known] }
    if (this.cancel.signal.aborted || sameIds(fresh.ids, state.listing.ids)) return
    state.listing = fresh
    // A change the watcher took in meanwhile listed the folder itself: the newer listing stands.
    const { removed } = diffIds(state.listed, fresh.ids)
    state.listed = fresh.ids
    state.updateIds()
    for (const id of removed) state.forget(id, true)
  }
}
