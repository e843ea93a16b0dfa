// The explorer's channels on a PostgreSQL store in Emmett's layout, through the router as a shell
// calls them, on a real server this file starts (test/support/postgres-server.ts) holding what
// Emmett's own library wrote (test/fixtures/emmett-postgres-store.ts).

import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RequestChannel } from '../../../../shared/channels'
import type { ChannelInput, ChannelOutput } from '../../../../shared/contract'
import type { ShellServices } from '../../../../electron/core/api/shell-services'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import { writeEmmettStore, type EmmettFixture } from '../../../fixtures/emmett-postgres-store'
import { writeMartenStore } from '../../../fixtures/marten-postgres-store'
import {
  postgresSkipReason,
  postgresTestPassword,
  startPostgres,
  type PostgresServer,
} from '../../../support/postgres-server'
import { dispatchCalls, testDispatch } from '../../../support/test-dispatch'
import { until } from '../../../support/until'

const noPostgres = postgresSkipReason()
if (noPostgres !== null) console.log(`Skipping the PostgreSQL tests of this file: ${noPostgres}`)

let server: PostgresServer
let url: string
let fixture: EmmettFixture

beforeAll(async () => {
  if (noPostgres !== null) return
  server = await startPostgres()
  url = await server.createDatabase('emmett')
  fixture = await writeEmmettStore(url)
}, 180_000)

afterAll(async () => {
  await server?.stop()
})

interface Harness {
  readonly session: ExplorerSession
  readonly remembered: string[]
  readonly pushed: { event: string; payload: unknown }[]
  call<C extends RequestChannel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>
  failure(channel: RequestChannel, input: unknown): Promise<{ code: string; message: string }>
}

/** A router over a fresh session; by default a browser shell that takes typed addresses. */
function harness(services: Partial<ShellServices> = {}): Harness {
  const remembered: string[] = []
  const pushed: { event: string; payload: unknown }[] = []
  const session = new ExplorerSession({
    watch: true,
    watchIntervalMs: 50,
    onEvent: (event, payload) => pushed.push({ event, payload }),
  })
  const dispatch = testDispatch(session, {
    recentDirs: () => remembered,
    rememberDir: (dir) => remembered.push(dir),
    typedAddressRefusal: () => null,
    ...services,
  })
  const { call, failure } = dispatchCalls(dispatch)
  return { session, remembered, pushed, call, failure }
}

