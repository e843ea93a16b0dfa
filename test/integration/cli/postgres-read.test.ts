// The read commands on a PostgreSQL store in Emmett's layout, as a user runs them: whole `eventscope`
// processes (out/main/cli.js) against a real server this test starts, over a store Emmett's own
// library wrote. A postgres:// URL, or the PG* environment, takes the place of DIR.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeEmmettStore, type EmmettFixture } from '../../fixtures/emmett-postgres-store'
import {
  postgresTestPassword,
  postgresSkipReason,
  startPostgres,
  type PostgresServer,
} from '../../support/postgres-server'
import { oneLineError, requireBuiltCli, runCli, type StateDoc } from './run-built-cli'

const noPostgres = postgresSkipReason()
if (noPostgres !== null) console.log(`Skipping the PostgreSQL tests of this file: ${noPostgres}`)

let server: PostgresServer
let url: string
let fixture: EmmettFixture

beforeAll(async () => {
  if (noPostgres !== null) return
  requireBuiltCli()
  server = await startPostgres()
  url = await server.createDatabase('shop')
  fixture = await writeEmmettStore(url)
  await server.createDatabase('empty')
}, 180_000)

afterAll(async () => {
  await server?.stop()
})

async function ok(args: readonly string[], env?: NodeJS.ProcessEnv): Promise<string> {
  const run = await runCli(args, env === undefined ? {} : { env })
  if (run.code !== 0) throw new Error(`eventscope ${args.join(' ')} exited ${run.code}: ${run.stderr}`)
  expect(run.stderr).toBe('')
  return run.stdout
}

