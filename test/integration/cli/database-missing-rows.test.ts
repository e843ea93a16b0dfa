// A database stream whose count holds versions it keeps no row for: an Eventuous stream truncated
// (truncate_stream deletes the rows before a position), Emmett rows archived (is_archived), a row
// deleted by hand. Each such version keeps its place, said as having no row, in the app (a gap row in
// the timeline, the Event pane's not_found, the state before it) and in `events` and `state`; no
// other version's event is shown in its place, a gap is never taken for the end of the rows, and a
// follow reads past it. The libraries' own code writes the stores; the rows go afterwards by SQL.

import { spawn } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ExplorerSession } from '../../../electron/core/session/explorer-session'
import type { JsonObject } from '../../../electron/core/json/json-value'
import { writeEmmettSqliteStore } from '../../fixtures/emmett-sqlite-store'
import { writeEventuousStore } from '../../fixtures/eventuous-postgres-store'
import type { LayoutEvent } from '../../fixtures/layout-streams'
import { naiveStates } from '../../support/naive-replay'
import { postgresSkipReason, startPostgres, type PostgresServer } from '../../support/postgres-server'
import { skipSqliteTests } from '../../support/sqlite-available'
import { dispatchCalls, testDispatch, type DispatchCalls } from '../../support/test-dispatch'
import { builtCli, requireBuiltCli, runCli } from './run-built-cli'

const cart = 'shoppingCart-1'
const long = 'counter-long'
/** The long stream keeps its rows from this version on (a cursor batch and more are gone before). */
const longFirst = 1101
const noRow = 'the store holds no row for it (truncated, archived, deleted or never written)'
const noRows = 'the store holds no rows for them (truncated, archived, deleted or never written)'

interface Store {
  readonly address: string
  readonly streams: ReadonlyMap<string, readonly { readonly data: unknown }[]>
}

interface EventsDoc {
  events: { version: number }[]
  problems: { kind: string; severity: string; version: number; lastVersion?: number; message: string }[]
  problemCount: number
}

/** The merge-patch state of a stream's events at `versions` (the rows the store still holds). */
function stateOf(store: Store, stream: string, versions: readonly number[]): JsonObject {
  const events = store.streams.get(stream) ?? []
  return naiveStates(versions.map((version) => events[version - 1]?.data as JsonObject)).at(-1) ?? {}
}

async function run(args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  const result = await runCli(args)
  if (result.code !== 0)
    throw new Error(`eventscope ${args.join(' ')} exited ${result.code}: ${result.stderr}`)
  return result
}

/** A fresh session and its channels, as a browser shell's page calls them. */
function harness(): { session: ExplorerSession } & DispatchCalls {
  const session = new ExplorerSession({})
  return { session, ...dispatchCalls(testDispatch(session, { typedAddressRefusal: () => null })) }
}

/**
 * What every store below holds: the cart without versions 1 and 3, the long stream without versions
 * 1 … longFirst - 1; the same answers whichever library wrote it and however the rows went.
 */
