// The streams a session has opened for exploring (positions and checkpoints), kept for quick return:
// least recently used evicted first, bounded by total events so a few huge streams cannot hold memory
// forever. The session's working set, let go with it; facts kept between sessions are store-facts.ts's.

import type { StreamIndex } from '../stream/stream-index'

/** Events whose positions and checkpoints we keep across all cached streams (about 16 bytes each). */
const maxCachedEvents = 5_000_000
const maxCachedStreams = 32

export class OpenedStreams {
  private readonly entries = new Map<string, StreamIndex>()

  get(aggregateId: string): StreamIndex | undefined {
    const index = this.entries.get(aggregateId)
    if (index) {
      this.entries.delete(aggregateId)
      this.entries.set(aggregateId, index)
    }
    return index
  }

  put(index: StreamIndex): void {
    this.entries.delete(index.aggregateId)
    this.entries.set(index.aggregateId, index)
    let events = 0
    for (const entry of this.entries.values()) events += entry.eventCount
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= 1 || (events <= maxCachedEvents && this.entries.size <= maxCachedStreams))
        break
      this.entries.delete(id)
      events -= entry.eventCount
    }
  }

  clear(): void {
    this.entries.clear()
  }
}
