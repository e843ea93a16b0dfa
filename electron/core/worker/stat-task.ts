// The stat-streams task: one lstat per stream, the numbers sent back as columns.
//
// Why a task of its own: judging a reopened store's 100,000 streams against the scan cache needs the
// cache loaded (a quarter of a second on the main thread) and the files stat'ed (a second of system
// calls); as one read-streams task the stat could only start once the cache was loaded, the main
// thread built the known stamps for it, and every 200 streams waited for the main thread's ack. Here
// the stat starts as soon as the ids are known, runs beside the cache's loading, and sends a Float64
// column per batch (transferred, no object per stream); the main thread compares the numbers.

import { join, sep } from 'node:path'
import { streamSuffix } from '../store/store-files'
import { statPutter, type PutStat } from './stat-numbers'
import { StatKind, statWidth, type WorkerTask } from './worker-protocol'
import type { Post } from './worker-tasks'

/** Streams per `stats` message at most; a slow disk sends sooner (every `batchMs`). */
const batchStreams = 4096
const batchMs = 50

/** lstat every stream of the task, in order; a link is reported, never followed. O(streams) syscalls. */
export async function statStreamsTask(
  task: Extract<WorkerTask, { kind: 'stat-streams' }>,
  post: Post,
  signal?: AbortSignal,
): Promise<void> {
  const text =
    typeof task.ids === 'string'
      ? task.ids
      : Buffer.from(task.ids.buffer, task.ids.byteOffset, task.ids.byteLength).toString('latin1')
  const ids = text === '' ? [] : text.split('\u0000')
  // Ids are plain file names from the listing: a prefix and a suffix make each file, as join would.
  const prefix = join(task.dir, sep)
  const pathOf = (i: number): string => `${prefix}${ids[i] as string}${streamSuffix}`
  const putStat = statPutter(ids.length > 0 ? pathOf(0) : undefined)
  let from = 0
  while (from < ids.length) {
    signal?.throwIfAborted()
    const to = Math.min(from + batchStreams, ids.length)
    const columns = new Float64Array((to - from) * statWidth)
    const failures: [number, string][] = []
    const done = statRun(from, to, performance.now() + batchMs, pathOf, putStat, columns, failures)
    const sent = done === to ? columns : columns.slice(0, (done - from) * statWidth)
    await post({ kind: 'stats', from, to: done, columns: sent, failures }, [sent.buffer as ArrayBuffer])
    await post({ kind: 'progress', done, total: ids.length })
    from = done
  }
  await post({ kind: 'done' })
}

/**
 * lstat streams `from` to `to` into `columns` (the first at 0), stopping early once `deadline` has
 * passed (a slow disk still sends every `batchMs`); returns where it stopped. Synchronous and apart
 * from the task's awaits: this loop is all a stat thread runs hot, so V8 optimizes it once, where an
 * async loop holding the batch's sending was compiled again after each deoptimization (4 times a
 * thread on a 100,000-stream `list`).
 */
function statRun(
  from: number,
  to: number,
  deadline: number,
  pathOf: (i: number) => string,
  putStat: PutStat,
  columns: Float64Array,
  failures: [number, string][],
): number {
  for (let i = from; i < to; i++) {
    const at = (i - from) * statWidth
    try {
      // Synchronous: on a worker nothing else waits, and the promise form costs a pool round trip each.
      if (putStat(pathOf(i), columns, at) === 'missing') fail(columns, at, failures, i - from, 'ENOENT')
    } catch (error) {
      fail(columns, at, failures, i - from, (error as NodeJS.ErrnoException).code ?? 'error')
    }
    if (((i - from) & 255) === 255 && performance.now() >= deadline) return i + 1
  }
  return to
}

function fail(
  columns: Float64Array,
  at: number,
  failures: [number, string][],
  i: number,
  code: string,
): void {
  columns[at + 5] = StatKind.failed
  failures.push([i, code])
}
