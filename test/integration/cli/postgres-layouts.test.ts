// The read commands on the other PostgreSQL layouts and on a table of the user's own, as a user runs
// them: whole `eventscope` processes (out/main/cli.js) against a real server this test starts. Message
// DB's store is made by Message DB's own install script and write_message; Marten's by its DDL and
// append function; the mapped tables by plain SQL, as an application of no known library would write.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LayoutFixture } from '../../fixtures/layout-streams'
import { writeMartenStore } from '../../fixtures/marten-postgres-store'
import { writeMessageDbStore } from '../../fixtures/message-db-store'
import { postgresSkipReason, startPostgres, type PostgresServer } from '../../support/postgres-server'
import { oneLineError, requireBuiltCli, runCli, type StateDoc } from './run-built-cli'

const noPostgres = postgresSkipReason()
if (noPostgres !== null) console.log(`Skipping the PostgreSQL tests of this file: ${noPostgres}`)

let server: PostgresServer
let messageDb: { url: string; fixture: LayoutFixture }
let marten: string
let own: string

// An application's own table: its names are not any library's, its positions start at 1.
const ownTableSql = `
CREATE SCHEMA app;
CREATE TABLE app.ledger_entries (
  seq bigserial PRIMARY KEY,
  account text NOT NULL,
  entry_no integer NOT NULL,
  kind text NOT NULL,
  body jsonb NOT NULL,
  booked_at timestamptz NOT NULL,
  UNIQUE (account, entry_no)
);
INSERT INTO app.ledger_entries (account, entry_no, kind, body, booked_at) VALUES
  ('acct-1', 1, 'Opened', '{"owner": "Ann", "balance": 0}', '2026-12-01T10:00:00.123456Z'),
  ('acct-2', 1, 'Opened', '{"owner": "Bo", "balance": 5}', '2026-12-01T11:00:00Z'),
  ('acct-1', 2, 'Deposited', '{"balance": 150, "memo": "pay"}', '2026-12-02T10:00:00Z'),
  ('acct-1', 3, 'Noted', '{"memo": null}', '2026-12-03T10:00:00Z');
-- Names eventscope guesses, positions from 0 as Message DB and Eventuous count them.
CREATE TABLE events (
  global_position bigserial PRIMARY KEY,
  stream_name text NOT NULL,
  position bigint NOT NULL,
  type text NOT NULL,
  data jsonb,
  created_at timestamp NOT NULL
);
INSERT INTO events (stream_name, position, type, data, created_at) VALUES
  ('door-1', 0, 'Opened', '{"open": true}', '2026-12-01 10:00:00'),
  ('door-1', 1, 'Closed', '{"open": false, "by": "Cy"}', '2026-12-01 10:05:00');
`

beforeAll(async () => {
  if (noPostgres !== null) return
  requireBuiltCli()
  server = await startPostgres()
  messageDb = await writeMessageDbStore(server, 'messages')
  marten = await server.createDatabase('marten')
  await writeMartenStore(marten)
  own = await server.createDatabase('own')
  await server.sql('own', ownTableSql)
}, 240_000)

afterAll(async () => {
  await server?.stop()
})

async function ok(args: readonly string[]): Promise<string> {
  const run = await runCli(args)
  if (run.code !== 0) throw new Error(`eventscope ${args.join(' ')} exited ${run.code}: ${run.stderr}`)
  expect(run.stderr).toBe('')
  return run.stdout
}

async function fails(args: readonly string[]): Promise<{ code: number | null; line: string }> {
  const run = await runCli(args)
  return { code: run.code, line: oneLineError(run) }
}

const ledger = [
  '--table',
  'app.ledger_entries',
  '--columns',
  'stream=account,position=entry_no,type=kind,data=body,time=booked_at,global=seq',
]

