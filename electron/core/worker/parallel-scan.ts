// A big stream opened on every core: one chunk per thread (stream/chunked-scan.ts), all chunks scanned
// at once on worker threads (in-process, one after another, where no worker can start), joined in
// order, then the rest of the file read on (a last line still being written, or bytes appended since).

import { StoreError } from '../errors'
import { ChunksDisagreeError, firstEventStyle, joinChunks, planChunks } from '../stream/chunked-scan'
import { readRest, type StreamIndex, type StreamTransfer } from '../stream/stream-index'
import { runTask } from './run-task'
import type { WorkerMessage } from './worker-protocol'

export interface ParallelControl {
  readonly signal?: AbortSignal | undefined
  /** Bytes read over all chunks, and the bytes of all chunks. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined
}

/**
 * Scan a stream in `threads` chunks at once, with replay; null when it cannot be cut (no event, a
 * single line, or the file was replaced meanwhile): the caller then scans it whole.
 *
 * O(file size / threads) wall time on idle cores, plus the join: O(events) to place the positions and
 * one composite application per chunk. Memory: each chunk's positions and checkpoint composites,
 * which the joined index keeps (the composites resolved into states only when asked for).
 */
export async function scanInParallel(
  file: string,
  aggregateId: string,
  threads: number,
  control: ParallelControl = {},
): Promise<StreamIndex | null> {
  const style = await firstEventStyle(file, control.signal)
  if (style === null) return null
  const plans = await planChunks(file, threads)
  if (plans.length < 2) return null
  const total = plans.reduce((sum, plan) => sum + plan.until - plan.from, 0)
  const done = plans.map(() => 0)
  // One chunk failing stops the others.
  const stop = new AbortController()
  const outer = control.signal
  const abort = (): void => stop.abort(outer?.reason)
  outer?.addEventListener('abort', abort, { once: true })
  try {
    const parts = await Promise.all(
      plans.map(async (plan, k) => {
        let part: StreamTransfer | null = null
        let failed: Error | null = null
        const onMessage = (message: WorkerMessage): void => {
          if (message.kind === 'progress') {
            done[k] = message.done
            control.onProgress?.(
              done.reduce((sum, n) => sum + n, 0),
              total,
            )
          } else if (message.kind === 'scanned') part = message.index
          else if (message.kind === 'failed')
            failed = Object.assign(new Error(message.message), { code: message.code })
        }
        await runTask(
          { kind: 'scan-chunk', file, aggregateId, ...plan, style },
          { signal: stop.signal, offThread: true, onMessage },
        ).catch((error: unknown) => {
          stop.abort(error)
          throw error
        })
        if (failed) {
          stop.abort(failed)
          throw failed
        }
        if (!part)
          throw new StoreError('internal', `Reading a chunk of ${aggregateId} ended without a result`)
        return part
      }),
    )
    const index = joinChunks(file, aggregateId, parts)
    await readRest(index, { signal: outer })
    return index
  } catch (error) {
    if (error instanceof ChunksDisagreeError) return null
    throw outer?.aborted ? outer.reason : error
  } finally {
    outer?.removeEventListener('abort', abort)
  }
}
