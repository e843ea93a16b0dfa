// The explorer's channels on a SQLite store in Emmett's layout, through the router as a shell calls
// them, over a file Emmett's own library wrote (test/fixtures/emmett-sqlite-store.ts): opened by its
// `sqlite:` address, read-only (Append unavailable, with the reason the page shows), read in the
// JSONL shapes, and followed while Emmett's library appends from a process of its own.

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RequestChannel } from '../../../../shared/channels'
import type { ChannelInput, ChannelOutput } from '../../../../shared/contract'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import type { EmmettFixture } from '../../../fixtures/emmett-postgres-store'
import { appendWithEmmett, writeEmmettSqliteStore } from '../../../fixtures/emmett-sqlite-store'
import { skipSqliteTests } from '../../../support/sqlite-available'
import { dispatchCalls, testDispatch } from '../../../support/test-dispatch'
import { until } from '../../../support/until'

const noSqlite = skipSqliteTests('this file')

let dir: string
let file: string
let fixture: EmmettFixture

beforeAll(async () => {
  if (noSqlite !== null) return
  dir = mkdtempSync(join(tmpdir(), 'eventscope-sqlite-api-'))
  file = join(dir, 'shop.db')
  fixture = await writeEmmettSqliteStore(file)
}, 120_000)

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

function harness(): {
  session: ExplorerSession
  pushed: { event: string; payload: unknown }[]
  call: <C extends RequestChannel>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>
  failure: (channel: RequestChannel, input: unknown) => Promise<{ code: string; message: string }>
} {
  const pushed: { event: string; payload: unknown }[] = []
  const session = new ExplorerSession({
    watch: true,
    watchIntervalMs: 50,
    onEvent: (event, payload) => pushed.push({ event, payload }),
  })
  const dispatch = testDispatch(session, { typedAddressRefusal: () => null })
  const { call, failure } = dispatchCalls(dispatch)
  return { session, pushed, call, failure }
}

describe.skipIf(noSqlite !== null)('the explorer on a SQLite store (Emmett layout)', () => {
  it('given a sqlite: address, when store.open opens it, then the summary names a read-only sqlite source and says why it cannot append', async () => {
    const { session, call } = harness()
    try {
      const opened = await call('store.open', { address: `sqlite:${file}` })
      expect(opened.source.kind).toBe('sqlite')
      expect(opened.source.name).toBe(`SQLite at ${file}`)
      expect(opened.source.capabilities.append).toEqual({
        available: false,
        reason: 'Opened read-only: eventscope writes to a SQLite file only when asked to.',
      })
      expect(opened.source.capabilities.follow).toEqual({ available: true, reason: null })
      expect(opened.source.capabilities.verify.reason).toMatch(/^A SQLite store has no files to verify/)
      const summary = await session.whenReconciled()
      expect(summary.aggregates).toBe(fixture.streams.size)
    } finally {
      session.close()
    }
  })

  it('given an open SQLite store, when the table, a timeline, an event and a state are asked, then they answer in the JSONL shapes', async () => {
    const { session, call, failure } = harness()
    try {
      await call('store.open', { address: `sqlite:${file}` })
      await session.whenReconciled()
      const window = await call('aggregates.window', {
        offset: 0,
        limit: 10,
        sort: { column: 'eventCount', direction: 'desc' },
        filter: '',
      })
      expect(window.rows[0]).toMatchObject({ id: fixture.longStream, eventCount: fixture.longLength })
      const timeline = await call('stream.window', {
        aggregateId: 'shoppingCart-1',
        offset: 1,
        limit: 2,
        fields: ['note'],
      })
      expect(
        timeline.rows.map((row) => (row.kind === 'event' ? [row.version, row.type, row.cells] : row)),
      ).toEqual([
        [2, 'ProductItemAdded', ['gift']],
        [3, 'DiscountApplied', ['null']],
      ])
      const event = await call('event.get', { aggregateId: 'shoppingCart-1', version: 3 })
      expect(event.payload).toEqual({ note: null, price: { amount: 90 } })
      const state = await call('state.at', { aggregateId: 'shoppingCart-1', version: 3 })
      expect(state.state).toEqual({ productId: 'socks', quantity: 5, price: { amount: 90, currency: 'EUR' } })
      const refused = await failure('events.append', {
        aggregateId: 'account-7',
        eventType: 'MoneyWithdrawn',
        payload: { balance: 1 },
        expectedVersion: 2,
      })
      expect(refused.message).toMatch(/read-only/)
    } finally {
      session.close()
    }
  })

  it('given an open SQLite store, when a tool only a directory has is asked, then each handler refuses in one line with its capability reason', async () => {
    const { call, failure, session } = harness()
    try {
      const { source } = await call('store.open', { address: `sqlite:${file}` })
      for (const [channel, input, capability] of [
        ['store.verify', { taskId: 't-verify' }, 'verify'],
        ['store.repair', { dryRun: true }, 'repair'],
        ['store.reindex', { dryRun: true }, 'reindex'],
        ['store.trust', { trusted: true }, 'reducers'],
        ['state.at', { aggregateId: 'shoppingCart-1', version: 1, reducer: 'custom' }, 'reducers'],
        ['check.run', { taskId: 't-check' }, 'reducers'],
      ] as const) {
        const error = await failure(channel, input)
        expect([channel, error]).toEqual([
          channel,
          { code: 'unsupported', message: source.capabilities[capability].reason },
        ])
      }
      // A database keeps no damaged lines: the timeline's line view has nothing to show.
      expect(await failure('stream.line', { aggregateId: 'shoppingCart-1', line: 1 })).toEqual({
        code: 'not_found',
        message: 'A database keeps no damaged lines: line 1 has no finding.',
      })
    } finally {
      session.close()
    }
  })

  it("given an open SQLite store, when Emmett's library appends from another process, then follow takes it in and pushes onStoreChanged", async () => {
    const { session, call, pushed } = harness()
    try {
      await call('store.open', { address: `sqlite:${file}` })
      const before = (await session.whenReconciled()).events
      await appendWithEmmett(file, 'account-7', [{ type: 'MoneyDeposited', data: { balance: 120 } }], 2)
      await until(
        () =>
          pushed.some(
            ({ event, payload }) =>
              event === 'onStoreChanged' &&
              (payload as { aggregateIds: string[] }).aggregateIds.includes('account-7'),
          ) && session.summary().events === before + 1,
        'the appended event to be followed',
      )
      expect((await call('stream.open', { aggregateId: 'account-7' })).eventCount).toBe(3)
    } finally {
      session.close()
    }
  })
})
