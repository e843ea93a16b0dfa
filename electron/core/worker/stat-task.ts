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
import { statPutter } from './stat-numbers'
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
  const ids = task.ids === '' ? [] : task.ids.split('\u0000')
  // Ids are plain file names from the listing: a prefix and a suffix make each file, as join would.
  const prefix = join(task.dir, sep)
  const pathOf = (i: number): string => `${prefix}${ids[i] as string}${streamSuffix}`
  const putStat = statPutter(ids.length > 0 ? pathOf(0) : undefined)
  let from = 0
  let columns = new Float64Array(Math.min(batchStreams, ids.length) * statWidth)
  let failures: [number, string][] = []
  let sentAt = performance.now()
  for (let i = 0; i < ids.length; i++) {
    const at = (i - from) * statWidth
    try {
      // Synchronous: on a worker nothing else waits, and the promise form costs a pool round trip each.
      if (putStat(pathOf(i), columns, at) === 'missing') fail(columns, at, failures, i - from, 'ENOENT')
    } catch (error) {
      fail(columns, at, failures, i - from, (error as NodeJS.ErrnoException).code ?? 'error')
    }
    const done = i + 1
    const full = done - from === batchStreams || done === ids.length
    if (full || ((i & 255) === 0 && performance.now() - sentAt >= batchMs)) {
      signal?.throwIfAborted()
      const sent = columns.subarray(0, (done - from) * statWidth).slice()
      await post({ kind: 'stats', from, to: done, columns: sent, failures }, [sent.buffer as ArrayBuffer])
      await post({ kind: 'progress', done, total: ids.length })
      from = done
      columns.fill(0)
      failures = []
      sentAt = performance.now()
      if (full && done < ids.length) columns = new Float64Array(batchStreams * statWidth)
    }
  }
  await post({ kind: 'done' })
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