function missingRowTests(store: () => Store): void {
  it('when the app shows the timeline, then each version without a row is a gap in its place, and no later event moves up into it', async () => {
    const { session, call } = harness()
    try {
      await call('store.open', { address: store().address })
      const opened = await call('stream.open', { aggregateId: cart })
      expect(opened.eventCount).toBe(4)
      expect(opened.firstEventAt).not.toBeNull()
      // The timeline's header says where the rows start.
      expect(opened.rowsFrom).toBe(2)
      expect((await call('stream.open', { aggregateId: long })).rowsFrom).toBe(longFirst)
      expect((await call('stream.open', { aggregateId: 'account-7' })).rowsFrom).toBeUndefined()
      const window = await call('stream.window', { aggregateId: cart, offset: 0, limit: 50 })
      expect(
        window.rows.map((row) => [row.row, row.kind, row.kind === 'problem' ? null : row.version]),
      ).toEqual([
        [0, 'gap', 1],
        [1, 'event', 2],
        [2, 'gap', 3],
        [3, 'event', 4],
      ])
      expect(window.rows[0]).toMatchObject({ message: noRow })
      const across = await call('stream.window', { aggregateId: long, offset: longFirst - 6, limit: 10 })
      expect(across.rows.map((row) => `${row.kind}${row.kind === 'problem' ? '' : row.version}`)).toEqual([
        ...[1096, 1097, 1098, 1099, 1100].map((version) => `gap${version}`),
        ...[1101, 1102, 1103, 1104, 1105].map((version) => `event${version}`),
      ])
      const inside = await call('stream.window', { aggregateId: long, offset: 200, limit: 100 })
      expect(inside.rows.every((row) => row.kind === 'gap')).toBe(true)
      expect(inside.rows).toHaveLength(100)
    } finally {
      session.close()
    }
  })

  it('when the app is asked for the event and the state at a version without a row, then the event is not_found saying why, and the state is the one before it, changed by nothing', async () => {
    const { session, call, failure } = harness()
    try {
      await call('store.open', { address: store().address })
      for (const version of [1, 3])
        expect(await failure('event.get', { aggregateId: cart, version })).toEqual({
          code: 'not_found',
          message: `${cart} has no event at version ${version}: ${noRow}`,
        })
      expect((await call('event.get', { aggregateId: cart, version: 2 })).version).toBe(2)
      expect(await call('state.at', { aggregateId: cart, version: 1 })).toMatchObject({
        state: {},
        changes: [],
      })
      const second = await call('state.at', { aggregateId: cart, version: 2 })
      expect(second.state).toEqual(stateOf(store(), cart, [2]))
      const third = await call('state.at', { aggregateId: cart, version: 3 })
      expect(third).toMatchObject({ version: 3, state: second.state, changes: [] })
      const fourth = await call('state.at', { aggregateId: cart, version: 4 })
      expect(fourth.state).toEqual(stateOf(store(), cart, [2, 4]))
      // What event 4 set, whatever order the store keeps its keys in (jsonb sorts them).
      expect(fourth.changes.map((change) => change.path[0]).sort()).toEqual(['confirmedAt', 'items'])
      const first = await call('state.at', { aggregateId: long, version: longFirst })
      expect(first).toMatchObject({ version: longFirst, state: stateOf(store(), long, [longFirst]) })
    } finally {
      session.close()
    }
  })

  it('when events prints the streams, then each run of versions without rows is one line in its place, and --json lists it as a warning', async () => {
    const printed = await run(['events', store().address, cart])
    expect(printed.stderr).toBe('')
    expect(printed.stdout.trimEnd().split('\n').slice(1)).toEqual([
      `!  version 1: ${noRow}`,
      expect.stringMatching(/^2 {2}\S+ {2}ProductItemAdded /),
      `!  version 3: ${noRow}`,
      expect.stringMatching(/^4 {2}\S+ {2}ShoppingCartConfirmed /),
    ])
    const longLines = (await run(['events', store().address, long])).stdout.trimEnd().split('\n')
    expect(longLines[1]).toBe(`   !  versions 1-${longFirst - 1}: ${noRows}`)
    expect(longLines[2]).toMatch(new RegExp(`^${longFirst} `))
    expect(longLines).toHaveLength(2 + (store().streams.get(long)?.length ?? 0) - (longFirst - 1))
    const doc = JSON.parse((await run(['events', store().address, cart, '--json'])).stdout) as EventsDoc
    expect(doc.events.map((event) => event.version)).toEqual([2, 4])
    expect(doc.problems).toEqual([
      expect.objectContaining({
        kind: 'no_row',
        severity: 'warning',
        version: 1,
        lastVersion: 1,
        message: noRow,
      }),
      expect.objectContaining({
        kind: 'no_row',
        severity: 'warning',
        version: 3,
        lastVersion: 3,
        message: noRow,
      }),
    ])
    expect(doc.problemCount).toBe(2)
  })

  it('when copied into a directory, then every row is copied in order, numbered from 1, and each stream that moved is named', async () => {
    const into = mkdtempSync(join(tmpdir(), 'eventscope-missing-rows-copy-'))
    try {
      expect((await runCli(['init', into])).code).toBe(0)
      // The id with quotes cannot be a file name: that stream alone is refused (exit 1).
      const copy = await runCli(['copy', store().address, into])
      expect(copy.code).toBe(1)
      expect(copy.stderr).toContain('not copied: "order-\\"quoted\\"-Zürich"')
      const renumbered = copy.stderr.split('\n').filter((line) => line.startsWith('renumbered: '))
      expect(renumbered.sort()).toEqual([
        `renumbered: "${long}": 1,100 versions have no row in the source (the first: version 1); the copy numbers its 134 rows 1-134`,
        `renumbered: "${cart}": 2 versions have no row in the source (the first: version 1); the copy numbers its 2 rows 1-2`,
      ])
      const doc = JSON.parse((await run(['events', into, cart, '--json'])).stdout) as {
        events: { version: number; type: string }[]
      }
      expect(doc.events.map((event) => [event.version, event.type])).toEqual([
        [1, 'ProductItemAdded'],
        [2, 'ShoppingCartConfirmed'],
      ])
      const again = JSON.parse((await runCli(['copy', store().address, into, '--json'])).stdout) as {
        copied: number
        renumbered: unknown[]
      }
      expect(again).toMatchObject({ copied: 0 })
      expect(again.renumbered).toHaveLength(2)
    } finally {
      rmSync(into, { recursive: true, force: true })
    }
  })

  it('when the app exports the store as a directory, then the rows are numbered from 1 and the streams that moved are counted; a JSON export keeps the versions', async () => {
    const { session, call } = harness()
    const into = mkdtempSync(join(tmpdir(), 'eventscope-missing-rows-export-'))
    try {
      await call('store.open', { address: store().address })
      const ids = [cart, long, 'account-7']
      const moved = await session.exportTo(
        { taskId: 'x-store', format: 'store', aggregateIds: ids },
        join(into, 'store'),
      )
      expect(moved).toMatchObject({ streams: 3, events: 2 + 134 + 2, renumberedStreams: 2 })
      const doc = JSON.parse((await run(['events', join(into, 'store'), cart, '--json'])).stdout) as EventsDoc
      expect(doc.events.map((event) => event.version)).toEqual([1, 2])
      // JSONL lines carry no version either (as the seed's); JSON records keep each row's.
      const lines = await session.exportTo(
        { taskId: 'x-jsonl', format: 'jsonl', aggregateIds: [cart] },
        join(into, 'cart.jsonl'),
      )
      expect(lines.renumberedStreams).toBe(1)
      const records = await session.exportTo(
        { taskId: 'x-json', format: 'json', aggregateIds: [cart] },
        join(into, 'cart.json'),
      )
      expect(records.renumberedStreams).toBeUndefined()
      const versions = (
        JSON.parse(await readFile(join(into, 'cart.json'), 'utf8')) as { version: number }[]
      ).map((event) => event.version)
      expect(versions).toEqual([2, 4])
    } finally {
      session.close()
      rmSync(into, { recursive: true, force: true })
    }
  })

  it('when a window or a state ends on versions without rows that rows follow, then it is said as a gap, never as the end of the rows', async () => {
    const window = await run(['events', store().address, long, '--from', '5', '--limit', '10'])
    expect(window.stderr).toBe('')
    expect(window.stdout).toContain(`!  versions 6-15: ${noRows}\n`)
    const cartWindow = await run(['events', store().address, cart, '--from', '2', '--limit', '1', '--json'])
    expect(cartWindow.stderr).toBe('')
    expect((JSON.parse(cartWindow.stdout) as EventsDoc).problems).toEqual([
      expect.objectContaining({ kind: 'no_row', version: 3, lastVersion: 3 }),
    ])
    const state = await run(['state', store().address, cart, '--at', '3', '--json'])
    expect(state.stderr).toBe('')
    expect(JSON.parse(state.stdout)).toMatchObject({ version: 3, state: stateOf(store(), cart, [2]) })
    const truncated = await run(['state', store().address, long, '--at', String(longFirst - 1), '--json'])
    expect(truncated.stderr).toBe('')
    expect(JSON.parse(truncated.stdout)).toMatchObject({ version: longFirst - 1, state: {} })
  })
}

