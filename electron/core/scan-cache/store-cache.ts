// One open store's side of the scan cache: the entries known when it was opened (this process's last
// reading of the store, else the cache file), which of them a stream may still be judged by, what
// this opening read afresh, and how fresh each stream's reading is. Saved when the store is read
// through, so the next opening, in this process or another, reads only what changed.

import { storeFacts } from '../stream-facts/store-facts'
import { cachePlace } from './cache-place'
import {
  judgeEntry,
  type KnownReadings,
  type ReadingColumns,
  type SharedTexts,
  type StampedReading,
  type StatVerdict,
} from './readings-codec'
import { discardStoreReadings, loadStoreReadings, saveStoreReadings } from './scan-cache'
import { TakenEntries } from './taken-entries'

/**
 * How a stream's reading was had: `cached` (its file stat'ed as the cache says: not read), `extended`
 * (it grew: read from its old end), `read` (read whole).
 */
export type Freshness = 'cached' | 'extended' | 'read'

export class StoreCache {
  /** The entries taken: those read, and those found as cached marked over the known columns. */
  private readonly entries = new TakenEntries<StampedReading>((columns, i) => columns.entryAt(i))
  /** How the entries that are not `cached` were had; an entry absent here was taken as cached. */
  private readonly freshness = new Map<string, Exclude<Freshness, 'cached'>>()
  /** The streams taken as cached, in order (the sample check draws from them). */
  private sparedIds: string[] = []
  private changed = false
  /** Whether an entry was dropped since it was taken (spared() then filters). */
  private dropped = false
  /** Read once: cachePlace() looks at the environment, too slow to ask per stream of 100,000. */
  private readonly settleMs = cachePlace().settleMs

  private constructor(
    readonly dir: string,
    private known: KnownReadings | null,
    /** What loading the cache file found, for `list` and the tests: hit, miss or discarded, and why. */
    public loaded: string,
  ) {
    this.entries.over(known?.columns ?? null)
  }

  /**
   * The entries kept for `dir`: this process's, else the cache file's (checked, never trusted
   * blindly). `shared`: the store's snapshot's texts, whose strings the file's entries may take.
   */
  static async open(dir: string, shared?: SharedTexts): Promise<StoreCache> {
    const remembered = storeFacts(dir).lastReadings
    if (remembered) return new StoreCache(dir, remembered, 'memory')
    const loaded = await loadStoreReadings(dir, shared)
    if (loaded.kind === 'hit') return new StoreCache(dir, loaded.value, 'hit')
    return new StoreCache(dir, null, `${loaded.kind}: ${loaded.reason}`)
  }

  /** Whether the cache gave any entry (else every stream is read whole and stat'ing first is waste). */
  knowsAny(): boolean {
    return this.known !== null && this.known.size > 0
  }

  /**
   * What `id`'s stat (`statWidth` numbers at `at` in `stats`, stat-task.ts) says of its cached entry.
   * O(1) for ids asked in sorted order, and no object made: a reopened store asks it 100,000 times.
   */
  judge(id: string, stats: Float64Array, at: number): StatVerdict {
    const known = this.known
    if (!known) return 'changed'
    return known.judge
      ? known.judge(id, stats, at, this.settleMs)
      : judgeEntry(known.get(id), stats, at, this.settleMs)
  }

  /**
   * Where `id` is among columns() (-1: not there, or no columns), for judgeAt and spare: a reopened
   * store looks each of its 100,000 streams up once instead of once per step.
   */
  positionOf(id: string): number {
    return this.known?.columns?.positionOf(id) ?? -1
  }

  /** judge for the stream at `position` of columns() (positionOf; -1 judges by id). */
  judgeAt(id: string, position: number, stats: Float64Array, at: number): StatVerdict {
    const known = this.known
    return position >= 0 && known?.judgeAt
      ? known.judgeAt(position, stats, at, this.settleMs)
      : this.judge(id, stats, at)
  }

  /** The cached entry of a stream (its stamp may not hold any more: see judge). */
  knownEntry(id: string): StampedReading | undefined {
    return this.known?.get(id)
  }

  /** The known entries by position, when they are a decoded cache file's (else take each entry). */
  columns(): ReadingColumns | null {
    return this.known?.columns ?? null
  }

  /**
   * Take a stream as cached without making its entry: marked at its position in columns(). O(1) for
   * ids in sorted order; false when the known entries have no columns (then take the entry).
   */
  spare(id: string, position = this.positionOf(id)): boolean {
    if (position < 0 || this.entries.markAt(id, position) < 0) return false
    if (this.freshness.size > 0) this.freshness.delete(id)
    this.sparedIds.push(id)
    return true
  }

  /** Take a stream's reading as this opening had it. */
  take(id: string, entry: StampedReading, freshness: Freshness): void {
    this.entries.set(id, entry)
    if (freshness === 'cached') {
      this.freshness.delete(id)
      this.sparedIds.push(id)
    } else {
      this.freshness.set(id, freshness)
      this.changed = true
    }
  }

  /** A stream read outside the cache (a change followed) or gone: not kept. */
  drop(id: string): void {
    if (this.entries.delete(id)) this.changed = this.dropped = true
    this.freshness.delete(id)
  }

  /** O(1) for ids asked in sorted order (`list` asks for every one). */
  freshnessOf(id: string): Freshness | undefined {
    const other = this.freshness.size === 0 ? undefined : this.freshness.get(id)
    return other ?? (this.entries.has(id) ? 'cached' : undefined)
  }

  /**
   * The streams this opening did not read (their stamps held). O(1) when every one taken in was
   * cached and none went since (a reopened store that did not change), else O(spared).
   */
  spared(): readonly string[] {
    if (this.freshness.size === 0 && !this.dropped) return this.sparedIds
    return this.sparedIds.filter((id) => this.entries.has(id) && !this.freshness.has(id))
  }

  /** A stream's entry as this opening took it. */
  entryOf(id: string): StampedReading | undefined {
    return this.entries.get(id)
  }

  /**
   * The cache lied about a file: forget every entry it gave, remove its file, and take nothing from it
   * again (the spared streams are read afresh by the caller).
   */
  async distrust(): Promise<void> {
    for (const id of this.spared()) this.drop(id)
    this.sparedIds = []
    this.known = null
    this.entries.over(null)
    this.loaded = 'discarded: a file did not hash as its stamp says'
    this.changed = true
    storeFacts(this.dir).lastReadings = null
    await discardStoreReadings(this.dir)
  }

  /** Whether exactly `streams` streams were taken, every one as cached (none read or read on). O(1). */
  takenAllAsCached(streams: number): boolean {
    return this.freshness.size === 0 && this.entries.size === streams
  }

  /** Streams by freshness. */
  counts(): Record<Freshness, number> {
    const counts = { cached: this.entries.size - this.freshness.size, extended: 0, read: 0 }
    for (const freshness of this.freshness.values()) counts[freshness]++
    return counts
  }

  /** The entries, for this process's next opening of the store. */
  remembered(): KnownReadings {
    return this.entries
  }

  /**
   * Write the entries to the cache file when this opening read anything or streams went away
   * (O(streams): ~0.3 s for 100,000); nothing when every stream was as cached.
   */
  async save(): Promise<boolean> {
    // Unchanged, every entry was taken from `known` (as cached): one went away iff there are fewer.
    const gone = this.known !== null && this.entries.size !== this.known.size
    if (!this.changed && !gone) return false
    this.changed = false
    return saveStoreReadings(this.dir, this.entries)
  }
}