describe.skipIf(noPostgres !== null)('given stores in the other layouts and tables of your own', () => {
  it("when listing Message DB's store by URL, then its layout is found and each stream shows its category and count", async () => {
    const doc = JSON.parse(await ok(['list', messageDb.url, '--json'])) as {
      aggregates: { id: string; event_count: number; type: string | null }[]
      capabilities: { append: boolean; watch: boolean }
    }
    expect(doc.aggregates.map((row) => [row.id, row.event_count, row.type])).toEqual(
      [...messageDb.fixture.streams.keys()]
        .sort()
        .map((id) => [id, messageDb.fixture.streams.get(id)?.length, messageDb.fixture.types.get(id)]),
    )
    // Read-only, but followed by its global position.
    expect(doc.capabilities).toEqual({ append: false, watch: true })
  })

  it("when reading a Message DB stream's events and state, then versions start at 1 as everywhere", async () => {
    const text = await ok(['events', messageDb.url, 'shoppingCart-1', '--from', '2', '--limit', '1'])
    expect(text).toMatch(/\b3\b.*DiscountApplied/)
    const state = JSON.parse(
      await ok(['state', messageDb.url, 'shoppingCart-1', '--at', '3', '--json']),
    ) as StateDoc
    expect(state).toMatchObject({ version: 3, eventCount: 4 })
    expect(state.state).toEqual({ productId: 'socks', quantity: 5, price: { amount: 90, currency: 'EUR' } })
    const found = await ok(['search', messageDb.url, '--type', 'MoneyDeposited', '--json'])
    expect(found).toContain('account-7')
  })

  it('when --layout names the layout the database holds, then it is read; naming another is one line', async () => {
    expect(await ok(['list', marten, '--layout', 'marten'])).toMatch(/shopping_cart\s+4\s/)
    const other = await fails(['list', marten, '--layout', 'emmett'])
    expect(other.code).toBe(1)
    expect(other.line).toMatch(/\/marten holds no Emmett event store: no emt_streams or emt_messages table$/)
  })

  it('when a table of your own is mapped with --table and --columns, then it reads as a store', async () => {
    const list = await ok(['list', own, ...ledger])
    expect(list).toMatch(/^acct-1\s+acct\s+3\s+2026-12-03T10:00:00\.000000Z$/m)
    expect(list).toMatch(/^acct-2\s+acct\s+1\s+2026-12-01T11:00:00\.000000Z$/m)
    const state = JSON.parse(await ok(['state', own, 'acct-1', ...ledger, '--json'])) as StateDoc
    expect(state).toMatchObject({ version: 3, eventCount: 3, state: { owner: 'Ann', balance: 150 } })
    const events = JSON.parse(await ok(['events', own, 'acct-1', ...ledger, '--json'])) as {
      events: { version: number; type: string; occurredAt: string }[]
    }
    expect(events.events.map((event) => [event.version, event.type])).toEqual([
      [1, 'Opened'],
      [2, 'Deposited'],
      [3, 'Noted'],
    ])
    expect(events.events[0]?.occurredAt).toBe('2026-12-01T10:00:00.123456Z')
  })

  it('when searching a mapped table and a Message DB store with --where and --since, then exactly the matches print', async () => {
    const found = JSON.parse(
      await ok([
        'search',
        own,
        ...ledger,
        '--where',
        'payload.balance > 100',
        '--since',
        '2026-12-02',
        '--json',
      ]),
    ) as { matches: { aggregateId: string; version: number }[] }
    expect(found.matches.map((match) => [match.aggregateId, match.version])).toEqual([['acct-1', 2]])
    const door = JSON.parse(
      await ok(['search', own, '--table', 'events', '--since', '2026-12-01T10:01:00Z', '--json']),
    ) as { matches: { aggregateId: string; version: number }[] }
    expect(door.matches.map((match) => [match.aggregateId, match.version])).toEqual([['door-1', 2]])
    const quantities = JSON.parse(
      await ok(['search', messageDb.url, '--where', 'payload.quantity >= 5', '--json']),
    ) as { matches: { aggregateId: string; version: number }[] }
    expect(quantities.matches.map((match) => [match.aggregateId, match.version])).toEqual([
      ['shoppingCart-1', 2],
    ])
  })

  it('when the address itself names the layout or maps the table, then it reads as with the options', async () => {
    expect(await ok(['list', `${marten}?eventscope-layout=marten`])).toMatch(/shopping_cart\s+4\s/)
    const columns = encodeURIComponent(
      'stream=account,position=entry_no,type=kind,data=body,time=booked_at,global=seq',
    )
    const mapped = `${own}?eventscope-table=app.ledger_entries&eventscope-columns=${columns}`
    const state = JSON.parse(await ok(['state', mapped, 'acct-1', '--json'])) as StateDoc
    expect(state).toMatchObject({ version: 3, state: { owner: 'Ann', balance: 150 } })
  })

  it('when --columns is left out, then common names are guessed and positions from 0 become versions from 1', async () => {
    const doc = JSON.parse(await ok(['events', own, 'door-1', '--table', 'events', '--json'])) as {
      events: { version: number; type: string; occurredAt: string }[]
    }
    expect(doc.events.map((event) => [event.version, event.type, event.occurredAt])).toEqual([
      [1, 'Opened', '2026-12-01T10:00:00.000000Z'],
      [2, 'Closed', '2026-12-01T10:05:00.000000Z'],
    ])
    const state = JSON.parse(
      await ok(['state', own, 'door-1', '--table', 'events', '--at', '1', '--json']),
    ) as StateDoc
    expect(state.state).toEqual({ open: true })
  })

  it.each([
    [
      ['list', 'OWN', '--columns', 'stream=a'],
      2,
      /^eventscope: --columns maps the columns of --table: name the table too$/,
    ],
    [
      ['list', 'OWN', '--layout', 'axon'],
      2,
      /^eventscope: --layout takes emmett, marten, eventuous, message-db; got "axon"$/,
    ],
    [
      ['list', 'OWN', '--layout', 'marten', '--table', 'events'],
      2,
      /--layout and --table exclude each other/,
    ],
    [
      ['list', '.', '--table', 'events'],
      2,
      /--layout, --table, --columns and --schema are for a PostgreSQL store, not a directory or SQLite$/,
    ],
    [['list', 'OWN', '--table', 'nope'], 1, /\/own has no table nope in its search path$/],
    [
      ['list', 'OWN', '--table', 'app.ledger_entries', '--columns', 'stream=acount'],
      1,
      /^eventscope: app\.ledger_entries has no column acount \(it has seq, account, entry_no, kind, body, booked_at\)$/,
    ],
    [
      ['list', 'OWN', '--table', 'app.ledger_entries', '--columns', 'stream=account'],
      1,
      /no position column found in app\.ledger_entries: name it with --columns position=COLUMN/,
    ],
    [
      ['list', 'OWN', '--table', 'events', '--columns', 'time=global_position'],
      1,
      /--columns time=global_position: a bigint column, where a timestamp or text is needed$/,
    ],
    [['list', 'OWN', '--table', 'events', '--columns', 'color=red'], 1, /--columns takes KEY=COLUMN pairs/],
  ])('when the options are wrong (%j), then it fails with one line', async (args, code, message) => {
    const run = await fails(args.map((arg) => (arg === 'OWN' ? own : arg)))
    expect(run.code).toBe(code)
    expect(run.line).toMatch(message)
  })
})