const noSqlite = skipSqliteTests('this file')

describe.skipIf(noSqlite !== null)(
  "given a SQLite store in Emmett's layout with archived and deleted rows",
  () => {
    let dir: string
    let store: Store

    beforeAll(async () => {
      requireBuiltCli()
      dir = mkdtempSync(join(tmpdir(), 'eventscope-missing-rows-'))
      const file = join(dir, 'shop.db')
      const fixture = await writeEmmettSqliteStore(file)
      const { default: Database } = await import('better-sqlite3')
      const db = new Database(file)
      db.prepare(`UPDATE emt_messages SET is_archived = 1 WHERE stream_id = ? AND stream_position = 1`).run(
        cart,
      )
      db.prepare(`DELETE FROM emt_messages WHERE stream_id = ? AND stream_position = 3`).run(cart)
      db.prepare(`UPDATE emt_messages SET is_archived = 1 WHERE stream_id = ? AND stream_position < ?`).run(
        long,
        longFirst,
      )
      db.close()
      store = { address: `sqlite:${file}`, streams: fixture.streams }
    }, 120_000)

    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true })
    })

    missingRowTests(() => store)

    it('given a stream whose every row is archived, when opened in the app, then its header says it has no rows and every version is a gap', async () => {
      const file = join(dir, 'all-archived.db')
      copyFileSync(join(dir, 'shop.db'), file)
      const { default: Database } = await import('better-sqlite3')
      const db = new Database(file)
      db.prepare("UPDATE emt_messages SET is_archived = 1 WHERE stream_id = 'account-7'").run()
      db.close()
      const { session, call } = harness()
      try {
        await call('store.open', { address: `sqlite:${file}` })
        expect(await call('stream.open', { aggregateId: 'account-7' })).toMatchObject({
          eventCount: 2,
          rowsFrom: 3,
          firstEventAt: null,
        })
        const window = await call('stream.window', { aggregateId: 'account-7', offset: 0, limit: 10 })
        expect(window.rows.map((row) => row.kind)).toEqual(['gap', 'gap'])
      } finally {
        session.close()
      }
    })

    it('given a stream row counting fewer versions than its rows hold, when following it, then the rows after a gap longer than a read are printed', async () => {
      // The stream row says 10 while the rows go on from longFirst: following starts after version 10,
      // and has to read past the versions without rows to find them.
      const file = join(dir, 'behind.db')
      copyFileSync(join(dir, 'shop.db'), file)
      const { default: Database } = await import('better-sqlite3')
      const db = new Database(file)
      db.prepare('UPDATE emt_streams SET stream_position = 10 WHERE stream_id = ?').run(long)
      db.close()
      const child = spawn(process.execPath, [builtCli, 'events', `sqlite:${file}`, long, '--follow'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let stdout = ''
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
      try {
        const lastLine = new RegExp(`\\n${store.streams.get(long)?.length} `)
        const deadline = Date.now() + 60_000
        while (!lastLine.test(stdout) && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 50))
        expect(stdout).toMatch(lastLine)
        expect(stdout).toContain(`!  versions 1-10: ${noRows}\n${longFirst} `)
      } finally {
        child.kill('SIGINT')
        await exited
      }
    }, 90_000)
  },
)

