// The sandbox worker built from its sources, so tests run reducers and projections in the real worker
// thread without depending on `electron-vite build` having run. Built inside node_modules/.cache so the
// QuickJS packages, left out of the bundle as electron-vite leaves them out, resolve as in the app.

import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'

const root = resolve(__dirname, '../..')
let built: Promise<string> | null = null

/** Path of a CommonJS bundle of electron/core/sandbox/sandbox-worker.ts, built once per test file. */
export function builtSandboxWorker(): Promise<string> {
  built ??= (async () => {
    const { build } = await import('rolldown')
    const cache = join(root, 'node_modules', '.cache')
    await mkdir(cache, { recursive: true })
    await removeStale(cache)
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

// Each test process builds its own and cannot remove it when it is ended: builds older than an hour
// (no test run is using them any more) are removed by the next.
async function removeStale(cache: string): Promise<void> {
  const hourAgo = Date.now() - 3_600_000
  for (const name of await readdir(cache)) {
    if (!name.startsWith('eventscope-sandbox-')) continue
    const folder = join(cache, name)
    const info = await stat(folder).catch(() => null)
    if (info && info.mtimeMs < hourAgo) await rm(folder, { recursive: true, force: true })
  }
}
