// The benchmark's door into search: count the events of one type in a store, the same question as
// `jq -c 'select(.event_type == "T")'` over its stream files.

import { searchStore } from './run-search'

/**
 * Count events of `eventType` in the store at `dir`; returns the count, bytes scanned and milliseconds.
 *
 * Pass `knownCount` (each stream's event count, from an open session's `aggregates()` once reconciled)
 * to measure search as the app runs it; without it, every stream holding a match whose other lines
 * were skipped is read a second time in full to make the versions exact.
 */
export async function benchSearchEventType(
  dir: string,
  eventType: string,
  knownCount?: (aggregateId: string) => number | null,
): Promise<{ matches: number; bytes: number; ms: number }> {
  const started = performance.now()
  const result = await searchStore(
    dir,
    { eventTypes: [eventType] },
    { keep: false, ...(knownCount ? { knownCount } : {}) },
  )
  return {
    matches: result.progress.matched,
    bytes: result.progress.scannedBytes,
    ms: performance.now() - started,
  }
}
