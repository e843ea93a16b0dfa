// Every failure of the built CLI is one line on stderr and a non-zero exit: 2 for usage, 1 otherwise.

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeDamagedStore } from '../../fixtures/damaged-store'
import { oneLineError, requireBuiltCli, runCli } from './run-built-cli'

const root = mkdtempSync(join(tmpdir(), 'eventscope-cli-errors-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
beforeAll(() => requireBuiltCli())

const store = writeDamagedStore(join(root, 'store'))
const missing = join(root, 'does-not-exist')

describe('given bad usage', () => {
  it.each([
    [['frob'], 'eventscope: unknown command "frob" (see eventscope --help)'],
    [
      ['list'],
      'eventscope: list needs DIR (usage: eventscope list DIR [--from-index] [--no-cache] [--json])',
    ],
    [
      ['list', store.dir, '--frob'],
      'eventscope: unknown option --frob for list (see eventscope list --help)',
    ],
    [
      ['events', store.dir, 'bad-middle', '--limit', 'x'],
      'eventscope: --limit needs a whole number of at least 1, got "x"',
    ],
    [
      ['serve', store.dir, '--host', '0.0.0.0'],
      'eventscope: --host must be a loopback address (127.0.0.1, ::1, localhost); the browser shell is never exposed to the network',
    ],
  ])('when running %j, then it exits 2 with one line: %s', async (args, line) => {
    const run = await runCli(args)
    expect(run.code).toBe(2)
    expect(oneLineError(run)).toBe(line)
    expect(run.stdout).toBe('')
  })
})

describe('given failures', () => {
  it.each([
    [['list', missing], `eventscope: no such directory: ${missing}`],
    [['events', missing, 'x'], `eventscope: no such directory: ${missing}`],
    [
      ['list', join(store.dir, 'index.json')],
      `eventscope: not a directory: ${join(store.dir, 'index.json')}`,
    ],
    [['events', store.dir, 'nobody'], 'eventscope: no aggregate nobody in this store'],
    [['state', store.dir, 'nobody'], 'eventscope: no aggregate nobody in this store'],
    [['events', store.dir, 'ghost'], 'eventscope: the stream file of ghost is missing'],
    [
      ['state', store.dir, 'bad-middle', '--at', '5'],
      'eventscope: bad-middle has 4 events; there is no version 5',
    ],
    [['serve', missing], `eventscope: no such directory: ${missing}`],
  ])('when running %j, then it exits 1 with one line: %s', async (args, line) => {
    const run = await runCli(args)
    expect(run.code).toBe(1)
    expect(oneLineError(run)).toBe(line)
  })
})

describe('given gen', () => {
  it('when DIR already holds a store, then it refuses in one line and leaves every file as it was', async () => {
    const before = Object.fromEntries(
      readdirSync(store.dir).map((name) => [name, readFileSync(join(store.dir, name), 'utf8')]),
    )
    const run = await runCli(['gen', store.dir])
    expect(run.code).toBe(1)
    expect(oneLineError(run)).toMatch(
      /^eventscope: refusing to write into .*: it already holds an event store \(index\.json, 6 \*\.events\.jsonl files\)/,
    )
    const after = Object.fromEntries(
      readdirSync(store.dir).map((name) => [name, readFileSync(join(store.dir, name), 'utf8')]),
    )
    expect(after).toEqual(before)
  })

  it('when DIR holds only an index.json, then it refuses too', async () => {
    const dir = join(root, 'index-only')
    rmSync(dir, { recursive: true, force: true })
    await runCli(['gen', dir, '--aggregates', '0', '--events', '0'])
    writeFileSync(join(dir, 'notes.txt'), 'mine')
    const run = await runCli(['gen', dir])
    expect(run.code).toBe(1)
    expect(oneLineError(run)).toContain('it already holds an event store (index.json)')
  })

  it('when there are fewer events than aggregates, then it is a usage error', async () => {
    const run = await runCli(['gen', join(root, 'few'), '--aggregates', '5', '--events', '4'])
    expect(run.code).toBe(2)
    expect(oneLineError(run)).toContain('--events (4) must be at least --aggregates (5)')
  })
})

describe('given help', () => {
  it.each([[['--help']], [['help']], [['help', 'events']], [['events', '--help']]])(
    'when running %j, then it prints to stdout and exits 0',
    async (args) => {
      const run = await runCli(args)
      expect(run.code).toBe(0)
      expect(run.stderr).toBe('')
      expect(run.stdout).toMatch(/eventscope/)
    },
  )
})
