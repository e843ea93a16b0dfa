// A database row eventscope cannot read as its library wrote it (a payload that is no JSON or no
// object, a blob SQLite cannot read as JSON), as whole `eventscope` processes meet it: reported in its
// place by `events` and before the state by `state`, like a damaged JSONL line, and never fatal to the
// other rows. Emmett's own library writes the stores; the damage is done afterwards by SQL, as a hand
// edit, another writer or a migration would, since Emmett itself never writes it.

import { mkdtempSync, rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeEmmettStore, type EmmettFixture } from '../../fixtures/emmett-postgres-store'
import { writeEmmettSqliteStore } from '../../fixtures/emmett-sqlite-store'
import { naiveStates } from '../../support/naive-replay'
import {
  postgresSkipReason,
  postgresTestPassword,
  startPostgres,
  type PostgresServer,
} from '../../support/postgres-server'
import { skipSqliteTests } from '../../support/sqlite-available'
import type { JsonObject } from '../../../electron/core/json/json-value'
import { ExplorerSession } from '../../../electron/core/session/explorer-session'
import { requireBuiltCli, runCli } from './run-built-cli'

interface EventsDoc {
  events: { version: number; payload: unknown; problems?: { kind: string }[] }[]
  problems: { kind: string; severity: string; version: number; message: string }[]
  problemCount: number
}

/** The state a merge patch of the fixture's payloads gives, those at `emptied` versions read as {}. */
function expectedState(fixture: EmmettFixture, stream: string, upTo: number, emptied: number[]): JsonObject {
  const payloads = (fixture.streams.get(stream) ?? [])
    .slice(0, upTo)
    .map((event, i) => (emptied.includes(i + 1) ? {} : (event.data as JsonObject)))
  return naiveStates(payloads).at(-1) ?? {}
}

async function run(args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  const result = await runCli(args)
  // Damage in a row is reported, never a failure of the command.
  if (result.code !== 0)
    throw new Error(`eventscope ${args.join(' ')} exited ${result.code}: ${result.stderr}`)
  return result
}

const noSqlite = skipSqliteTests('this file')