describe.skipIf(noPostgres !== null)('the explorer on a PostgreSQL store (Emmett layout)', () => {
  it('given an address with a password, when store.open opens it, then the summary names a postgres source without the password and its capabilities', async () => {
    const { session, call, remembered } = harness()
    try {
      const opened = await call('store.open', { address: url })
      expect(opened.dir).not.toContain(postgresTestPassword)
      expect(JSON.stringify(opened)).not.toContain(postgresTestPassword)
      expect(opened.source.kind).toBe('postgres')
      expect(opened.source.name).toMatch(/^PostgreSQL at 127\.0\.0\.1:\d+\/emmett$/)
      // The layout found from its tables, for the header.
      expect(opened.source.layout).toBe('Emmett')
      expect(opened.source.capabilities.append).toEqual({ available: true, reason: null })
      expect(opened.source.capabilities.follow).toEqual({ available: true, reason: null })
      for (const missing of ['verify', 'repair', 'reindex', 'reducers'] as const) {
        expect(opened.source.capabilities[missing].available).toBe(false)
        expect(opened.source.capabilities[missing].reason).toMatch(/^A PostgreSQL store has no [^\n]+\.$/)
      }
      expect(opened.notAStore).toBeNull()
      // The shell is handed the whole address to keep (encrypted, or not at all): shell-services.ts.
      expect(remembered).toEqual([url])
      const summary = await session.whenReconciled()
      expect(summary.aggregates).toBe(fixture.streams.size)
      expect(summary.events).toBe([...fixture.streams.values()].reduce((n, events) => n + events.length, 0))
    } finally {
      session.close()
    }
  })

  it('given a desktop shell, when the page types an address, then it is refused and nothing is opened', async () => {
    const { session, failure } = harness({
      shell: 'electron',
      typedPathRefusal: null,
      typedAddressRefusal: null,
    })
    try {
      const error = await failure('store.open', { address: url })
      expect(error.code).toBe('forbidden')
      expect(() => session.summary()).toThrow(/No store is open/)
    } finally {
      session.close()
    }
  })

  it('given an open database, when the table, a timeline, an event and a state are asked, then they answer from the source in the JSONL shapes', async () => {
    const { session, call } = harness()
    try {
      await call('store.open', { address: url })
      await session.whenReconciled()
      const window = await call('aggregates.window', {
        offset: 0,
        limit: 10,
        sort: { column: 'eventCount', direction: 'desc' },
        filter: '',
      })
      expect(window.total).toBe(fixture.streams.size)
      expect(window.rows[0]).toMatchObject({
        id: fixture.longStream,
        eventCount: fixture.longLength,
        status: 'ok',
      })

      const info = await call('stream.open', { aggregateId: 'shoppingCart-1' })
      expect(info).toMatchObject({ eventCount: 4, rowCount: 4, problems: [], problemCount: 0 })
      const timeline = await call('stream.window', {
        aggregateId: 'shoppingCart-1',
        offset: 1,
        limit: 2,
        fields: ['note'],
      })
      expect(
        timeline.rows.map((row) =>
          row.kind === 'event' ? [row.row, row.version, row.type, row.cells] : row,
        ),
      ).toEqual([
        [1, 2, 'ProductItemAdded', ['gift']],
        [2, 3, 'DiscountApplied', ['null']],
      ])

      const event = await call('event.get', { aggregateId: 'shoppingCart-1', version: 3 })
      expect(event).toMatchObject({ version: 3, type: 'DiscountApplied', aggregateId: 'shoppingCart-1' })
      expect(event.payload).toEqual({ note: null, price: { amount: 90 } })
      expect(event.metadata).toMatchObject({ correlationId: 'c-1' })

      const state = await call('state.at', { aggregateId: 'shoppingCart-1', version: 3 })
      expect(state.state).toEqual({ productId: 'socks', quantity: 5, price: { amount: 90, currency: 'EUR' } })
      expect(state.changes.map((change) => [change.path.join('.'), change.kind])).toEqual(
        expect.arrayContaining([
          ['note', 'removed'],
          ['price.amount', 'changed'],
        ]),
      )
      const missing = await call('event.get', { aggregateId: 'shoppingCart-1', version: 9 }).catch(
        (error: Error) => error.message,
      )
      expect(missing).toMatch(/not_found: shoppingCart-1 has 4 events; there is no version 9/)
    } finally {
      session.close()
    }
  })

  it('given an open database, when a JSONL-only tool is asked, then it is refused in one line with the capability reason', async () => {
    const { session, call, failure } = harness()
    try {
      await call('store.open', { address: url })
      for (const [channel, input] of [
        ['store.verify', { taskId: 't-verify' }],
        ['store.repair', { dryRun: true }],
        ['store.reindex', { dryRun: true }],
      ] as const) {
        const error = await failure(channel, input)
        expect(error.code).toBe('unsupported')
        expect(error.message).toMatch(/^A PostgreSQL store has no [^\n]+\.$/)
      }
    } finally {
      session.close()
    }
  })

  it('given an open database, when the page appends and when Emmett appends, then both are taken in and pushed as onStoreChanged', async () => {
    const database = await server.createDatabase('appends')
    await writeEmmettStore(database)
    const { session, call, pushed, failure } = harness()
    try {
      await call('store.open', { address: database })
      await session.whenReconciled()
      const appended = await call('events.append', {
        aggregateId: 'account-7',
        eventType: 'MoneyWithdrawn',
        payload: { balance: 100 },
        expectedVersion: 2,
      })
      expect(appended).toMatchObject({ aggregateId: 'account-7', version: 3, duplicate: false })
      expect((await call('state.at', { aggregateId: 'account-7', version: 3 })).state).toEqual({
        owner: 'Ann',
        balance: 100,
        last: { amount: 150 },
      })
      const conflict = await failure('events.append', {
        aggregateId: 'account-7',
        eventType: 'MoneyWithdrawn',
        payload: { balance: 50 },
        expectedVersion: 2,
      })
      expect(conflict.code).toBe('version_conflict')

      // Another program (Emmett's own library) appends: follow takes it in.
      const store = getPostgreSQLEventStore(database)
      try {
        await store.appendToStream('account-7', [{ type: 'MoneyDeposited', data: { balance: 120 } }])
      } finally {
        await store.close()
      }
      await until(
        () =>
          pushed.some(
            ({ event, payload }) =>
              event === 'onStoreChanged' &&
              (payload as { aggregateIds: string[] }).aggregateIds.includes('account-7') &&
              (payload as { summary: { events: number } }).summary.events === session.summary().events &&
              session.summary().events === 1_234 + 4 + 2 + 1 + 2,
          ),
        'the appended event to be followed',
      )
      const info = await call('stream.open', { aggregateId: 'account-7' })
      expect(info.eventCount).toBe(4)
    } finally {
      session.close()
    }
    // A database of its own, written by Emmett in the test: slow on a loaded machine.
  }, 180_000)
})

describe.skipIf(noPostgres !== null)('the explorer on a read-only PostgreSQL layout (Marten)', () => {
  it('given a Marten store, when opened, then it reads like any store and says in one line why it cannot append', async () => {
    const database = await server.createDatabase('marten')
    const marten = await writeMartenStore(database)
    const { session, call, failure } = harness()
    try {
      const opened = await call('store.open', { address: database })
      expect(opened.source.layout).toBe('Marten')
      expect(opened.source.capabilities.append).toEqual({
        available: false,
        reason: expect.stringMatching(/^Marten's layout is read-only here/),
      })
      // Followed all the same: the source polls the layout's global position.
      expect(opened.source.capabilities.follow).toEqual({ available: true, reason: null })
      const summary = await session.whenReconciled()
      expect(summary.aggregates).toBe(marten.streams.size)
      const [cart] = [...marten.streams].find(([, events]) => events.length === 4) ?? []
      if (cart === undefined) throw new Error('no cart in the fixture')
      expect((await call('state.at', { aggregateId: cart, version: 2 })).state).toMatchObject({
        productId: 'socks',
        note: 'gift',
      })
      for (const [channel, input] of [
        ['events.append', { aggregateId: cart, eventType: 'X', payload: {} }],
        ['events.preview', { aggregateId: cart, payload: {} }],
      ] as const) {
        const error = await failure(channel, input)
        expect(error).toEqual({ code: 'unsupported', message: opened.source.capabilities.append.reason })
      }
    } finally {
      session.close()
    }
  }, 180_000)
})
