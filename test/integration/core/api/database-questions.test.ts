// Search, export and the store-wide questions (histogram, as-of, correlation, projections, invariants,
// breakpoints and watches, diff) on a PostgreSQL store in Emmett's layout, through the router as a
// shell calls them, on a real server this file starts holding what Emmett's own library wrote.

import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RequestChannel } from '../../../../shared/channels'
import { contract, type ChannelInput, type ChannelOutput } from '../../../../shared/contract'
import { createHandlers } from '../../../../electron/core/api/handlers'
import { createRouter } from '../../../../electron/core/api/router'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import { writeEmmettStore, type EmmettFixture } from '../../../fixtures/emmett-postgres-store'
import { postgresSkipReason, startPostgres, type PostgresServer } from '../../../support/postgres-server'

const noPostgres = postgresSkipReason()
if (noPostgres !== null) console.log(`Skipping the PostgreSQL tests of this file: ${noPostgres}`)

let server: PostgresServer
let fixture: EmmettFixture
let session: ExplorerSession
let outDir: string
let exportTo = ''
let call: <C extends RequestChannel>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>

beforeAll(async () => {
  if (noPostgres !== null) return
  server = await startPostgres()
  const url = await server.createDatabase('emmett')
  fixture = await writeEmmettStore(url)
  outDir = await mkdtemp(join(tmpdir(), 'eventscope-db-export-'))
  session = new ExplorerSession()
  const dispatch = createRouter(
    createHandlers(session, {
      shell: 'electron',
      version: '1.2.3',
      initialDir: url,
      recentDirs: () => [],
      rememberDir: () => {},
      pickDirectory: null,
      exportTarget: async () => exportTo,
    }),
  )
  call = async (channel, input) => {
    const result = await dispatch(channel, input)
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`)
    return contract[channel].output.parse(result.value) as never
  }
  const info = await call('app.info', {})
  if (!info.initialDir) throw new Error('no initial store offered')
  // Handed out by id, without its password, as the desktop app offers its command-line store.
  expect(info.initialDir.path).not.toContain('eventscope-test-secret')
  await call('store.open', { directoryId: info.initialDir.id })
  await session.whenReconciled()
}, 180_000)

afterAll(async () => {
  session?.close()
  await server?.stop()
  if (outDir) await rm(outDir, { recursive: true, force: true })
})

const total = () => [...fixture.streams.values()].reduce((n, events) => n + events.length, 0)

describe.skipIf(noPostgres !== null)('store-wide questions on a PostgreSQL store (Emmett layout)', () => {
  it('given a where expression, when searched, then the matches are exact and progress is in events', async () => {
    const found = await call('search.run', {
      taskId: 's1',
      where: 'payload.count == 999 or payload.quantity > 4',
    })
    expect(found.matches.map((match) => [match.aggregateId, match.version])).toEqual([
      ['counter-long', 999],
      ['shoppingCart-1', 2],
    ])
    expect(found.truncated).toBe(false)
    expect(found.scannedBytes).toBe(total())
    const typed = await call('search.run', { taskId: 's2', eventTypes: ['OrderPlaced'] })
    expect(typed.matches).toMatchObject([
      { aggregateId: `order-"quoted"-Zürich`, payload: { city: 'Zürich' } },
    ])
    const refused = await call('search.run', { taskId: 's3', where: 'payload.count ==' }).catch(
      (e: Error) => e.message,
    )
    expect(refused).toMatch(/^search.run failed: invalid_input: /)
  })

  it('given the store, when the histogram, as-of and a built-in projection are asked, then every event is counted', async () => {
    const histogram = await call('store.histogram', {})
    expect(histogram.buckets.reduce((n, bucket) => n + bucket.total, 0) + histogram.untimed).toBe(total())
    expect(histogram.types[0]).toBe('Incremented')
    const now = await call('store.asOf', { at: new Date(Date.now() + 60_000).toISOString() })
    expect(now.total).toBe(fixture.streams.size)
    expect(now.aggregates.find((row) => row.aggregateId === 'counter-long')).toMatchObject({
      version: fixture.longLength,
      eventCount: fixture.longLength,
    })
    const before = await call('store.asOf', { at: '2000-01-01T00:00:00Z' })
    expect(before.total).toBe(0)
    const perType = await call('projection.run', { taskId: 'p1', kind: 'builtin', name: 'events-per-type' })
    expect(perType.events).toBe(total())
    expect(perType.result).toEqual(expect.arrayContaining([{ eventType: 'DiscountApplied', events: 1 }]))
    const list = await call('projection.list', {})
    expect(list.custom).toEqual([])
  })

  it('given an event with a correlation id in its metadata, when followed, then the events sharing it are listed', async () => {
    const byEvent = await call('correlation.list', { aggregateId: 'shoppingCart-1', version: 3 })
    expect(byEvent.correlationId).toBe('c-1')
    expect(byEvent.events.map((event) => [event.aggregateId, event.version])).toEqual([['shoppingCart-1', 3]])
  })

  it('given breakpoints, watches and an invariant, when asked, then they are evaluated over the merge-patch states', async () => {
    const hits = await call('stream.hits', {
      aggregateId: 'shoppingCart-1',
      breakpoints: ['changed(state.price.amount)', 'state.quantity >'],
      watches: ['state.quantity', 'prev.note'],
      at: 3,
    })
    expect(hits.breakpoints[0]).toMatchObject({ versions: [1, 3], error: null })
    expect(hits.breakpoints[1]?.error).toMatch(/column/i)
    expect(hits.watches).toEqual([
      { expression: 'state.quantity', value: 5, error: null },
      { expression: 'prev.note', value: 'gift', error: null },
    ])
    const check = await call('check.run', {
      taskId: 'c1',
      invariants: [{ expression: 'not exists(state.note)', types: ['shoppingCart'] }],
    })
    expect(check.aggregates).toBe(1)
    expect(check.violations).toMatchObject([
      { aggregateId: 'shoppingCart-1', version: 2, before: { productId: 'shoes' } },
    ])
    const diff = await call('state.diff', { aggregateId: 'shoppingCart-1', fromVersion: 1, toVersion: 4 })
    expect(diff.changes.map((change) => change.path.join('.'))).toEqual(
      expect.arrayContaining(['productId', 'quantity', 'confirmedAt', 'items']),
    )
  })

  it('given the store, when exported in each format, then every selected event is written and a stream id that cannot be a file name stops the store export', async () => {
    exportTo = join(outDir, 'cart.jsonl')
    const jsonl = await call('export.run', {
      taskId: 'e1',
      format: 'jsonl',
      aggregateIds: ['shoppingCart-1'],
    })
    expect(jsonl).toMatchObject({ status: 'saved', events: 4, skippedLines: 0 })
    const lines = (await readFile(exportTo, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(lines.map((line) => line.payload)).toEqual(
      fixture.streams.get('shoppingCart-1')?.map((event) => event.data),
    )
    expect(lines[2]).toMatchObject({
      event_type: 'DiscountApplied',
      aggregate_id: 'shoppingCart-1',
      metadata: { correlationId: 'c-1' },
    })

    exportTo = join(outDir, 'typed.json')
    await call('export.run', { taskId: 'e2', format: 'json', aggregateIds: [], types: ['MoneyDeposited'] })
    expect(JSON.parse(await readFile(exportTo, 'utf8'))).toMatchObject([
      { version: 2, aggregate_id: 'account-7', event_type: 'MoneyDeposited', payload: { balance: 150 } },
    ])

    exportTo = join(outDir, 'account.csv')
    await call('export.run', { taskId: 'e3', format: 'csv', aggregateIds: ['account-7'] })
    const csv = (await readFile(exportTo, 'utf8')).trimEnd().split(/\r?\n/)
    expect(csv[0]).toBe('version,aggregate_id,event_id,event_type,occurred_at,owner,balance,last.amount')
    expect(csv).toHaveLength(3)

    exportTo = join(outDir, 'state.json')
    await call('export.run', { taskId: 'e4', format: 'state', aggregateIds: ['account-7'], version: 1 })
    expect(JSON.parse(await readFile(exportTo, 'utf8'))).toEqual({
      aggregate_id: 'account-7',
      version: 1,
      state: { owner: 'Ann', balance: 0 },
    })

    exportTo = join(outDir, 'store')
    const refused = await call('export.run', { taskId: 'e5', format: 'store', aggregateIds: [] }).catch(
      (e: Error) => e.message,
    )
    expect(refused).toMatch(/invalid_input: Cannot export "order-\\"quoted\\"-Zürich" as a stream file/)
    await call('export.run', { taskId: 'e6', format: 'store', aggregateIds: ['account-7', 'counter-long'] })
    expect((await readdir(exportTo)).sort()).toEqual([
      'account-7.events.jsonl',
      'counter-long.events.jsonl',
      'index.json',
    ])
    const index = JSON.parse(await readFile(join(exportTo, 'index.json'), 'utf8'))
    expect(index.total_events).toBe(2 + fixture.longLength)

    // What was exported opens as a directory store with the same states.
    const reopened = new ExplorerSession()
    try {
      await reopened.open(exportTo)
      await reopened.whenReconciled()
      const state = await reopened.stateAt({ aggregateId: 'account-7', version: 2 })
      expect(JSON.parse(JSON.stringify(state.state))).toEqual({
        owner: 'Ann',
        balance: 150,
        last: { amount: 150 },
      })
    } finally {
      reopened.close()
    }
  })
})
