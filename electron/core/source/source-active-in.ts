// The streams of a Source with at least one event in a time range (the histogram's selection), found
// by one pass over the store in global order through the source's cursor: O(events) read, O(streams
// matched) kept. An event without a time is in no range.

import { StoreError } from '../errors'
import type { Source } from './source'

/** Ids of the streams with an event at `sinceMs` ≤ time ≤ `untilMs` (either end may be infinite). */
export async function sourceStreamsActiveIn(
  source: Source,
  sinceMs: number,
  untilMs: number,
  signal: AbortSignal,
): Promise<Set<string>> {
  const ids = new Set<string>()
  for await (const batch of source.scan({}, signal)) {
    if (signal.aborted) throw new StoreError('cancelled', 'Superseded by a newer time range.')
    for (const event of batch) {
      if (event.occurredAt === null || ids.has(event.streamId)) continue
      const at = Date.parse(event.occurredAt)
      if (at >= sinceMs && at <= untilMs) ids.add(event.streamId)
    }
  }
  return ids
}
