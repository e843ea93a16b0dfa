// Runs a stream task on a worker thread when the built worker is there, else in-process: callers see
// the same messages either way, so the worker stays an implementation detail of the core.

import { Worker } from 'node:worker_threads'
import type { Ack, WorkerMessage, WorkerTask } from './worker-protocol'
import { runWorkerTask } from './worker-tasks'
import { workerFile } from './worker-settings'
import { takeWarmWorker, type TaskGiven } from './warm-workers'

// workerFile lives with the settings, so a process entry can find the worker without loading this.
export { configureWorkers, workerFile, workerThresholds, type WorkerSettings } from './worker-settings'

export interface TaskControl {
  readonly signal?: AbortSignal | undefined
  /** Takes each message in turn; a promise holds back the next one (and the task's end) until it settles. */
  readonly onMessage: (message: WorkerMessage) => void | Promise<void>
  /** Run on a worker thread if one can be started (callers pass false for small jobs). */
  readonly offThread: boolean
}

/** Run a task to its end; resolves after its last message. Aborting rejects with the signal's reason. */
export async function runTask(task: WorkerTask, control: TaskControl): Promise<void> {
  control.signal?.throwIfAborted()
  const file = control.offThread ? workerFile() : null
  if (file) {
    const started = await runOnWorker(file, task, control)
    if (started) return
  }
  await runWorkerTask(task, control.onMessage, control.signal)
  control.signal?.throwIfAborted()
}

// Resolves false when the thread could not start (then the caller runs the task in-process).
function runOnWorker(file: string, task: WorkerTask, control: TaskControl): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const warm = takeWarmWorker(file)
    const worker = warm ?? new Worker(file, { workerData: task })
    if (warm) warm.postMessage({ kind: 'task', task } satisfies TaskGiven)
    let heard = false
    let settled = false
    const finish = (outcome: () => void): void => {
      if (settled) return
      settled = true
      control.signal?.removeEventListener('abort', abort)
      void worker.terminate()
      outcome()
    }
    const abort = (): void => finish(() => reject(control.signal?.reason))
    control.signal?.addEventListener('abort', abort, { once: true })
    // Messages are taken in one at a time, in order; each batch of outcomes is acknowledged once taken
    // in, which lets the worker read on (it keeps at most two batches unacknowledged).
    let taking: Promise<void> = Promise.resolve()
    worker.on('message', (message: WorkerMessage) => {
      if (settled) return
      heard = true
      taking = taking
        .then(async () => {
          if (settled) return
          await control.onMessage(message)
          if (settled) return
          if (message.kind === 'outcomes') worker.postMessage({ kind: 'ack' } satisfies Ack)
          if (['scanned', 'done', 'failed'].includes(message.kind)) finish(() => resolve(true))
        })
        .catch((error: unknown) => finish(() => reject(error)))
    })
    worker.on('error', (error) => finish(() => (heard ? reject(error) : resolve(false))))
    worker.on('exit', () =>
      finish(() => (heard ? reject(new Error('stream worker exited early')) : resolve(false))),
    )
  })
}
