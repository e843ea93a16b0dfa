// A command that only reads starts without the write code: `state` and `events` are answered by a
// process that never loads the store lock (proper-lockfile and the graceful-fs it patches fs with),
// which the append and export code needs. Module loading is a large part of such a short process, so
// this is what keeps `state` at the speed of the one stream it reads. The write commands, run by the
// same built CLI, load that code when they need it and still work.

import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTempDirs } from '../../support/temp-dir'
import { builtCli, repoRoot, requireBuiltCli, runCli } from './run-built-cli'

const run = promisify(execFile)
const tempDir = useTempDirs('eventscope-read-only-loading-')
beforeAll(() => requireBuiltCli())

/** Preloaded into the CLI's process: writes the file of every module it compiled to EVENTSCOPE_LOADED. */
const recorder = `
const Module = require('node:module')
const compile = Module.prototype._compile
const loaded = []
Module.prototype._compile = function (content, filename) {
  loaded.push(filename)
  return compile.apply(this, arguments)
}
process.on('exit', () => require('node:fs').writeFileSync(process.env.EVENTSCOPE_LOADED, loaded.join('\\n')))
`

/** The built CLI run with `args`; its stdout and the modules its process loaded. */
async function loadedBy(args: readonly string[]): Promise<{ stdout: string; modules: string[] }> {
  const dir = await tempDir()
  const hook = join(dir, 'record-modules.cjs')
  const list = join(dir, 'loaded.txt')
  writeFileSync(hook, recorder)
  const { stdout } = await run(process.execPath, ['-r', hook, builtCli, ...args], {
    cwd: repoRoot,
    env: { ...process.env, EVENTSCOPE_LOADED: list, EVENTSCOPE_DEBUG: '' },
  })
  return { stdout, modules: readFileSync(list, 'utf8').split('\n') }
}

const lockCode = (modules: readonly string[]): string[] =>
  modules.filter((file) => /[\\/]node_modules[\\/](proper-lockfile|graceful-fs)[\\/]/.test(file))

/** A store whose aggregate acc-1 holds two events, written by the built CLI. */
async function storeOfTwoEvents(): Promise<string> {
  const store = join(await tempDir(), 'store')
  expect((await runCli(['init', store])).code).toBe(0)
  for (const amount of [10, 5])
    expect(
      (await runCli(['append', store, 'acc-1', 'Deposited', '--data', `{"amount": ${amount}}`])).code,
    ).toBe(0)
  return store
}

describe('given a store with one aggregate', () => {
  it('when `state` and `events` answer, then their processes never loaded the store lock', async () => {
    const store = await storeOfTwoEvents()
    const state = await loadedBy(['state', store, 'acc-1', '--json'])
    expect(JSON.parse(state.stdout)).toMatchObject({ version: 2, state: { amount: 5 } })
    expect(lockCode(state.modules)).toEqual([])

    const events = await loadedBy(['events', store, 'acc-1', '--json'])
    expect(JSON.parse(events.stdout)).toMatchObject({ eventCount: 2 })
    expect(lockCode(events.modules)).toEqual([])
  })

  it('when `append` writes, then its process loads the lock when it needs it and the event is appended', async () => {
    const store = await storeOfTwoEvents()
    const append = await loadedBy([
      'append',
      store,
      'acc-1',
      'Deposited',
      '--data',
      '{"amount": 7}',
      '--json',
    ])
    expect(JSON.parse(append.stdout)).toMatchObject({ version: 3 })
    expect(lockCode(append.modules)).not.toEqual([])
  })
})
