// A module of ours built from its TS sources into one CommonJS file in a temp folder, so child processes
// and worker threads in tests run the sources as they are now, not the last `electron-vite build`
// (rolldown ships with vite).

import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const builds = new Map<string, Promise<string>>()

/** Path of a CommonJS bundle of `entry` (relative to the repository root), built once per test file. */
export function buildFromSource(entry: string, fileName: string): Promise<string> {
  let built = builds.get(entry)
  if (!built) {
    built = (async () => {
      const { build } = await import('rolldown')
      const file = join(await mkdtemp(join(tmpdir(), 'eventscope-build-')), fileName)
      await build({
        input: resolve(__dirname, '../..', entry),
        platform: 'node',
        logLevel: 'silent',
        // One file: a dynamic import (the stream worker loads each task's modules so) is inlined.
        output: { file, format: 'cjs', inlineDynamicImports: true },
      })
      return file
    })()
    builds.set(entry, built)
  }
  return built
}
