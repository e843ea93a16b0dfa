// The read commands on a SQLite store in Emmett's layout, as a user runs them: whole `eventscope`
// processes (out/main/cli.js) over a file Emmett's own library wrote. `sqlite:PATH`, or a plain path to
// the file, takes the place of DIR.

import { spawn } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EmmettFixture } from '../../fixtures/emmett-postgres-store'
import { readWithEmmett, writeEmmettSqliteStore } from '../../fixtures/emmett-sqlite-store'
import { builtCli, oneLineError, repoRoot, requireBuiltCli, runCli, type StateDoc } from './run-built-cli'
import { skipSqliteTests } from '../../support/sqlite-available'

const noSqlite = skipSqliteTests('this file')

let dir: string
let file: string
let fixture: EmmettFixture

beforeAll(async () => {
  if (noSqlite !== null) return
  requireBuiltCli()
  dir = mkdtempSync(join(tmpdir(), 'eventscope-sqlite-cli-'))
  file = join(dir, 'shop.db')
  fixture = await writeEmmettSqliteStore(file)
  writeFileSync(join(dir, 'notes.db'), 'shopping list\n'.repeat(4))
  // A real SQLite database holding some other table.
  const { default: Database } = await import('better-sqlite3')
  const other = new Database(join(dir, 'other.db'))
  other.exec('CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES (1)')
  other.close()
}, 120_000)

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

async function ok(args: readonly string[], cwd?: string): Promise<string> {
  const run = await runCli(args, cwd === undefined ? {} : { cwd })
  if (run.code !== 0) throw new Error(`eventscope ${args.join(' ')} exited ${run.code}: ${run.stderr}`)
  expect(run.stderr).toBe('')
  return run.stdout
}

const total = (): number => [...fixture.streams.values()].reduce((sum, events) => sum + events.length, 0)

