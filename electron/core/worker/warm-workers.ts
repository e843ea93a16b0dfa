// Stream worker threads started before their task is known, then given it by message.
//
// Why: a thread takes 30-100 ms to start (Node's own modules first) before it can run anything. A
// reopened big store stats every stream on the workers, and that stat is what a warm `eventscope list`
// waits for; started only once the store's listing is known (after the scan cache's snapshot is read
// and decoded), the threads booted while the main thread had nothing left to give them. Warmed at
// opening, they boot beside that reading instead. A warm thread nobody takes is unref'd: it never
// keeps the process alive, and one that dies while waiting is forgotten, never handed out.

import { Worker } from 'node:worker_threads'
import type { WorkerTask } from './worker-protocol'

/** What a warm worker waits for before anything else: the task it was started without. */
export interface TaskGiven {
  readonly kind: 'task'
  readonly task: WorkerTask
}

interface Warm {
  readonly file: string
  readonly worker: Worker
}

const waiting: Warm[] = []

/** Start threads of the worker script `file` until `count` wait for a task. O(count) threads. */
export function warmWorkers(file: string, count: number): void {
  for (let i = warmCount(file); i < count; i++) {
    let worker: Worker
    try {
      worker = new Worker(file, { workerData: null })
    } catch {
      return
    }
    const warm = { file, worker }
    const forget = (): void => {
      const at = waiting.indexOf(warm)
      if (at >= 0) waiting.splice(at, 1)
    }
    worker.once('error', forget)
    worker.once('exit', forget)
    worker.unref()
    waiting.push(warm)
  }
}

/** A warm thread of `file`, now the caller's (ref'd, its task still to send), or null when none waits. */
export function takeWarmWorker(file: string): Worker | null {
  const at = waiting.findIndex((warm) => warm.file === file)
  if (at < 0) return null
  const [warm] = waiting.splice(at, 1) as [Warm]
  warm.worker.removeAllListeners('error')
  warm.worker.removeAllListeners('exit')
  warm.worker.ref()
  return warm.worker
}

/** How many threads of `file` wait for a task. */
export function warmCount(file: string): number {
  return waiting.filter((warm) => warm.file === file).length
}

/** Stop every thread still waiting (tests). */
export async function coolWorkers(): Promise<void> {
  await Promise.all(waiting.splice(0).map((warm) => warm.worker.terminate()))
}
