// Vitest setup for every project: the scan cache of this test file goes to a temp folder of its own,
// never the real ~/.cache, and so do the eventscope processes it starts (they inherit the variable).
// A developer's EVENTSCOPE_CACHE* settings are dropped so the tests see the defaults.

import { mkdtempSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'

const cacheHome = mkdtempSync(join(tmpdir(), 'eventscope-cache-home-'))
process.env.XDG_CACHE_HOME = cacheHome
// macOS and Windows have no XDG variable: the override names the same folder there.
if (process.platform !== 'linux') process.env.EVENTSCOPE_CACHE_DIR = join(cacheHome, 'eventscope')
else delete process.env.EVENTSCOPE_CACHE_DIR
delete process.env.EVENTSCOPE_CACHE
delete process.env.EVENTSCOPE_CACHE_MAX_BYTES

// A session closed without waiting for its cache write may still be renaming a file in there; the
// retries (on ENOTEMPTY, EBUSY) let that write land instead of failing the file's cleanup under load.
// The promise form, so the event loop runs between tries and that write can finish.
afterAll(async () => {
  await rm(cacheHome, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 })
})
