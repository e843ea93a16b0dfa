// One event at a time from a source's batches, for a reader that walks two streams side by side
// (copy compares what a destination holds with the source, event by event). Only the current batch
// is held.

import type { SourceEvent } from './source'

export class BatchCursor {
  private readonly iterator: AsyncIterator<readonly SourceEvent[]>
  private batch: readonly SourceEvent[] = []
  private at = 0
  private done = false

  constructor(batches: AsyncIterable<readonly SourceEvent[]>) {
    this.iterator = batches[Symbol.asyncIterator]()
  }

  /** The next event, or null after the last. */
  async next(): Promise<SourceEvent | null> {
    while (this.at >= this.batch.length) {
      if (this.done) return null
      const step = await this.iterator.next()
      if (step.done === true) {
        this.done = true
        return null
      }
      this.batch = step.value
      this.at = 0
    }
    return this.batch[this.at++] ?? null
  }

  /** Stop reading (a cursor or file is released); safe to call twice. */
  async close(): Promise<void> {
    if (this.done) return
    this.done = true
    await this.iterator.return?.()
  }
}
