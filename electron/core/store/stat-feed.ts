// A stat of every stream of a store, started as soon as the ids are known and taken in later.
//
// Why: reopening a store judges each stream by its lstat against the scan cache. The stat (worker
// threads, stat-task.ts) needs only the ids, the judging needs the cache loaded too; started apart,
// the two run side by side (the cache's loading on the main thread, the stat on the workers) instead
// of one after the other. Batches are kept until taken: a few for a store of 100,000 streams.

import { statStreams, type StatBatch } from '../worker/off-thread'

export class StatFeed {
  private readonly kept: StatBatch[] = []
  private wake: (() => void) | null = null
  private ended = false
  private failure: unknown = null
  private readonly stop = new AbortController()

  /**
   * Start stat'ing `ids` (the array is kept: a caller tells by identity whether the feed is for its
   * ids), on at most `threads` threads (default: one per core).
   */
  constructor(
    dir: string,
    readonly ids: readonly string[],
    signal: AbortSignal,
    threads?: number,
    /** `ids` NUL-joined as bytes, when the caller has them (statStreams' `joined`). */
    joined?: Buffer,
  ) {
    const abort = (): void => this.stop.abort(signal.reason)
    if (signal.aborted) abort()
    else signal.addEventListener('abort', abort, { once: true })
    statStreams(dir, ids, {
      signal: this.stop.signal,
      threads,
      joined,
      onStats: (batch) => {
        this.kept.push(batch)
        this.wake?.()
      },
    })
      .catch((error: unknown) => {
        this.failure = error
      })
      .finally(() => {
        signal.removeEventListener('abort', abort)
        this.ended = true
        this.wake?.()
      })
  }

  /** Stop stat'ing (the ids it was started with are not the ones wanted any more). */
  cancel(): void {
    this.stop.abort()
  }

  /**
   * Hand each batch to `take` in the order it arrived, waiting for those still to come; rejects when
   * the stat failed or was stopped. `take` may be async: the next batch waits for it.
   */
  async each(take: (batch: StatBatch) => void | Promise<void>): Promise<void> {
    for (;;) {
      const batch = this.kept.shift()
      if (batch) {
        await take(batch)
        continue
      }
      if (this.ended) break
      await new Promise<void>((resolve) => (this.wake = resolve))
      this.wake = null
    }
    if (this.failure !== null) throw this.failure
  }
}
