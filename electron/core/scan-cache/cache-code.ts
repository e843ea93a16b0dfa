// Which build of the reading code wrote a cache file. A reading is only as right as the code that
// judged each line (line-verdict.ts, envelope.ts, stream-index.ts), and that code changes without the
// package version moving; so a cache is tied to the built stream worker: another build of other code
// discards every cached reading. From sources (the tests) there is no bundle, and the sources are named
// instead.
//
// By the worker entry's bytes, not its size and mtime: the entry loads each task's code from chunks
// named by their content hash (stream-worker.ts), so its bytes change with any code it loads while its
// size does not (a reading-code change kept it at 1,666 bytes), and npm sets every installed file's
// mtime to the same 1985 date.

import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
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
      build = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 32)
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