describe.skipIf(noPostgres !== null)("given a PostgreSQL store in Emmett's layout", () => {
  it('when listing it by URL, then every stream is a row with its type, count and last time, and the password is never printed', async () => {
    const text = await ok(['list', url])
    const lines = text.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^AGGREGATE\s+TYPE\s+EVENTS\s+LAST EVENT$/)
    expect(lines[1]).toMatch(/^account-7\s+account\s+2\s+\d{4}-\d\d-\d\dT[\d:.]+Z$/)
    expect(lines.at(-1)).toBe(
      `4 aggregates, ${(4 + 2 + 1 + fixture.longLength).toLocaleString('en-US')} events in PostgreSQL at 127.0.0.1:${server.port}/shop`,
    )
    expect(text).not.toContain(postgresTestPassword)
    const doc = JSON.parse(await ok(['list', url, '--json'])) as {
      source: string
      aggregates: { id: string; event_count: number; type: string }[]
      total_events: number
      capabilities: { append: boolean; watch: boolean }
    }
    expect(doc.aggregates.map((row) => row.id)).toEqual([...fixture.streams.keys()].sort())
    expect(doc.aggregates.find((row) => row.id === fixture.longStream)?.event_count).toBe(fixture.longLength)
    expect(doc).toMatchObject({
      total_events: 4 + 2 + 1 + fixture.longLength,
      capabilities: { append: true, watch: true },
    })
    expect(doc.source).toBe(`PostgreSQL at 127.0.0.1:${server.port}/shop`)
  })

  it('when the address comes from the PG* environment, then `postgres://` alone opens the same store', async () => {
    const env = {
      PGHOST: '127.0.0.1',
      PGPORT: String(server.port),
      PGUSER: 'postgres',
      PGPASSWORD: postgresTestPassword,
      PGDATABASE: 'shop',
    }
    const doc = JSON.parse(await ok(['list', 'postgres://', '--json'], env)) as { aggregates: unknown[] }
    expect(doc.aggregates).toHaveLength(fixture.streams.size)
  })

  it('when printing a window of a stream, then it shows those versions as for a directory', async () => {
    const text = await ok(['events', url, 'shoppingCart-1', '--from', '1', '--limit', '2'])
    const lines = text.trimEnd().split('\n')
    expect(lines[0]).toBe('shoppingCart-1 (shoppingCart, 4 events)')
    expect(lines).toHaveLength(3)
    expect(lines[1]).toMatch(/^2 {2}\S+Z {2}ProductItemAdded {2}\{"note":"gift",/)
    expect(lines[2]).toMatch(/^3 {2}\S+Z {2}DiscountApplied {2}\{"note":null,"price":\{"amount":90\}\}$/)
    const doc = JSON.parse(await ok(['events', url, fixture.longStream, '--from', '999', '--json'])) as {
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
    const doc = JSON.parse(await ok(['state', url, 'shoppingCart-1', '--at', '3', '--json'])) as StateDoc
    expect(doc).toEqual({
      aggregateId: 'shoppingCart-1',
      version: 3,
      eventCount: 4,
      state: { productId: 'socks', quantity: 5, price: { amount: 90, currency: 'EUR' } },
    })
    const latest = await ok(['state', url, fixture.longStream, '--at', '-1'])
    expect(latest.split('\n')[0]).toBe(`${fixture.longStream} (counter) at version 1233 of 1234`)
    expect(JSON.parse(latest.slice(latest.indexOf('\n') + 1))).toMatchObject({ count: 1233 })
  })

  it('when searching with --where, --type and --aggregate, then exactly the matching events are printed', async () => {
    const text = await ok(['search', url, '--where', 'payload.count == 1001'])
    expect(text).toMatch(/^counter-long {2}v1001 {2}\S+Z {2}Incremented {2}\{"count":1001\}\n$/)
    const doc = JSON.parse(
      await ok(['search', url, '--type', 'ProductItemAdded', '--aggregate', 'shoppingCart-1', '--json']),
    ) as { matches: { aggregateId: string; version: number }[]; truncated: boolean }
    expect(doc.matches.map((match) => match.version)).toEqual([1, 2])
    const limited = await runCli(['search', url, '--aggregate-type', 'counter', '--limit', '3'])
    expect(limited.stdout.trimEnd().split('\n')).toHaveLength(3)
    expect(limited.stderr).toBe('eventscope: stopped after 3 matches (--limit)\n')
  })

  it('when reading with a store-only option or a bad expression, then it is a one-line usage error', async () => {
    const trust = await runCli(['state', url, 'account-7', '--trust'])
    expect(trust.code).toBe(2)
    expect(oneLineError(trust)).toBe(
      'eventscope: --reducer and --trust work on a store directory only; a database store is replayed by merge patch',
    )
    const where = await runCli(['search', url, '--where', 'payload.count =='])
    expect(where.code).toBe(2)
    expect(oneLineError(where)).toMatch(/^eventscope: --where: /)
  })
})

describe.skipIf(noPostgres !== null)('given a PostgreSQL address that cannot be read as a store', () => {
  it.each([
    [
      'an unknown aggregate',
      () => ['state', url, 'nope-1'],
      1,
      /^eventscope: no aggregate "nope-1" in PostgreSQL at 127\.0\.0\.1:\d+\/shop$/,
    ],
    [
      'a database without any layout eventscope knows',
      () => ['list', server.urlFor('empty')],
      1,
      /\/empty holds no event store eventscope knows: none of the tables of Emmett \(emt_streams, emt_messages\), .*; map a table with --table$/,
    ],
    [
      'a missing database',
      () => ['events', server.urlFor('gone'), 'a-1'],
      1,
      /\/gone: database "gone" does not exist$/,
    ],
    [
      'a wrong password',
      () => ['search', url.replace(postgresTestPassword, 'nope')],
      1,
      /\/shop: password authentication failed for user "postgres"$/,
    ],
    [
      'a port nobody listens on',
      () => ['list', `postgres://postgres@127.0.0.1:1/shop`, '--json'],
      1,
      /^eventscope: PostgreSQL at 127\.0\.0\.1:1\/shop refused the connection \(is PostgreSQL running there\?\)$/,
    ],
  ])('when it is %s, then the command fails with one line', async (_what, args, code, line) => {
    const run = await runCli(args())
    expect(run.code).toBe(code)
    expect(oneLineError(run)).toMatch(line)
    expect(run.stderr).not.toContain(postgresTestPassword)
  })

  it.each([['verify'], ['export', '--format', 'jsonl', '--out', 'x.jsonl']])(
    'when %s is given a database address, then it refuses in one line saying which commands read one',
    async (command, ...rest) => {
      const run = await runCli([command, url, ...rest, '--json'])
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

  it('when --json is given, then the one line is the JSON error with the code', async () => {
    const run = await runCli(['list', `postgres://postgres@127.0.0.1:1/shop`, '--json'])
    expect(JSON.parse(run.stderr)).toEqual({
      error: {
        code: 'io_error',
        message: 'PostgreSQL at 127.0.0.1:1/shop refused the connection (is PostgreSQL running there?)',
      },
    })
  })
})
