// What an open store knows right now: its listing, its index, each stream's last reading or why it
// could not be read, and the catalog of rows over them; and the few ways that knowledge changes.
// Apart from open-store.ts so every part that changes it (reconciling, a refresh, a stream opened)
// goes through one model, and the hot paths (a row, a stream taken as cached) stay one property
// access away from the fields they read: plain fields, no getters, no closures per stream.

import type { AggregateStatus, Problem, StoreFacts } from '../../../shared/contract'
import type { StreamIndex } from '../stream/stream-index'
import { AggregateCatalog, positionOf } from './aggregate-catalog'
import type { IndexEntries, IndexTable, OpenedIndex } from './index-file'
import { storeProblem } from './reconcile'
import { eventTypesOf, latestOfTypeIn, type EventTypeCount } from './reading-insights'
import { storeProblemsOf, streamFindingCounts } from './store-findings'
import { streamSuffix } from './store-files'
import { compareIds, mergeIds, sameIds } from './store-ids'
import type { FolderStamp } from '../scan-cache/snapshot-codec'
import { StoreRowSource } from './store-row-source'
import type { StreamFacts } from './store-rows'
import { readingOf, type StreamReading } from '../stream-facts/stream-reading'
import type { StoreCache, Freshness } from '../scan-cache/store-cache'
import { TakenEntries } from '../scan-cache/taken-entries'
import type { ReadingColumns, StampedReading } from '../scan-cache/readings-codec'

/** No stamp: a listing taken by a change (refresh) is never kept as a snapshot's (its folder moved). */
export const noFolder: FolderStamp = { dev: -1, ino: -1, mtimeMs: -1, ctimeMs: -1, readAtMs: -1 }

export class StoreState {
  /** Rows and sort fields read from this state; the catalog's source. */
  readonly rows: StoreRowSource = new StoreRowSource(this)
  readonly catalog: AggregateCatalog = new AggregateCatalog(this.rows)
  /** Index ids without a stream file, in index order (store findings), and as a set. */
  unlisted: string[] = []
  unlistedSet: ReadonlySet<string> = new Set()
  /** The ids of index.json, sorted once per index read. */
  indexedSorted: readonly string[] | null = null
  /** Each stream's last reading: those read, and those found as cached marked over the cache's columns. */
  readonly readings = new TakenEntries<StreamReading>((columns, i) => columns.readingAt(i))
  readonly unreadable = new Map<string, Problem>()
  /** Statuses worked out for sorting, until the stream or the index changes. */
  readonly statuses = new Map<string, AggregateStatus>()
  /** Line and index findings of the streams by severity, until a stream or the index changes. */
  streamFindings: { errors: number; warnings: number } | null = null
  readonly skippedLinks: string[] = []
  /** Stream-named entries that are no file (a folder, a pipe, a device): reported, never read. */
  readonly skippedOthers: string[] = []
  countedEvents = 0
  /** Streams read by takeScan (opened, followed), which reading through then leaves alone. */
  readElsewhere = 0
  reconciledFlag = false
  /** Whether reading through judged a stream changed or grown since it was cached (cached-rows.ts). */
  unspared = false
  styleSeen: StoreFacts['style'] = null
  /** The scan cache's entries for this store, once reconciling has begun. */
  cache: StoreCache | null = null
  /** The listing as last read from the folder (or taken from the snapshot), links included. */
  listing: { folder: FolderStamp; ids: readonly string[] }

  constructor(
    readonly dir: string,
    public index: OpenedIndex,
    /** Ids of the entries named like streams, sorted; each entry's type is checked when it is read. */
    public listed: string[],
    folder: FolderStamp,
  ) {
    this.listing = { folder, ids: listed }
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

  // O(findings): the index entries without a stream are known from the last merge of the ids.
  private storeProblems(): Problem[] {
    return storeProblemsOf({
      skippedLinks: this.skippedLinks,
      skippedOthers: this.skippedOthers,
      index: this.index,
      unlisted: this.unlisted,
      countedEvents: this.reconciledFlag ? this.countedEvents : null,
      unreadable: this.unreadable.values(),
    })
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

  facts(id: string): StreamFacts {
    const entries = this.entries()
    return {
      id,
      entry: entries?.get(id),
      indexed: entries !== null,
      reading: this.readings.get(id),
      failure: this.unreadable.get(id),
    }
  }

  readingOf(id: string): StreamReading | undefined {
    return this.unreadable.size > 0 && this.unreadable.has(id) ? undefined : this.readings.get(id)
  }

  entries(): IndexEntries | null {
    return this.index.state === 'ok' ? this.index.entries : null
  }

  isListed(id: string): boolean {
    return positionOf(this.listed, id) >= 0
  }

  takeIndex(table: IndexTable): void {
    this.index = table
    this.streamFindings = null
    this.indexedSorted = null
    this.statuses.clear()
  }

  takeReading(aggregateId: string, reading: StreamReading): void {
    this.unreadable.delete(aggregateId)
    this.countedEvents += reading.eventCount - (this.readings.get(aggregateId)?.eventCount ?? 0)
    this.styleSeen ??= reading.style
    this.readings.set(aggregateId, reading)
    this.streamFindings = null
    this.statuses.delete(aggregateId)
    this.catalog.changed(aggregateId)
  }

  takeEntry(id: string, entry: StampedReading, freshness: Freshness): void {
    this.takeReading(id, entry.reading)
    this.cache?.take(id, entry, freshness)
  }

  /**
   * takeEntry for a stream whose file is as cached: marked in the cache and here, no entry made and
   * no Map slot filled. O(1) for ids in sorted order: a reopened store takes 100,000 so.
   */
  takeCached(id: string, position: number): void {
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

  markUnreadable(aggregateId: string, code: string): void {
    this.cache?.drop(aggregateId)
    this.unreadable.set(
      aggregateId,
      storeProblem('unreadable_stream', `Cannot read the stream of ${aggregateId} (${code})`),
    )
    this.streamFindings = null
    this.statuses.delete(aggregateId)
    this.catalog.changed(aggregateId)
  }

  forget(aggregateId: string, wasListed: boolean): boolean {
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
  drop(aggregateId: string, link: boolean): void {
    const name = `${aggregateId}${streamSuffix}`
    const skipped = link ? this.skippedLinks : this.skippedOthers
    const at = positionOf(this.listed, aggregateId)
    // Unlisted: a store opened for the streams named (namedOnly) met it; it is kept once, to be told.
    if (at < 0) {
      if (!skipped.includes(name)) skipped.push(name)
      return
    }
    this.listed = [...this.listed.slice(0, at), ...this.listed.slice(at + 1)]
    skipped.push(name)
    this.forget(aggregateId, true)
  }

  /** The ids of the table (streams and index entries) and the index entries without a stream. O(n). */
  updateIds(): void {
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
}
