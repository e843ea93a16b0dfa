// The sandbox worker built from its sources, so tests run reducers and projections in the real worker
// thread without depending on `electron-vite build` having run. Built inside node_modules/.cache so the
// QuickJS packages, left out of the bundle as electron-vite leaves them out, resolve as in the app.

import { mkdir, mkdtemp } from 'node:fs/promises'
import { join, resolve } from 'node:path'

const root = resolve(__dirname, '../..')
let built: Promise<string> | null = null

/** Path of a CommonJS bundle of electron/core/sandbox/sandbox-worker.ts, built once per test file. */
export function builtSandboxWorker(): Promise<string> {
  built ??= (async () => {
    const { build } = await import('rolldown')
    const cache = join(root, 'node_modules', '.cache')
    await mkdir(cache, { recursive: true })
    const file = join(await mkdtemp(join(cache, 'eventscope-sandbox-')), 'sandbox-worker.js')
    await build({
      input: join(root, 'electron/core/sandbox/sandbox-worker.ts'),
      platform: 'node',
      logLevel: 'silent',
      external: [/^quickjs-emscripten-core/, /^@jitl\//],
      output: { file, format: 'cjs' },
    })
    return file
  })()
  return built
}
