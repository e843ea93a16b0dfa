// eventscope's append path (electron/core/write/append.ts) built from its TS sources into one small
// CommonJS file, for writer child processes: they load in a fraction of the app bundle's time, and test
// the sources as they are now, not the last `electron-vite build`.

import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

let built: Promise<string> | null = null

/** Path of a CommonJS bundle exporting appendEvent, built once per test file. */
export function builtAppendBundle(): Promise<string> {
  built ??= (async () => {
    const { build } = await import('rolldown')
    const dir = await mkdtemp(join(tmpdir(), 'eventscope-writer-'))
    const file = join(dir, 'append.js')
    await build({
      input: resolve(__dirname, '../../electron/core/write/append.ts'),
      platform: 'node',
      logLevel: 'silent',
      output: { file, format: 'cjs' },
    })
    return file
  })()
  return built
}
