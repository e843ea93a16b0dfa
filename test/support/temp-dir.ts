// Real temporary directories for integration tests, removed again after each test.

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'

/**
 * Register cleanup and return a function that makes a fresh temp directory.
 *
 * Call once at the top of a test file (or describe block); every directory it makes is deleted after each test.
 */
export function useTempDirs(prefix = 'eventscope-test-'): () => Promise<string> {
  const made: string[] = []
  afterEach(async () => {
    await Promise.all(
      made.splice(0).map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 })),
    )
  })
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), prefix))
    made.push(dir)
    return dir
  }
}
