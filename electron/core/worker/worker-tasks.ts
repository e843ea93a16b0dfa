// The work a stream worker does, written against a `post` function so the same code runs in a worker
// thread (the app) and in-process (tests from TS sources, small jobs, or where no worker can start).

import { stat } from 'node:fs/promises'
import { readingOf, sameFile } from '../store/stream-reading'
import { scanStream } from '../stream/stream-index'
import type { ReadOutcome, StreamToRead, WorkerMessage, WorkerTask } from './worker-protocol'

export type Post = (message: WorkerMessage, transfer?: ArrayBuffer[]) => void

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
      case 'read-streams':
        return await readStreamsTask(task.streams, post, signal)
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    post({ kind: 'failed', code, message: error instanceof Error ? error.message : String(error) })
  }
}

async function scanTask(task: Extract<WorkerTask, { kind: 'scan' }>, post: Post, signal?: AbortSignal) {
  let reportedAt = 0
  const index = await scanStream(
    task.file,
    task.aggregateId,
    { replay: task.replay },
    {
      signal,
      onProgress: (done, total) => {
        const now = performance.now()
        if (now - reportedAt < batchMs && done < total) return
        reportedAt = now
        post({ kind: 'progress', done, total })
      },
    },
  )
  const transfer = index.toTransfer()
  const { offsets, lengths, lineNumbers } = transfer.positions
  post({ kind: 'scanned', index: transfer }, [offsets.buffer, lengths.buffer, lineNumbers.buffer])
}

// O(bytes of the streams that changed) plus one stat per stream: a stream whose size, mtime and inode
// match its last reading is not opened.
async function readStreamsTask(streams: readonly StreamToRead[], post: Post, signal?: AbortSignal) {
  let batch: ReadOutcome[] = []
  let sentAt = performance.now()
  for (let i = 0; i < streams.length; i++) {
    signal?.throwIfAborted()
    batch.push(await readOne(streams[i] as StreamToRead))
    const done = i + 1
    const step = done % progressEvery === 0 || done === streams.length
    if (step || performance.now() - sentAt >= batchMs) {
      post({ kind: 'outcomes', outcomes: batch })
      batch = []
      sentAt = performance.now()
    }
    if (step) post({ kind: 'progress', done, total: streams.length })
  }
  post({ kind: 'done' })
}

async function readOne(stream: StreamToRead): Promise<ReadOutcome> {
  const { aggregateId } = stream
  try {
    if (stream.known) {
      const info = await stat(stream.file)
      if (sameFile(stream.known, info)) return { aggregateId, kind: 'unchanged' }
    }
    const scan = await scanStream(stream.file, aggregateId, { replay: false })
    return { aggregateId, kind: 'read', reading: readingOf(scan) }
  } catch (error) {
    return { aggregateId, kind: 'failed', code: (error as NodeJS.ErrnoException).code ?? 'error' }
  }
}
