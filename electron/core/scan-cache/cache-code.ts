// Which build of the reading code wrote a cache file. A reading is only as right as the code that
// judged each line (line-verdict.ts, envelope.ts, stream-index.ts), and that code changes without the
// package version moving; so a cache is tied to the built stream worker, which bundles all of it:
// another build (even the same code built again) discards every cached reading. From sources (the
// tests) there is no bundle, and the sources are named instead.

import { statSync } from 'node:fs'
import { workerFile } from '../worker/run-task'
import { cacheFormat } from './cache-frame'

let code: string | null = null

/** The cache format and the build of the reading code, as one string. */
export function cacheCode(): string {
  if (code !== null) return code
  const file = workerFile()
  let build = 'sources'
  if (file) {
    try {
      const info = statSync(file)
      build = `${info.size}:${info.mtimeMs}`
    } catch {
      // Then 'sources': caches written from here only ever meet code that cannot find its bundle either.
    }
  }
  code = `${cacheFormat}/${build}`
  return code
}

/** Forget the code found (tests that change the worker settings). */
export function resetCacheCode(): void {
  code = null
}
