// Entry of the stream worker thread (built to out/main/stream-worker.js): runs the one task it was
// started with and posts what it finds. Terminating the thread is how a task is cancelled.

import { parentPort, workerData } from 'node:worker_threads'
import type { WorkerTask } from './worker-protocol'
import { runWorkerTask } from './worker-tasks'

const port = parentPort
if (port)
  void runWorkerTask(workerData as WorkerTask, (message, transfer) => port.postMessage(message, transfer))
