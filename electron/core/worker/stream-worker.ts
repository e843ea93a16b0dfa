// Entry of the stream worker thread (built to out/main/stream-worker.js): runs the one task it was
// started with (or, started warm without one, the first it is sent: warm-workers.ts) and posts what it
// finds. Terminating the thread is how a task is cancelled.
//
// A stat task loads its own module only: it is what reopening a store of 100,000 streams runs on every
// core, and the modules of the other tasks (scanner, checks, crypto, streams) took each such thread
// 30-100 ms to load, a tenth of a warm `eventscope list`. A search's find-pieces task likewise: its
// worker boots while the search is already under way.

import { parentPort, workerData } from 'node:worker_threads'
import type { TaskGiven } from './warm-workers'
import { failedMessage, type Ack, type WorkerMessage, type WorkerTask } from './worker-protocol'

/** Batches of outcomes posted ahead of the main thread's acks: one in hand, one on its way. */
const ahead = 2

const port = parentPort
if (port) {
  let unacked = 0
  let wake: (() => void) | null = null
  port.on('message', (message: Ack | TaskGiven) => {
    if (message.kind === 'task') run(message.task)
    if (message.kind !== 'ack') return
    unacked--
    wake?.()
  })
  const post = (message: WorkerMessage, transfer?: ArrayBuffer[]): Promise<void> | void => {
    port.postMessage(message, transfer)
    if (message.kind !== 'outcomes') return
    unacked++
    if (unacked < ahead) return
    return new Promise<void>((resolve) => {
      wake = () => {
        if (unacked >= ahead) return
        wake = null
        resolve()
      }
    })
  }
  const run = (task: WorkerTask): void => {
    if (task.kind === 'stat-streams')
      void import('./stat-task')
        .then(({ statStreamsTask }) => statStreamsTask(task, post))
        .catch((error: unknown) => post(failedMessage(error)))
    else if (task.kind === 'find-pieces')
      void import('./find-task')
        .then(({ findPiecesTask }) => findPiecesTask(task, post))
        .catch((error: unknown) => post(failedMessage(error)))
    else void import('./worker-tasks').then(({ runWorkerTask }) => runWorkerTask(task, post))
  }
  if (workerData !== null) run(workerData as WorkerTask)
}
