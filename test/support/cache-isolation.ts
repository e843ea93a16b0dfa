// Vitest setup for every project: the scan cache of this test file goes to a temp folder of its own,
// never the real ~/.cache, and so do the eventscope processes it starts (they inherit the variable).
// A developer's EVENTSCOPE_CACHE* settings are dropped so the tests see the defaults.

import { mkdtempSync, rmSync } from 'node:fs'
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

afterAll(() => {
  rmSync(cacheHome, { recursive: true, force: true })
})
