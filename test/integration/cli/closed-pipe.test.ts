// A command whose output pipe is closed (`eventscope list DIR | head`) ends quietly with 0, as a
// command piped into `head` should, and only once the scan cache's writes under way are done: a `list`
// into a fresh cache starts writing the store's readings and snapshot before it prints, and ending at
// the closed pipe used to kill both writes halfway (neither file, or one, and a temp file left).

import { spawn } from 'node:child_process'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { cacheFormat } from '../../../electron/core/scan-cache/cache-frame'
import { useTempDirs } from '../../support/temp-dir'
import { builtCli, repoRoot, requireBuiltCli, runCli } from './run-built-cli'

const tempDir = useTempDirs()

/** Run the built CLI with its stdout closed before it writes; its exit code and stderr. */
function runIntoClosedPipe(args: readonly string[], env: NodeJS.ProcessEnv) {
  requireBuiltCli()
  return new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [builtCli, ...args], {
      cwd: repoRoot,
      env: { ...process.env, EVENTSCOPE_DEBUG: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    // The reader is gone before the command has read the store: its first write meets EPIPE.
    child.stdout.destroy()
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stderr }))
  })
}

it('given list piped into a reader that is gone, when it lists into a fresh cache, then it exits 0 quietly and both cache files are whole', async () => {
  const root = await tempDir()
  const dir = join(root, 'store')
  expect((await runCli(['gen', dir, '--aggregates', '30', '--events', '120'])).code).toBe(0)
  const cache = join(root, 'cache')

  const run = await runIntoClosedPipe(['list', dir], { EVENTSCOPE_CACHE_DIR: cache })

  expect(run).toEqual({ code: 0, stderr: '' })
  const folder = join(cache, `v${cacheFormat}`)
  const keys = await readdir(folder)
  expect(keys).toHaveLength(1)
  expect((await readdir(join(folder, keys[0] as string))).sort()).toEqual(['readings', 'snapshot'])
})
