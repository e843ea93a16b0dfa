// The rows of an open store as they are when every stream is found as cached: a reopened store that
// did not change, the usual `eventscope list`. Worked out before reading through ends, they let `list`
// lay its table out while the streams are judged (list-ahead.ts), on a main thread that otherwise
// waits for the stat threads, instead of after the last stream is judged, when one core is idle.
//
// Never trusted on faith: holds() says afterwards whether they are the store's rows, from the state
// itself (every listed stream taken as cached at its place in the same columns, the same index and
// listing, nothing unreadable), and whoever used them lays the table out again when they are not.

import type { AggregateRow } from '../../../shared/contract'
import type { ReadingColumns } from '../scan-cache/readings-codec'
import type { IndexEntries } from './index-file'
import { cleanCachedRow } from './store-rows'
import type { StoreState } from './store-state'

export class CachedRows {
  private constructor(
    private readonly state: StoreState,
    /** The table's ids, in its order: the catalog's, which are the cache's columns' ids one for one. */
    readonly ids: readonly string[],
    private readonly columns: ReadingColumns,
    private readonly entries: IndexEntries | null,
    private readonly signal: AbortSignal,
  ) {}

  /**
   * The rows of `state` if every stream is found as cached, or null where they cannot be had so: no
   * cache columns, columns that are not the listing one for one, a stream that is unreadable or an
   * index entry without one. O(streams) identity compares (the columns share the listing's strings).
   */
  static of(state: StoreState, signal: AbortSignal): CachedRows | null {
    const columns = state.readings.baseColumns
    const ids = state.catalog.sortedIds
    if (!columns || columns.size !== ids.length) return null
    if (state.unlistedSet.size > 0 || state.unreadable.size > 0) return null
    for (let i = 0; i < ids.length; i++) if (columns.idAt(i) !== ids[i]) return null
    return new CachedRows(state, ids, columns, state.entries(), signal)
  }

  get size(): number {
    return this.ids.length
  }

  /** Row `i` if its stream is found as cached; undefined when that row is not the usual clean one. */
  row(i: number): AggregateRow | undefined {
    return cleanCachedRow(this.ids[i] as string, this.columns, i, this.entries)
  }

  /** False once anything seen so far makes holds() false (a stream changed, the store closed). O(1). */
  mayHold(): boolean {
    const state = this.state
    return (
      !this.signal.aborted &&
      !state.unspared &&
      state.catalog.sortedIds === this.ids &&
      state.entries() === this.entries &&
      state.unreadable.size === 0 &&
      state.unlistedSet.size === 0
    )
  }

  /**
   * Whether these are the store's rows now that it is read through: every stream taken as cached,
   * marked at its own place in these columns, nothing taken any other way. O(1).
   */
  holds(): boolean {
    const { state } = this
    const readings = state.readings
    return (
      this.mayHold() &&
      state.reconciledFlag &&
      readings.baseColumns === this.columns &&
      readings.markedCount === this.ids.length &&
      readings.size === this.ids.length &&
      state.cache !== null &&
      state.cache.takenAllAsCached(this.ids.length)
    )
  }
}
