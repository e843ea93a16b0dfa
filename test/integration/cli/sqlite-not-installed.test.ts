// better-sqlite3 is an optional dependency: `npm install` goes on without it where its native module
// can be neither fetched nor built (no compiler). That install must still run eventscope, and opening
// a SQLite store must say in one line that SQLite support is missing and how to get it, not print a
// module loader's stack. The install is made here as npm leaves it: the built app with a node_modules
// that has every package but better-sqlite3, run as a whole `eventscope` process.

import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sqliteNotInstalled } from '../../../electron/core/source/sqlite/sqlite-errors'
import { oneLineError, repoRoot, requireBuiltCli } from './run-built-cli'

let install: string

beforeAll(() => {
  requireBuiltCli()
  install = mkdtempSync(join(tmpdir(), 'eventscope-no-sqlite-'))
  // A copy, not a link: Node runs a linked script from its real path and would find the repository's
  // node_modules, better-sqlite3 included.
  cpSync(join(repoRoot, 'out/main'), join(install, 'out/main'), { recursive: true })
  cpSync(join(repoRoot, 'package.json'), join(install, 'package.json'))
  mkdirSync(join(install, 'node_modules'))
  for (const name of readdirSync(join(repoRoot, 'node_modules')))
    if (name !== 'better-sqlite3' && name !== '.bin')
      symlinkSync(join(repoRoot, 'node_modules', name), join(install, 'node_modules', name))
  writeFileSync(join(install, 'shop.db'), 'not opened: the module that would open it is missing')
  mkdirSync(join(install, 'events'))
  writeFileSync(join(install, 'events/cart-1.events.jsonl'), '{"type":"CartOpened","payload":{"id":1}}\n')
})

afterAll(() => {
  rmSync(install, { recursive: true, force: true })
})

function eventscope(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(install, 'out/main/cli.js'), ...args], {
    cwd: install,
    encoding: 'utf8',
    env: { ...process.env, EVENTSCOPE_DEBUG: '', XDG_CACHE_HOME: join(install, 'cache') },
  })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

describe('an install where better-sqlite3 could not be built', () => {
  it.each([
    ['list', 'sqlite:shop.db'],
    ['events', 'sqlite:shop.db', 'cart-1'],
    ['copy', 'events', 'sqlite:copy.db'],
  ])('%s on SQLite says in one line that SQLite support is not installed', (...args) => {
    const run = eventscope(...args)
    expect(run.code).not.toBe(0)
    expect(oneLineError(run)).toBe(`eventscope: ${sqliteNotInstalled}`)
  })

  it('still reads a store directory', () => {
    const run = eventscope('list', 'events', '--json')
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect((JSON.parse(run.stdout) as { aggregates: { id: string }[] }).aggregates.map((a) => a.id)).toEqual([
      'cart-1',
    ])
  })
})
