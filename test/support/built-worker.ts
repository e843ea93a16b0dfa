// The stream worker built from its sources, so tests exercise the real worker thread without depending
// on `electron-vite build` having run.

import { buildFromSource } from './build-from-source'

/** Path of a CommonJS bundle of electron/core/worker/stream-worker.ts, built once per test file. */
export function builtStreamWorker(): Promise<string> {
  return buildFromSource('electron/core/worker/stream-worker.ts', 'stream-worker.js')
}
