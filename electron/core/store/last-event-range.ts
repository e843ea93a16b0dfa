// The aggregates window narrowed to a time range of last events (the renderer's histogram selection).

import type { ChannelInput, ChannelOutput } from '../../../shared/contract'

type WindowInput = ChannelInput<'aggregates.window'>
type WindowOutput = ChannelOutput<'aggregates.window'>

/**
 * One window of the aggregates whose last event lies in `lastEventSince..lastEventUntil` (either end
 * open); without a range, the catalog's window as is.
 *
 * With a range every row of the sorted, filtered order is built and its time parsed: O(n) per window,
 * paid only while a range is selected (100,000 aggregates: tens of milliseconds). Rows without a last
 * event time are outside every range.
 */
export function windowInLastEventRange(
  windowOf: (query: WindowInput) => WindowOutput,
  query: WindowInput,
): WindowOutput {
  const { lastEventSince, lastEventUntil, ...plain } = query
  if (lastEventSince === undefined && lastEventUntil === undefined) return windowOf(plain)
  const since = lastEventSince === undefined ? Number.NEGATIVE_INFINITY : Date.parse(lastEventSince)
  const until = lastEventUntil === undefined ? Number.POSITIVE_INFINITY : Date.parse(lastEventUntil)
  const all = windowOf({ ...plain, offset: 0, limit: Number.MAX_SAFE_INTEGER })
  const kept = all.rows.filter((row) => {
    const at = row.lastEventAt === null ? Number.NaN : Date.parse(row.lastEventAt)
    return at >= since && at <= until
  })
  return {
    total: kept.length,
    unfiltered: all.unfiltered,
    offset: query.offset,
    rows: kept.slice(query.offset, query.offset + query.limit),
  }
}
