// Which build wrote a cache file: two worker builds with the same size and mtime (npm gives every
// installed file the same mtime) but other bytes are other code, and their caches are not shared.

import { utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { cacheCode, resetCacheCode } from '../../../../electron/core/scan-cache/cache-code'
import { configureWorkers } from '../../../../electron/core/worker/run-task'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

afterEach(() => {
  configureWorkers({})
  resetCacheCode()
})

async function codeOf(file: string, text: string): Promise<string> {
  await writeFile(file, text)
  const npmTime = new Date('1985-10-26T08:15:00Z')
  await utimes(file, npmTime, npmTime)
  configureWorkers({ file })
  resetCacheCode()
  return cacheCode()
}

describe('the cache code', () => {
  it('given worker entries of the same size and mtime, when their bytes differ, then so do their codes; when they are the same, then so are their codes', async () => {
    const dir = await tempDir()
    const one = await codeOf(join(dir, 'a.js'), 'require("./chunks/tasks-AAAAAAAA.js")\n')
    const other = await codeOf(join(dir, 'b.js'), 'require("./chunks/tasks-BBBBBBBB.js")\n')
    const again = await codeOf(join(dir, 'c.js'), 'require("./chunks/tasks-AAAAAAAA.js")\n')
    expect(other).not.toBe(one)
    expect(again).toBe(one)
  })

  it('given no built worker (running from sources), then the code names the sources', () => {
    configureWorkers({ file: null })
    resetCacheCode()
    expect(cacheCode()).toMatch(/\/sources$/)
  })
})