const noPostgres = postgresSkipReason()
if (noPostgres !== null) console.log(`Skipping the PostgreSQL tests of this file: ${noPostgres}`)

describe.skipIf(noPostgres !== null)(
  "given a PostgreSQL store in Eventuous' layout with truncated streams",
  () => {
    let server: PostgresServer
    let store: Store

    beforeAll(async () => {
      requireBuiltCli()
      server = await startPostgres()
      const url = await server.createDatabase('truncated')
      const fixture = await writeEventuousStore(url)
      // What Eventuous' truncate_stream does (its 8_TruncateStream.sql): delete the stream's rows before
      // a position, leaving `streams.version` as it was. Eventuous' positions start at 0.
      const streamIdOf = (name: string) =>
        `(SELECT stream_id FROM eventuous.streams WHERE stream_name = '${name}')`
      await server.sql(
        'truncated',
        `DELETE FROM eventuous.messages WHERE stream_id = ${streamIdOf(cart)} AND stream_position < 1;
       DELETE FROM eventuous.messages WHERE stream_id = ${streamIdOf(cart)} AND stream_position = 2;
       DELETE FROM eventuous.messages WHERE stream_id = ${streamIdOf(long)} AND stream_position < ${longFirst - 1};`,
      )
      store = { address: url, streams: fixture.streams as ReadonlyMap<string, readonly LayoutEvent[]> }
    }, 180_000)

    afterAll(async () => {
      await server?.stop()
    })

    missingRowTests(() => store)
  },
)