describe.skipIf(noSqlite !== null)("given a SQLite store in Emmett's layout with damaged rows", () => {
  let dir: string
  let address: string
  let fixture: EmmettFixture
  /** The message ids of the damaged rows, which no export may write. */
  let damagedIds: string[]

  beforeAll(async () => {
    requireBuiltCli()
    dir = mkdtempSync(join(tmpdir(), 'eventscope-damaged-sqlite-'))
    const file = join(dir, 'shop.db')
    fixture = await writeEmmettSqliteStore(file)
    address = `sqlite:${file}`
    const { default: Database } = await import('better-sqlite3')
    const db = new Database(file)
    const damage = db.prepare(
      'UPDATE emt_messages SET message_data = @data WHERE stream_id = @stream AND stream_position = @version',
    )
    damage.run({ stream: 'shoppingCart-1', version: 2, data: '{"productId": "socks", ' })
    // Bytes SQLite cannot read as JSONB: json() of them fails the whole statement, every row with it.
    damage.run({ stream: fixture.longStream, version: 700, data: Buffer.from([0xff, 0xfe, 0x00]) })
    db.prepare(
      "UPDATE emt_messages SET message_metadata = x'fffe00' WHERE stream_id = 'account-7' AND stream_position = 2",
    ).run()
    // A stream row counting more events than its messages hold (archived or deleted rows, a hand edit).
    db.prepare(`UPDATE emt_streams SET stream_position = 3 WHERE stream_id = 'order-"quoted"-Zürich'`).run()
    damagedIds = (
      db
        .prepare(
          `SELECT message_id FROM emt_messages WHERE (stream_id = 'shoppingCart-1' AND stream_position = 2)
             OR (stream_id = 'account-7' AND stream_position = 2) OR (stream_id = ? AND stream_position = 700)`,
        )
        .all(fixture.longStream) as { message_id: string }[]
    ).map((row) => row.message_id)
    expect(damagedIds).toHaveLength(3)
    db.close()
  }, 120_000)

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('when printing a stream, then the damaged row is an event read as empty with its problem under it, and the rest is whole', async () => {
    const { stdout, stderr } = await run(['events', address, 'shoppingCart-1'])
    expect(stderr).toBe('')
    const lines = stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(1 + 4 + 1)
    expect(lines[2]).toMatch(/^2 {2}\S+ {2}ProductItemAdded {2}\{\}$/)
    expect(lines[3]).toMatch(
      /^! {2}version 2: message_data is not JSON \(.+\): its payload is read as empty$/,
    )
    expect(lines[4]).toMatch(/^3 .* DiscountApplied /)
    const doc = JSON.parse((await run(['events', address, 'shoppingCart-1', '--json'])).stdout) as EventsDoc
    expect(doc.events.map((event) => event.version)).toEqual([1, 2, 3, 4])
    expect(doc.events[1]).toMatchObject({ payload: {}, problems: [{ kind: 'payload_unreadable' }] })
    expect(doc.problemCount).toBe(1)
    expect(doc.problems).toEqual([
      expect.objectContaining({ kind: 'payload_unreadable', severity: 'error', version: 2 }),
    ])
  })

  it('when a blob SQLite cannot read as JSON is in a page of rows, then only its row is damaged', async () => {
    const doc = JSON.parse(
      (await run(['events', address, fixture.longStream, '--from', '650', '--limit', '100', '--json']))
        .stdout,
    ) as EventsDoc
    expect(doc.events).toHaveLength(100)
    expect(doc.problems).toEqual([
      expect.objectContaining({
        kind: 'payload_unreadable',
        version: 700,
        message: 'message_data is a blob SQLite cannot read as JSON: its payload is read as empty',
      }),
    ])
    const metadata = JSON.parse((await run(['events', address, 'account-7', '--json'])).stdout) as EventsDoc
    expect(metadata.events[1]).toMatchObject({
      payload: { balance: 150 },
      problems: [{ kind: 'metadata_unreadable' }],
    })
  })

  it('when copied into a directory, then no damaged row is written as {}: each such stream stops before it, is reported, and the rest is copied', async () => {
    const into = join(dir, 'copy')
    expect((await runCli(['init', into])).code).toBe(0)
    const copy = await runCli(['copy', address, into, '--json'])
    expect(copy.code).toBe(1)
    const doc = JSON.parse(copy.stdout) as { conflicts: { streamId: string; reason: string }[] }
    expect(doc.conflicts).toEqual([
      {
        streamId: 'account-7',
        reason: expect.stringMatching(
          /^from version 2 on, whose row cannot be read as stored: message_metadata is a blob/,
        ),
      },
      {
        streamId: fixture.longStream,
        reason: expect.stringMatching(/^from version 700 on, .*: message_data is a blob/),
      },
      // Refused by a directory for its name, as before: not a damaged row.
      { streamId: `order-"quoted"-Zürich`, reason: expect.stringContaining('not allowed') },
      {
        streamId: 'shoppingCart-1',
        reason: expect.stringMatching(/^from version 2 on, .*: message_data is not JSON \(/),
      },
    ])
    const lines = async (stream: string): Promise<number> =>
      (await run(['events', into, stream, '--json'])).stdout
        .split('\n')
        .filter((line) => line.startsWith('{"version"')).length
    expect(await lines('shoppingCart-1')).toBe(1)
    expect(await lines('account-7')).toBe(1)
    expect(await lines(fixture.longStream)).toBe(699)
  })

  it.each(['jsonl', 'json', 'csv', 'store'] as const)(
    'when exported from the app as %s, then no damaged row is written as {}: each is left out and counted',
    async (format) => {
      const session = new ExplorerSession({})
      try {
        await session.open(address)
        const out = join(dir, `export-${format}${format === 'store' ? '' : `.${format}`}`)
        // A store export refuses the id with quotes as a file name: the other streams, then.
        const quoted = `order-"quoted"-Zürich`
        const ids = format === 'store' ? [...fixture.streams.keys()].filter((id) => id !== quoted) : []
        const result = await session.exportTo({ taskId: `x-${format}`, format, aggregateIds: ids }, out)
        const total = [...fixture.streams.entries()]
          .filter(([id]) => ids.length === 0 || ids.includes(id))
          .reduce((sum, [, events]) => sum + events.length, 0)
        expect(result).toMatchObject({ skippedLines: 3, events: total - 3 })
        if (format === 'store') {
          const cart = await run(['events', out, 'shoppingCart-1', '--json'])
          expect((JSON.parse(cart.stdout) as EventsDoc).events).toHaveLength(3)
        } else {
          const text = await readFile(out, 'utf8')
          // The damaged rows' ids appear nowhere in what was written.
          for (const id of damagedIds) expect(text).not.toContain(id)
        }
      } finally {
        session.close()
      }
    },
    60_000,
  )

  it('when a stream is counted as more events than its rows hold, then events and state say where the rows end, and the state is there', async () => {
    const id = `order-"quoted"-Zürich`
    const events = await run(['events', address, id])
    expect(events.stdout.trimEnd().split('\n')).toHaveLength(2)
    const note = `eventscope: ${id} is counted as 3 events, but its rows end at version 1 (archived, deleted or never-written rows are not read)`
    expect(events.stderr).toBe(`${note}\n`)
    const state = await run(['state', address, id, '--json'])
    expect(state.stderr).toBe(`${note}; the state shown is version 1\n`)
    expect(JSON.parse(state.stdout)).toMatchObject({
      version: 1,
      eventCount: 3,
      state: { city: 'Zürich', lines: 1 },
    })
    // Asked within the rows, nothing is said.
    expect((await run(['state', address, id, '--at', '1'])).stderr).toBe('')
  })

  it('when rebuilding a state past a damaged row, then a note says so first and the row folds as empty', async () => {
    const cart = await run(['state', address, 'shoppingCart-1', '--json'])
    expect(cart.stderr).toMatch(
      /^eventscope: shoppingCart-1 has 1 event whose payload could not be read \(first: version 2: message_data is not JSON .*\); eventscope events sqlite:\S+ shoppingCart-1 shows each in place\n$/,
    )
    expect(JSON.parse(cart.stdout)).toMatchObject({ state: expectedState(fixture, 'shoppingCart-1', 4, [2]) })
    const long = await run(['state', address, fixture.longStream, '--json'])
    expect(long.stderr).toContain(
      '1 event whose payload could not be read (first: version 700: message_data is a blob',
    )
    expect(JSON.parse(long.stdout)).toMatchObject({
      state: expectedState(fixture, fixture.longStream, fixture.longLength, [700]),
    })
    // Before the damaged row the state is whole, and says nothing; metadata does not make a state.
    expect((await run(['state', address, fixture.longStream, '--at', '699'])).stderr).toBe('')
    expect((await run(['state', address, 'account-7'])).stderr).toBe('')
  })
})

const noPostgres = postgresSkipReason()
/** Past the 5,000 events a state reads with one bounded query: the fold reads it in chunks. */
const ledgerLength = 6000
if (noPostgres !== null) console.log(`Skipping the PostgreSQL tests of this file: ${noPostgres}`)

describe.skipIf(noPostgres !== null)(
  "given a PostgreSQL store in Emmett's layout with payloads that are no objects",
  () => {
    let server: PostgresServer
    let url: string
    let fixture: EmmettFixture

    beforeAll(async () => {
      requireBuiltCli()
      server = await startPostgres()
      url = await server.createDatabase('damaged')
      fixture = await writeEmmettStore(url)
      await server.sql(
        'damaged',
        `UPDATE emt_messages SET message_data = '[1, 2]'::jsonb
         WHERE stream_id = 'shoppingCart-1' AND stream_position = 2;
       UPDATE emt_messages SET message_data = '"text"'::jsonb
         WHERE stream_id = '${fixture.longStream}' AND stream_position = 700;
       CREATE TABLE ledger (account text, entry_no int, body text);
       INSERT INTO ledger SELECT 'acct-1', n,
         CASE n WHEN 3000 THEN '{"total": ' WHEN 4000 THEN '{"note": "😀"}' ELSE format('{"total": %s}', n) END
         FROM generate_series(1, ${ledgerLength}) n`,
      )
    }, 180_000)

    afterAll(async () => {
      await server?.stop()
    })

    it('given a table of your own whose text column holds a payload that is no JSON, when a long stream is folded in chunks, then only that row is read as empty, and said', async () => {
      const mapped = ['--table', 'ledger', '--columns', 'stream=account,position=entry_no,data=body']
      const state = await run(['state', url, 'acct-1', ...mapped, '--json'])
      expect(state.stderr).toContain('(first: version 3000: data is not JSON (')
      expect(JSON.parse(state.stdout)).toMatchObject({
        version: ledgerLength,
        state: { total: ledgerLength, note: '😀' },
      })
      const events = await run(['events', url, 'acct-1', ...mapped, '--from', '2998', '--limit', '3'])
      expect(events.stdout).toMatch(
        /\n3000 .* \{\}\n {3}! {2}version 3000: data is not JSON \(.+\): its payload is read as empty\n3001 /,
      )
    })

    it('when printing a stream, then the row shows its payload read as empty, with why', async () => {
      const { stdout } = await run(['events', url, 'shoppingCart-1'])
      expect(stdout).toMatch(
        /\n! {2}version 2: data is an array, not an object: its payload is read as empty\n3 /,
      )
      const doc = JSON.parse((await run(['events', url, 'shoppingCart-1', '--json'])).stdout) as EventsDoc
      expect(doc.problems).toEqual([
        expect.objectContaining({ kind: 'payload_not_object', severity: 'warning', version: 2 }),
      ])
    })

    it('when rebuilding states past them (a short stream, and a long one folded in chunks), then each says so and folds them as empty', async () => {
      const cart = await run(['state', url, 'shoppingCart-1', '--json'])
      expect(cart.stderr).toContain('(first: version 2: data is an array, not an object')
      expect(cart.stderr).not.toContain(postgresTestPassword)
      expect(JSON.parse(cart.stdout)).toMatchObject({
        state: expectedState(fixture, 'shoppingCart-1', 4, [2]),
      })
      const long = await run(['state', url, fixture.longStream, '--json'])
      expect(long.stderr).toContain('(first: version 700: data is a string, not an object')
      expect(JSON.parse(long.stdout)).toMatchObject({
        state: expectedState(fixture, fixture.longStream, fixture.longLength, [700]),
      })
      expect((await run(['state', url, fixture.longStream, '--at', '699'])).stderr).toBe('')
    })
  },
)