describe.skipIf(noSqlite !== null)("given a SQLite store in Emmett's layout", () => {
  it('when listing it as sqlite:PATH, then every stream is a row with its type, count and last time', async () => {
    const text = await ok(['list', `sqlite:${file}`])
    const lines = text.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^AGGREGATE\s+TYPE\s+EVENTS\s+LAST EVENT$/)
    expect(lines[1]).toMatch(/^account-7\s+account\s+2\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(lines.at(-1)).toBe(`4 aggregates, ${total().toLocaleString('en-US')} events in SQLite at ${file}`)
    const doc = JSON.parse(await ok(['list', `sqlite:${file}`, '--json'])) as {
      source: string
      aggregates: { id: string; event_count: number }[]
      total_events: number
      capabilities: { append: boolean; watch: boolean }
    }
    expect(doc.aggregates.map((row) => row.id)).toEqual([...fixture.streams.keys()].sort())
    expect(doc).toMatchObject({
      source: `SQLite at ${file}`,
      total_events: total(),
      capabilities: { append: false, watch: true },
    })
  })

  it('when the file is given as a plain path, a relative sqlite: path or a sqlite:/// URL, then it is the same store', async () => {
    const expected = await ok(['list', `sqlite:${file}`, '--json'])
    expect(await ok(['list', file, '--json'])).toBe(expected)
    expect(await ok(['list', `sqlite://${file}`, '--json'])).toBe(expected)
    expect(await ok(['list', `sqlite:${relative(repoRoot, file)}`, '--json'])).toBe(expected)
    // The header decides, not the name: a SQLite file without an extension is still one.
    const bare = join(dir, 'events')
    copyFileSync(file, bare)
    expect(JSON.parse(await ok(['list', bare, '--json']))).toMatchObject({ total_events: total() })
  })

  it('when printing a window of a stream, then it shows those versions as for a directory', async () => {
    const text = await ok(['events', `sqlite:${file}`, 'shoppingCart-1', '--from', '1', '--limit', '2'])
    const lines = text.trimEnd().split('\n')
    expect(lines[0]).toBe('shoppingCart-1 (shoppingCart, 4 events)')
    expect(lines).toHaveLength(3)
    expect(lines[1]).toMatch(/^2 {2}\S+Z {2}ProductItemAdded {2}\{"productId":"socks",/)
    expect(lines[2]).toMatch(/^3 {2}\S+Z {2}DiscountApplied {2}\{"note":null,"price":\{"amount":90\}\}$/)
    const doc = JSON.parse(await ok(['events', file, fixture.longStream, '--from', '999', '--json'])) as {
      eventCount: number
      events: { version: number; payload: unknown; globalPosition: string }[]
    }
    expect(doc.eventCount).toBe(fixture.longLength)
    expect(doc.events.map((event) => event.version)).toEqual(
      Array.from({ length: fixture.longLength - 999 }, (_, i) => 1000 + i),
    )
    expect(doc.events[0]?.payload).toEqual(fixture.streams.get(fixture.longStream)?.[999]?.data)
  })

  it('when asking the state at a version, then it is the merge patch of the events up to it', async () => {
    const doc = JSON.parse(
      await ok(['state', `sqlite:${file}`, 'shoppingCart-1', '--at', '3', '--json']),
    ) as StateDoc
    expect(doc).toEqual({
      aggregateId: 'shoppingCart-1',
      version: 3,
      eventCount: 4,
      state: { productId: 'socks', quantity: 5, price: { amount: 90, currency: 'EUR' } },
    })
    const latest = await ok(['state', file, fixture.longStream, '--at', '-1'])
    expect(latest.split('\n')[0]).toBe(`${fixture.longStream} (counter) at version 1233 of 1234`)
    expect(JSON.parse(latest.slice(latest.indexOf('\n') + 1))).toMatchObject({ count: 1233 })
  })

  it('when searching with --where, --type and --aggregate, then exactly the matching events are printed', async () => {
    const text = await ok(['search', `sqlite:${file}`, '--where', 'payload.count == 1001'])
    expect(text).toMatch(/^counter-long {2}v1001 {2}\S+Z {2}Incremented {2}\{"count":1001\}\n$/)
    const doc = JSON.parse(
      await ok(['search', file, '--type', 'ProductItemAdded', '--aggregate', 'shoppingCart-1', '--json']),
    ) as { matches: { aggregateId: string; version: number }[] }
    expect(doc.matches.map((match) => match.version)).toEqual([1, 2])
    const limited = await runCli(['search', `sqlite:${file}`, '--aggregate-type', 'counter', '--limit', '3'])
    expect(limited.stdout.trimEnd().split('\n')).toHaveLength(3)
    expect(limited.stderr).toBe('eventscope: stopped after 3 matches (--limit)\n')
  })
})

describe.skipIf(noSqlite !== null)('given a SQLite address that cannot be read as a store', () => {
  it.each([
    [
      'an unknown aggregate',
      () => ['state', `sqlite:${file}`, 'nope-1'],
      /^eventscope: no aggregate "nope-1" in SQLite at \S+shop\.db$/,
    ],
    [
      'a missing file',
      () => ['list', `sqlite:${join(dir, 'gone.db')}`],
      /^eventscope: SQLite at \S+gone\.db: no such file$/,
    ],
    [
      'a directory',
      () => ['list', `sqlite:${dir}`],
      /^eventscope: SQLite at \S+ is a directory, not a SQLite file$/,
    ],
    [
      'a file that is not SQLite',
      () => ['list', `sqlite:${join(dir, 'notes.db')}`],
      /^eventscope: SQLite at \S+notes\.db is not a SQLite database$/,
    ],
    [
      'a SQLite file without Emmett tables',
      () => ['events', `sqlite:${join(dir, 'other.db')}`, 'a-1'],
      /^eventscope: SQLite at \S+other\.db holds no Emmett event store: no emt_streams or emt_messages table$/,
    ],
    [
      'an address with a host',
      () => ['list', 'sqlite://server/shop.db'],
      /^eventscope: "sqlite:\/\/server\/shop\.db" names no SQLite file: write sqlite:PATH/,
    ],
  ])('when it is %s, then the command fails with one line', async (_what, args, line) => {
    const run = await runCli(args())
    expect(run.code).toBe(1)
    expect(oneLineError(run)).toMatch(line)
  })

  it.each([['verify'], ['export', '--format', 'jsonl', '--out', 'x.jsonl']])(
    'when %s is given a SQLite file, then it refuses in one line saying which commands read one',
    async (command, ...rest) => {
      const run = await runCli([command, file, ...rest, '--json'])
      expect(run.code).toBe(1)
      expect(JSON.parse(run.stderr)).toEqual({
        error: {
          code: 'unsupported',
          message: `${command} does not work on a database store yet; list, events, state, search, append, open and serve do`,
        },
      })
      expect(run.stdout).toBe('')
    },
  )
})

describe.skipIf(noSqlite !== null)('given a SQLite store and the append command', () => {
  it("when appending with the expected version, then the file is written as Emmett writes and Emmett's library reads it back", async () => {
    const copy = join(dir, 'append.db')
    copyFileSync(file, copy)
    const text = await ok([
      'append',
      `sqlite:${copy}`,
      'account-7',
      'MoneyWithdrawn',
      '--data',
      '{"balance":100}',
      '--expected-version',
      '2',
    ])
    expect(text).toBe('appended MoneyWithdrawn to account-7 as version 3\n')
    const read = await readWithEmmett(copy, 'account-7')
    expect(read.map((event) => [event.type, event.data, event.streamPosition])).toEqual([
      ['AccountOpened', { owner: 'Ann', balance: 0 }, '1'],
      ['MoneyDeposited', { balance: 150, last: { amount: 150 } }, '2'],
      ['MoneyWithdrawn', { balance: 100 }, '3'],
    ])
    const stale = await runCli([
      'append',
      copy,
      'account-7',
      'MoneyWithdrawn',
      '--data',
      '{}',
      '--expected-version',
      '2',
    ])
    expect(stale.code).toBe(3)
    expect(oneLineError(stale)).toBe('eventscope: expected version 2, stream is at 3')
  })

  it('when the file followed is removed, then --follow says it stopped in one line and exits 1', async () => {
    const followed = join(dir, 'followed.db')
    copyFileSync(file, followed)
    const child = spawn(
      process.execPath,
      [builtCli, 'events', `sqlite:${followed}`, 'account-7', '--follow'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    try {
      // Following once the stream's events are printed; then the file goes.
      const deadline = Date.now() + 60_000
      while (!stdout.includes('MoneyDeposited') && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50))
      for (const suffix of ['', '-wal', '-shm']) rmSync(followed + suffix, { force: true })
      expect(await exited).toBe(1)
      expect(stderr).toBe(`eventscope: following account-7 stopped: SQLite at ${followed} was removed\n`)
    } finally {
      child.kill('SIGKILL')
    }
  })
})
