// Entry of the stream worker thread (built to out/main/stream-worker.js): runs the one task it was
// started with and posts what it finds. Terminating the thread is how a task is cancelled.

import { parentPort, workerData } from 'node:worker_threads'
import type { Ack, WorkerMessage, WorkerTask } from './worker-protocol'
import { runWorkerTask } from './worker-tasks'

/** Batches of outcomes posted ahead of the main thread's acks: one in hand, one on its way. */
const ahead = 2

const port = parentPort
if (port) {
  let unacked = 0
  let wake: (() => void) | null = null
  port.on('message', (message: Ack) => {
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
  void runWorkerTask(workerData as WorkerTask, post)
}
