// The catalog's rows and sort fields of an open store, read from its state (store-state.ts) when a
// window or a sort asks for them. Apart from the state so the catalog's source is not the object that
// owns the catalog, and so what a row shows is read in one place.
//
// O(1) each (a sort reads them for every row): an id of the catalog is a stream unless it is one of
// the few index entries without one, and only listed streams have readings. Each call reads the state
// through one property; nothing is allocated but the row asked for.

import type { AggregateRow, AggregateStatus } from '../../../shared/contract'
import type { RowSource } from './aggregate-catalog'
import type { ReadingColumns } from '../scan-cache/readings-codec'
import { cleanCachedRow, ghostRow, streamRow, streamStatus } from './store-rows'
import type { StoreState } from './store-state'

export class StoreRowSource implements RowSource {
  constructor(private readonly state: StoreState) {}

  row(id: string): AggregateRow {
    const state = this.state
    if (state.unlistedSet.size > 0 && state.unlistedSet.has(id)) return ghostRow(id, state.entries()?.get(id))
    // A stream found as cached is read from the cache's columns (no reading or entry object made).
    const columns = state.readings.baseColumns
    const failed = state.unreadable.size > 0 && state.unreadable.has(id)
    const at = columns && !failed ? state.readings.markedAt(id) : -1
    if (at >= 0)
      return cleanCachedRow(id, columns as ReadingColumns, at, state.entries()) ?? streamRow(state.facts(id))
    return streamRow(state.facts(id))
  }

  type(id: string): string | null {
    return this.state.readingOf(id)?.type ?? null
  }

  eventCount(id: string): number | null {
    if (this.state.unlistedSet.has(id)) return 0
    return this.state.readingOf(id)?.eventCount ?? null
  }

  lastEventAt(id: string): string | null {
    const reading = this.state.readingOf(id)
    return reading ? reading.lastEventAt : (this.state.entries()?.lastEventAt(id) ?? null)
  }

  lastEventMs(id: string, text: string): number {
    const reading = this.state.readingOf(id)
    if (!reading) return Date.parse(text) || 0
    // The reading parsed its time once already; epoch numbers keep fractions Date.parse would drop.
    const ms = reading.lastEventAtMs
    return Number.isNaN(ms) ? 0 : Math.trunc(ms)
  }

  status(id: string): AggregateStatus {
    const state = this.state
    if (state.unlistedSet.size > 0 && state.unlistedSet.has(id)) return 'error'
    const kept = state.statuses.get(id)
    if (kept !== undefined) return kept
    // Not read yet and not failed: pending, whatever the index says (streamStatus). Answered before the
    // index entry is looked up, and not kept: a sort by status right after opening (the Problems
    // panel's) asks it of 100,000 streams none of which is read, and took 0.2 s of the main thread.
    if (!state.readings.has(id) && !(state.unreadable.size > 0 && state.unreadable.has(id))) return 'pending'
    const status = streamStatus(state.facts(id))
    state.statuses.set(id, status)
    return status
  }
}
