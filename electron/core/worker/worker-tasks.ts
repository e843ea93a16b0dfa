// The work a stream worker does, written against a `post` function so the same code runs in a worker
// thread (the app) and in-process (tests from TS sources, small jobs, or where no worker can start).

import { lstatSync } from 'node:fs'
import { checkShard } from '../check/check-shard'
import { readForCache } from '../scan-cache/cached-read'
import { mayHaveGrown, sameFile } from '../scan-cache/stream-stamp'
import { join, sep } from 'node:path'
import { NotRegularFileError } from '../store/regular-file'
import { streamSuffix } from '../store/store-files'
import { scanChunk } from '../stream/chunked-scan'
import { scanStream, type StreamIndex } from '../stream/stream-index'
import { findPiecesTask } from './find-task'
import { statStreamsTask } from './stat-task'
import {
  failedMessage,
  knownWidth,
  type KnownFile,
  type ReadOutcome,
  type WorkerMessage,
  type WorkerTask,
} from './worker-protocol'

/**
 * Send a message to whoever runs the task. For a batch of outcomes it may return a promise that
 * settles once the receiver is ready for more: the reader then waits, so a fast reader (a reopened
 * store where every stream is only stat'ed) never queues up batches the main thread would then have
 * to take in all in one go.
 */
export type Post = (message: WorkerMessage, transfer?: ArrayBuffer[]) => void | Promise<void>

/** Outcomes are sent in batches at most this often, so 100,000 small streams are not 100,000 messages. */
const batchMs = 50
/** Progress of a multi-stream read is reported per this many streams (and at the end). */
const progressEvery = 200

/** Run one task to its end, posting progress and results; errors are posted, never thrown. */
export async function runWorkerTask(task: WorkerTask, post: Post, signal?: AbortSignal): Promise<void> {
  try {
    switch (task.kind) {
      case 'scan':
        return await scanTask(task, post, signal)
      case 'scan-chunk':
        return await scanChunkTask(task, post, signal)
      case 'find-pieces':
        return await findPiecesTask(task, post, signal)
      case 'read-streams':
        return await readStreamsTask(task, post, signal)
      case 'stat-streams':
        return await statStreamsTask(task, post, signal)
      case 'check':
        await checkShard(task, post, signal)
        return await post({ kind: 'done' })
    }
  } catch (error) {
    await post(failedMessage(error))
  }
}

async function scanTask(task: Extract<WorkerTask, { kind: 'scan' }>, post: Post, signal?: AbortSignal) {
  const control = { signal, onProgress: progressPoster(post) }
  await postScan(await scanStream(task.file, task.aggregateId, { replay: task.replay }, control), post)
}

async function scanChunkTask(
  task: Extract<WorkerTask, { kind: 'scan-chunk' }>,
  post: Post,
  signal?: AbortSignal,
) {
  const control = { signal, onProgress: progressPoster(post) }
  const plan = { from: task.from, until: task.until }
  await postScan(await scanChunk(task.file, task.aggregateId, plan, task.style, control), post)
}

// Progress at most every 50 ms, and at the end.
function progressPoster(post: Post): (done: number, total: number) => void {
  let reportedAt = 0
  return (done, total) => {
    const now = performance.now()
    if (now - reportedAt < batchMs && done < total) return
    reportedAt = now
    void post({ kind: 'progress', done, total })
  }
}

async function postScan(index: StreamIndex, post: Post): Promise<void> {
  const transfer = index.toTransfer()
  const { offsets, lengths, lineNumbers } = transfer.positions
  await post({ kind: 'scanned', index: transfer }, [offsets.buffer, lengths.buffer, lineNumbers.buffer])
}

// O(bytes of the streams that changed) plus one stat per stream: a stream whose file stat's as its
// cached stamp says is not opened, and costs no object (its batch names only the others).
async function readStreamsTask(
  task: Extract<WorkerTask, { kind: 'read-streams' }>,
  post: Post,
  signal?: AbortSignal,
) {
  const ids = task.ids === '' ? [] : task.ids.split('\u0000')
  // Ids are plain file names from the listing: a prefix and a suffix make each file, as join would.
  const prefix = join(task.dir, sep)
  let batch: ReadOutcome[] = []
  let from = 0
  let sentAt = performance.now()
  for (let i = 0; i < ids.length; i++) {
    signal?.throwIfAborted()
    const aggregateId = ids[i] as string
    const outcome = statOne(aggregateId, `${prefix}${aggregateId}${streamSuffix}`, task.known, i)
    if (outcome === 'read') batch.push(await readWhole(aggregateId, `${prefix}${aggregateId}${streamSuffix}`))
    else if (outcome !== null) batch.push(outcome)
    const done = i + 1
    const step = done % progressEvery === 0 || done === ids.length
    if (step || performance.now() - sentAt >= batchMs) {
      const taken = post({ kind: 'outcomes', from, to: done, outcomes: batch })
      batch = []
      from = done
      if (step) await post({ kind: 'progress', done, total: ids.length })
      await taken
      sentAt = performance.now()
    }
  }
  await post({ kind: 'done' })
}

/** The stamp known for stream `i` of a read-streams task (`knownWidth` numbers each), or null. */
export function knownFileAt(known: Float64Array | null, i: number): KnownFile | null {
  const at = i * knownWidth
  const size = known?.[at] ?? Number.NaN
  if (Number.isNaN(size) || !known) return null
  return {
    size,
    mtimeMs: known[at + 1] as number,
    ctimeMs: known[at + 2] as number,
    ino: known[at + 3] as number,
    dev: known[at + 4] as number,
  }
}

// One lstat per stream: a symbolic link is reported, never followed, and a folder named like a stream
// is not one (the listing has names only). A file that stat's as cached is not read again (null). The
// lstat is synchronous: on a worker thread nothing else waits, and 100,000 of them took 0.45 s where
// the promise form, a round trip through libuv's pool each, took several times that.
function statOne(
  aggregateId: string,
  file: string,
  known: Float64Array | null,
  i: number,
): ReadOutcome | 'read' | null {
  const stamp = knownFileAt(known, i)
  // Nothing cached: read it. The read opens without following a link and fstats what it opened, so it
  // tells a link or a folder from a stream itself (readWhole); an lstat first cost 13 µs a stream more.
  if (!stamp) return 'read'
  try {
    const info = lstatSync(file)
    if (info.isSymbolicLink()) return { aggregateId, kind: 'link' }
    if (!info.isFile()) return { aggregateId, kind: 'not-file' }
    if (sameFile(stamp, info)) return null
    if (mayHaveGrown(stamp, info)) return { aggregateId, kind: 'grown' }
    return 'read'
  } catch (error) {
    return { aggregateId, kind: 'failed', code: (error as NodeJS.ErrnoException).code ?? 'error' }
  }
}

/**
 * Streams up to this size are read with synchronous calls on a store-reading thread: a cold list of
 * 100,000 small streams spent more system time in the pool's round trips than in reading.
 */
const syncReadBytes = 1024 * 1024

async function readWhole(aggregateId: string, file: string): Promise<ReadOutcome> {
  try {
    return { aggregateId, kind: 'read', entry: await readForCache(file, aggregateId, syncReadBytes) }
  } catch (error) {
    // A symbolic link is reported, never followed; a folder (or pipe, device) named like a stream is none.
    if (error instanceof NotRegularFileError)
      return { aggregateId, kind: error.kind === 'link' ? 'link' : 'not-file' }
    return { aggregateId, kind: 'failed', code: (error as NodeJS.ErrnoException).code ?? 'error' }
  }
}
