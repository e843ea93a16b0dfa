// The aggregates with at least one event in a time range: what the histogram's selection means for
// the aggregates table.

import { scanLines } from '../scan/scan-lines'
import { storeStreams } from '../scan/store-streams'

/**
 * Ids of the aggregates with an event timed within `sinceMs..untilMs` (inclusive). O(store bytes);
 * `signal` is looked at once per chunk read, and aborting rejects with its reason.
 */
export async function aggregatesActiveIn(
  dir: string,
  sinceMs: number,
  untilMs: number,
  signal?: AbortSignal,
): Promise<Set<string>> {
  const { streams } = await storeStreams(dir)
  const active = new Set<string>()
  for (const stream of streams) {
    signal?.throwIfAborted()
    await scanLines(stream.file, stream.aggregateId, {
      ...(signal ? { signal } : {}),
      onEvent: (event) => {
        const ms = event.envelope.occurredAtMs
        if (ms >= sinceMs && ms <= untilMs) active.add(stream.aggregateId)
      },
    })
  }
  return active
}
