// How far an export is, in events, without reading the store twice: an exact event total would need a
// pass over every stream before the first byte is written (and the positions of all of them held), so
// the total is estimated from the bytes read so far and made exact when the export ends.

import { TaskCancelled } from '../tasks/task-registry'

/** A cancelled export: the one shape of stopped work, saying that nothing was written. */
export function exportCancelled(): TaskCancelled {
  return new TaskCancelled('Export cancelled; nothing was written.')
}

const reportEvery = 5000

/** Events read against the selected streams' bytes; also where cancellation is noticed, once per chunk. */
export class ExportProgress {
  private bytesDone = 0
  private events = 0
  private reported = 0

  constructor(
    private readonly totalBytes: number,
    private readonly onProgress: ((done: number, total: number) => void) | undefined,
    private readonly signal: AbortSignal | undefined,
  ) {}

  /** A chunk was read holding `events` valid events; throws when the export was cancelled. */
  advance(bytes: number, events: number): void {
    if (this.signal?.aborted) throw exportCancelled()
    this.bytesDone += bytes
    this.events += events
    if (this.onProgress && this.events - this.reported >= reportEvery && this.bytesDone > 0) {
      this.reported = this.events
      // Events so far scaled by the bytes still to read: the store's own event density.
      const estimate = Math.round((this.events * this.totalBytes) / this.bytesDone)
      this.onProgress(this.events, Math.max(this.events, estimate))
    }
  }

  /** The last report, with the exact total. */
  finish(): void {
    if (this.events > 0) this.onProgress?.(this.events, this.events)
  }
}
