// The aggregates window narrowed to the aggregates with events in a time range (the renderer's
// histogram selection), the set of which is computed once per range and store state.

import type { ChannelInput, ChannelOutput } from '../../../shared/contract'
import { TaskCancelled } from '../tasks/task-registry'

type WindowInput = ChannelInput<'aggregates.window'>
type WindowOutput = ChannelOutput<'aggregates.window'>

/**
 * Answers `aggregates.window` with its optional `activeSince..activeUntil` range (either end open).
 *
 * The active set costs one scan of the store (O(store bytes)) per range and store state, kept for
 * the pages that follow (a newer range stops the scan of the one before); each window then builds every row of the sorted, filtered order (O(n)) and
 * keeps those in the set. Without a range, the catalog's window as is.
 */
export function createActiveRangeWindow(options: {
  /** A database's listing may wait for its streams to be listed (session/source-listing.ts). */
  readonly windowOf: (query: WindowInput) => WindowOutput | Promise<WindowOutput>
  /** Names the store's state: the set is computed again when it changes (dir, event count). */
  readonly storeKey: () => string
  /** Aborting `signal` stops the scan (a newer range replaced it); it then rejects. */
  readonly activeIn: (sinceMs: number, untilMs: number, signal: AbortSignal) => Promise<Set<string>>
}): (query: WindowInput) => Promise<WindowOutput> {
  let cached: {
    readonly key: string
    readonly ids: Promise<Set<string>>
    readonly scan: AbortController
  } | null = null
  return async (query) => {
    const { activeSince, activeUntil, ...plain } = query
    if (activeSince === undefined && activeUntil === undefined) return options.windowOf(plain)
    const since = activeSince === undefined ? Number.NEGATIVE_INFINITY : Date.parse(activeSince)
    const until = activeUntil === undefined ? Number.POSITIVE_INFINITY : Date.parse(activeUntil)
    const key = `${options.storeKey()}\u0000${since}\u0000${until}`
    if (cached?.key !== key) {
      // The selection moved on: the scan for the old range (a whole-store read) stops.
      cached?.scan.abort(new TaskCancelled('Superseded by a newer time range.'))
      const scan = new AbortController()
      const ids = options.activeIn(since, until, scan.signal)
      cached = { key, ids, scan }
      ids.catch(() => {
        if (cached?.ids === ids) cached = null
      })
    }
    const active = await cached.ids
    const all = await options.windowOf({ ...plain, offset: 0, limit: Number.MAX_SAFE_INTEGER })
    const kept = all.rows.filter((row) => active.has(row.id))
    return {
      total: kept.length,
      unfiltered: all.unfiltered,
      offset: query.offset,
      rows: kept.slice(query.offset, query.offset + query.limit),
    }
  }
}
