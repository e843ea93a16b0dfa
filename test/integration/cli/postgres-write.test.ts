// Appending to and following a PostgreSQL store in Emmett's layout from the command line, as a user
// runs it: whole `eventscope` processes against a real server this test starts. What eventscope
// appends, Emmett's own library reads back as its own; what Emmett's library appends, a following
// `eventscope events --follow` prints.

import { spawn } from 'node:child_process'
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeEmmettStore } from '../../fixtures/emmett-postgres-store'
import { postgresSkipReason, startPostgres, type PostgresServer } from '../../support/postgres-server'
import { builtCli, requireBuiltCli, runCli } from './run-built-cli'
import { until } from '../../support/until'

const noPostgres = postgresSkipReason()
if (noPostgres !== null) console.log(`Skipping the PostgreSQL tests of this file: ${noPostgres}`)

let server: PostgresServer
let url: string

beforeAll(async () => {
  if (noPostgres !== null) return
  requireBuiltCli()
  server = await startPostgres()
  url = await server.createDatabase('shop')
  await writeEmmettStore(url)
}, 180_000)

afterAll(async () => {
  await server?.stop()
})

describe.skipIf(noPostgres !== null)("given a PostgreSQL store in Emmett's layout", () => {
  it('when appending from the CLI, then Emmett reads the event back at the next version', async () => {
    const run = await runCli([
      ...['append', url, 'shoppingCart-1', 'ItemRemoved', '--data', '{"productId":"socks","price":1.0}'],
      ...['--metadata', '{"by":"cli"}', '--expected-version', '4'],
    ])
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe('appended ItemRemoved to shoppingCart-1 as version 5\n')
    const store = getPostgreSQLEventStore(url)
    try {
      const read = await store.readStream('shoppingCart-1')
      expect(read.currentStreamVersion).toBe(5n)
      const last = read.events.at(-1)
      expect(last?.type).toBe('ItemRemoved')
      expect(last?.data).toEqual({ productId: 'socks', price: 1 })
    } finally {
      await store.close()
    }
    // The number as typed: jsonb keeps 1.0's spelling, and eventscope reads it back so.
    const events = await runCli(['events', url, 'shoppingCart-1', '--from', '4', '--json'])
    expect(events.stdout).toContain('"raw":"{\\"price\\": 1.0, \\"productId\\": \\"socks\\"}"')
  })

  it('when the expected version is stale, then the append exits 3 saying where the stream is, writing nothing', async () => {
    const run = await runCli([
      'append',
      url,
      'account-7',
      'MoneyDeposited',
      '--data',
      '{"x":1}',
      '--expected-version',
      '1',
    ])
    expect(run.code).toBe(3)
    expect(run.stderr.trim()).toBe('eventscope: expected version 1, stream is at 2')
    const list = await runCli(['events', url, 'account-7', '--json'])
    expect((JSON.parse(list.stdout) as { eventCount: number }).eventCount).toBe(2)
  })

  it("when appending a new stream with --json, then it is created at version 1 with Emmett's stream type", async () => {
    const run = await runCli([
      'append',
      url,
      'invoice-9',
      'InvoiceIssued',
      '--data',
      '{"total":10}',
      '--json',
    ])
    expect(JSON.parse(run.stdout)).toEqual({ aggregateId: 'invoice-9', version: 1, duplicate: false })
    const list = JSON.parse((await runCli(['list', url, '--json'])).stdout) as {
      aggregates: { id: string; type: string }[]
    }
    expect(list.aggregates.find((row) => row.id === 'invoice-9')?.type).toBe('invoice')
  })

  it.each([
    [['--data', '[1]'], '--data must be a JSON object'],
    [
      ['--data', '{}', '--event-id', 'e-1'],
      '--event-id does not work on a database store: the store gives each event its id',
    ],
  ])('when given %j, then it refuses in one line and writes nothing', async (args, message) => {
    const run = await runCli(['append', url, 'refused-1', 'T', ...args])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(message)
    expect((await runCli(['events', url, 'refused-1'])).code).toBe(1)
  })

  it('when following a stream, then events Emmett appends are printed in order as they come, and Ctrl-C ends it with 0', async () => {
    const child = spawn(process.execPath, [builtCli, 'events', url, 'account-7', '--follow', '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    const lines = (): { version: number; type: string; payload: unknown }[] =>
      stdout
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as { version: number; type: string; payload: unknown })
    try {
      await until(() => lines().length >= 2, 'the events already there')
      const store = getPostgreSQLEventStore(url)
      try {
        // Appended by Emmett's library, one at a time and two at once, while eventscope follows.
        await store.appendToStream('account-7', [{ type: 'MoneyWithdrawn', data: { balance: 100 } }])
        await store.appendToStream('account-7', [
          { type: 'MoneyDeposited', data: { balance: 130 } },
          { type: 'MoneyDeposited', data: { balance: 160 } },
        ])
        // Another stream's events are not this stream's.
        await store.appendToStream('shoppingCart-1', [{ type: 'Noise', data: {} }])
      } finally {
        await store.close()
      }
      await until(() => lines().length >= 5, 'the appended events')
      child.kill('SIGINT')
      expect(await exited).toBe(0)
      expect(lines().map((line) => [line.version, line.type])).toEqual([
        [1, 'AccountOpened'],
        [2, 'MoneyDeposited'],
        [3, 'MoneyWithdrawn'],
        [4, 'MoneyDeposited'],
        [5, 'MoneyDeposited'],
      ])
      expect(stderr).toBe('')
    } finally {
      child.kill('SIGKILL')
    }
  }, 120_000)

  it('when --follow is given a directory or with --limit, then it refuses in one line', async () => {
    const dir = await runCli(['events', '/tmp', 'a-1', '--follow'])
    expect(dir.code).toBe(1)
    expect(dir.stderr.trim()).toBe(
      'eventscope: --follow works on a database store; a directory is followed in the app (eventscope open DIR)',
    )
    const limited = await runCli(['events', url, 'account-7', '--follow', '--limit', '1'])
    expect(limited.code).toBe(2)
    expect(limited.stderr).toContain('--limit and --follow do not go together')
  })
})
