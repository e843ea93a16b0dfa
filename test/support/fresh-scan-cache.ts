// A scan cache of its own for each test, in a temp folder, trusting files at once, and nothing this
// process remembers of a store carried from one test to the next.

import { join } from 'node:path'
import { afterEach, beforeEach } from 'vitest'
import { configureScanCache, resetScanCacheConfig } from '../../electron/core/scan-cache/cache-place'
import { clearStoreFacts } from '../../electron/core/stream-facts/store-facts'

/** Call at the top of a test file; `tempDir` makes a temp folder removed after the test. */
export function useFreshScanCache(tempDir: () => Promise<string>): void {
  beforeEach(async () => {
    // A file's ctime cannot be set back, so the tests trust files at once instead of after 2 s.
    configureScanCache({ root: join(await tempDir(), 'cache'), settleMs: 0 })
    clearStoreFacts()
  })
  afterEach(() => {
    resetScanCacheConfig()
    clearStoreFacts()
  })
}
