// The stream worker built from its TS sources into a temp file, so tests exercise the real worker
// thread without depending on `electron-vite build` having run (rolldown ships with vite).

import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

let built: Promise<string> | null = null

/** Path of a CommonJS bundle of electron/core/worker/stream-worker.ts, built once per test file. */
export function builtStreamWorker(): Promise<string> {
  built ??= (async () => {
    const { build } = await import('rolldown')
    const dir = await mkdtemp(join(tmpdir(), 'eventscope-worker-'))
    const file = join(dir, 'stream-worker.js')
    await build({
      input: resolve(__dirname, '../../electron/core/worker/stream-worker.ts'),
      platform: 'node',
      logLevel: 'silent',
      output: { file, format: 'cjs' },
    })
    return file
  })()
  return built
}
