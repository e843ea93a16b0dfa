// When and where stream work goes to worker threads: one setting for the whole process, changed by
// the tests (either path forced), the bench and the CLI. Apart from run-task.ts so a process entry can
// set it without loading the worker code.

import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'

export interface WorkerSettings {
  /** The built worker script; null: always in-process; undefined: look next to the bundle. */
  readonly file?: string | null | undefined
  /** Streams smaller than this are scanned in-process: a thread costs ~30 ms to start. */
  readonly minScanBytes?: number
  /** Stores with fewer streams than this are reconciled in-process. */
  readonly minStreams?: number
  /** Threads one big stream is scanned on, each a chunk of it (default: the machine's cores). */
  readonly scanThreads?: number
  /** A store's streams are split across threads only when each gets at least this many. */
  readonly minStreamsPerThread?: number
  /**
   * The main thread takes its share of a big stream's search beside scanThreads - 1 workers: for a
   * process with nothing else to do meanwhile (the CLI), so a core is not left to a thread that waits.
   */
  readonly mainThreadSearches?: boolean
}

const defaults = { minScanBytes: 8 * 1024 * 1024, minStreams: 200, minStreamsPerThread: 5000 }
let settings: WorkerSettings = {}

/** The settings as given (run-task.ts reads the worker file from them). */
export function workerSettings(): WorkerSettings {
  return settings
}

/** Change where and when workers are used (tests force either path; the bench measures both). */
export function configureWorkers(next: WorkerSettings): void {
  settings = next
}

export function workerThresholds(): {
  minScanBytes: number
  minStreams: number
  scanThreads: number
  minStreamsPerThread: number
  mainThreadSearches: boolean
} {
  return {
    minScanBytes: settings.minScanBytes ?? defaults.minScanBytes,
    minStreams: settings.minStreams ?? defaults.minStreams,
    minStreamsPerThread: settings.minStreamsPerThread ?? defaults.minStreamsPerThread,
    scanThreads: Math.max(1, settings.scanThreads ?? availableParallelism()),
    mainThreadSearches: settings.mainThreadSearches ?? false,
  }
}

/** The worker script to start, or null when there is none (running from TS sources, as vitest does). */
export function workerFile(): string | null {
  if (settings.file !== undefined) return settings.file
  // The core is bundled into out/main/*.js or out/main/chunks/*.js; the worker sits in out/main.
  const candidates = [join(__dirname, 'stream-worker.js'), join(__dirname, '..', 'stream-worker.js')]
  return candidates.find((file) => existsSync(file)) ?? null
}
