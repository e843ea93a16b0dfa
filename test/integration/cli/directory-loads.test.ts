// A command on a store directory loads no database client: the PostgreSQL client (pg and what it
// pulls in) cost 0.15 s of every `eventscope state` and `list` before it was loaded only for a
// database address. Watched from outside: a hook preloaded into the real process records every
// module file it loads.

import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { jsonLines, writeIndex, writeStream } from '../../support/store-files'
import { useTempDirs } from '../../support/temp-dir'
import { requireBuiltCli, runCli } from './run-built-cli'

const tempDir = useTempDirs('eventscope-directory-loads-')
beforeAll(() => requireBuiltCli())

/** Run the CLI with a hook that writes the module files it loaded to a file; those files. */
async function loadedBy(args: readonly string[]): Promise<string[]> {
  const dir = await tempDir()
  const hook = join(dir, 'hook.cjs')
  const out = join(dir, 'loaded.txt')
  await writeFile(
    hook,
    `const Module = require('node:module'); const fs = require('node:fs'); const seen = new Set();
const load = Module._load;
Module._load = function (request, parent, isMain) {
  try { seen.add(Module._resolveFilename(request, parent, isMain)) } catch {}
  return load.apply(this, arguments)
};
process.on('exit', () => fs.writeFileSync(${JSON.stringify(out)}, [...seen].join('\\n')));
`,
  )
  const run = await runCli(args, { env: { NODE_OPTIONS: `--require ${hook}` } })
  expect(run.code, run.stderr).toBe(0)
  return (await readFile(out, 'utf8')).split('\n')
}

describe('a store directory needs no database client', () => {
  it('given a directory store, when list and state run, then no module of the PostgreSQL or SQLite client is loaded', async () => {
    const dir = await tempDir()
    await writeStream(dir, 'a', jsonLines([{ event_type: 'Opened', aggregate_id: 'a', n: 1 }]))
    await writeIndex(dir, { a: { event_count: 1, last_event_at: null } })
    for (const args of [
      ['list', dir],
      ['state', dir, 'a'],
    ]) {
      const loaded = await loadedBy(args)
      expect(loaded.some((file) => file.includes('cli.js'))).toBe(true)
      expect(loaded.filter((file) => /node_modules[\\/](pg|pg-[a-z-]+)[\\/]/.test(file))).toEqual([])
      expect(loaded.filter((file) => /node_modules[\\/](better-sqlite3|bindings)[\\/]/.test(file))).toEqual(
        [],
      )
    }
  })
})
