// The work a stream worker does, written against a `post` function so the same code runs in a worker
// thread (the app) and in-process (tests from TS sources, small jobs, or where no worker can start).

import { lstatSync } from 'node:fs'
import { checkShard } from '../check/check-shard'
import { readForCache } from '../scan-cache/cached-read'
import { mayHaveGrown, sameFile } from '../scan-cache/stream-stamp'
import { streamFileOf } from '../store/store-files'
import { scanChunk } from '../stream/chunked-scan'
import { scanStream, type StreamIndex } from '../stream/stream-index'
import {
  knownWidth,
  type KnownFile,
  type ReadOutcome,
  type StreamToRead,
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
      case 'read-streams':
        return await readStreamsTask(streamsOf(task), post, signal)
      case 'check':
        await checkShard(task, post, signal)
        return await post({ kind: 'done' })
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    await post({ kind: 'failed', code, message: error instanceof Error ? error.message : String(error) })
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
// cached stamp says is not opened.
async function readStreamsTask(streams: readonly StreamToRead[], post: Post, signal?: AbortSignal) {
  let batch: ReadOutcome[] = []
  let sentAt = performance.now()
  for (let i = 0; i < streams.length; i++) {
    signal?.throwIfAborted()
    batch.push(await readOne(streams[i] as StreamToRead))
    const done = i + 1
    const step = done % progressEvery === 0 || done === streams.length
    if (step || performance.now() - sentAt >= batchMs) {
      const taken = post({ kind: 'outcomes', outcomes: batch })
      batch = []
      if (step) await post({ kind: 'progress', done, total: streams.length })
      await taken
      sentAt = performance.now()
    }
  }
  await post({ kind: 'done' })
}

/** The streams of a read-streams task, with their files and known identities. */
export function streamsOf(task: Extract<WorkerTask, { kind: 'read-streams' }>): StreamToRead[] {
  const { known } = task
  if (task.ids === '') return []
  return task.ids.split('\u0000').map((aggregateId, i) => {
    const at = i * knownWidth
    const size = known?.[at] ?? Number.NaN
    const file: KnownFile | null = Number.isNaN(size)
      ? null
      : {
          size,
          mtimeMs: known?.[at + 1] as number,
          ctimeMs: known?.[at + 2] as number,
          ino: known?.[at + 3] as number,
          dev: known?.[at + 4] as number,
        }
    return { aggregateId, file: streamFileOf(task.dir, aggregateId), known: file }
  })
}

// One lstat per stream: a symbolic link is reported, never followed, and a folder named like a stream
// is not one (the listing has names only). A file that stat's as cached is not read again. The lstat
// is synchronous: on a worker thread nothing else waits, and 100,000 of them took 0.45 s where the
// promise form, a round trip through libuv's pool each, took several times that.
async function readOne(stream: StreamToRead): Promise<ReadOutcome> {
  const { aggregateId } = stream
  try {
    const info = lstatSync(stream.file)
    if (info.isSymbolicLink()) return { aggregateId, kind: 'link' }
    if (!info.isFile()) return { aggregateId, kind: 'not-file' }
    if (stream.known && sameFile(stream.known, info)) return { aggregateId, kind: 'unchanged' }
    if (stream.known && mayHaveGrown(stream.known, info)) return { aggregateId, kind: 'grown' }
    return { aggregateId, kind: 'read', entry: await readForCache(stream.file, aggregateId) }
  } catch (error) {
    return { aggregateId, kind: 'failed', code: (error as NodeJS.ErrnoException).code ?? 'error' }
  }
}
