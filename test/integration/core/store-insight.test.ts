import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { generateStore, type GeneratedStore } from '../../../electron/core/gen/generate-store'
import { runProjection } from '../../../electron/core/projections/run-projection'
import { readCodeFile } from '../../../electron/core/reducers/code-files'
import { ReducerService } from '../../../electron/core/reducers/reducer-service'
import { listCorrelated } from '../../../electron/core/search/correlation'
import { searchStore } from '../../../electron/core/search/run-search'
import { ExplorerSession } from '../../../electron/core/session/explorer-session'
import { TrustedDirectories } from '../../../electron/core/settings/trusted-directories'
import { storeAsOf } from '../../../electron/core/timeline-stats/as-of'
import { scanStream } from '../../../electron/core/stream/stream-index'
import { readEvents } from '../../../electron/core/stream/event-reader'
import { accountEvents, bankReducer, roomyReducers, writeCode, writeStore } from './insight-fixtures'

const sessions: ExplorerSession[] = []

async function openSession(dir: string): Promise<ExplorerSession> {
  const session = new ExplorerSession()
  sessions.push(session)
  await session.open(dir)
  await session.whenReconciled()
  return session
}

afterEach(() => {
  for (const session of sessions.splice(0)) session.close()
})

describe('reducers found in a store', () => {
  it('given an untrusted store with a reducer, when states are asked for, then the merge patch is used and custom is refused', async () => {
    const dir = await writeStore({ acc: accountEvents([50, 20]) })
    await writeCode(dir, 'reducers', 'Account', bankReducer)
    const session = await openSession(dir)
    const reducers = new ReducerService(session, new TrustedDirectories(null), roomyReducers)

    const status = await reducers.status('acc')
    const auto = await reducers.stateAt('acc', 3)

    expect(status).toMatchObject({
      aggregateType: 'Account',
      trusted: false,
      reducer: { kind: 'merge-patch' },
    })
    expect(status.untrustedFile).toBe(join(dir, '.eventscope', 'reducers', 'Account.js'))
    expect(auto.state).toEqual({ owner: 'Ann', amount: 20 })
    await expect(reducers.stateAt('acc', 3, 'custom')).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/trust this directory first/) as unknown as string,
    })
  })

  it('given the user trusts the store, when states are asked for, then its reducer runs and the choice is remembered', async () => {
    const dir = await writeStore({ acc: accountEvents([50, 20, -30]) })
    await writeCode(dir, 'reducers', 'Account', bankReducer)
    const trustFile = join(await mkdtemp(join(tmpdir(), 'eventscope-trust-')), 'trusted.json')
    const session = await openSession(dir)
    const reducers = new ReducerService(session, new TrustedDirectories(trustFile), roomyReducers)

    reducers.setTrusted(true)
    const state = await reducers.stateAt('acc', 4)
    const diff = await reducers.diff('acc', 1, 4)

    expect(state.state).toEqual({ balance: 40, deposits: 2 })
    expect(state.reducer.reducer).toMatchObject({ kind: 'custom', label: 'Account.js', source: 'store' })
    expect(diff.changes).toEqual([
      { path: ['balance'], kind: 'changed', before: 0, after: 40 },
      { path: ['deposits'], kind: 'changed', before: 0, after: 2 },
    ])
    expect(new TrustedDirectories(trustFile).isTrusted(dir)).toBe(true)
    reducers.dispose()
  })

  it('given the reducer file changes, when asked again, then the new code is used', async () => {
    const dir = await writeStore({ acc: accountEvents([50]) })
    const file = await writeCode(dir, 'reducers', 'Account', bankReducer)
    const session = await openSession(dir)
    const reducers = new ReducerService(session, new TrustedDirectories(null), roomyReducers)
    reducers.setTrusted(true)
    expect((await reducers.stateAt('acc', 2)).state).toEqual({ balance: 50, deposits: 1 })

    await writeCode(dir, 'reducers', 'Account', bankReducer.replace('deposits: 0', 'deposits: 100'))

    expect((await reducers.stateAt('acc', 2)).state).toEqual({ balance: 50, deposits: 101 })
    expect((await readCodeFile(file))?.source).toContain('deposits: 100')
    reducers.dispose()
  })

  it('given an explicitly chosen reducer file, when the store is not trusted, then it still runs', async () => {
    const dir = await writeStore({ acc: accountEvents([7]) })
    const elsewhere = await writeStore({})
    const file = await writeCode(elsewhere, 'reducers', 'Mine', bankReducer)
    const session = await openSession(dir)
    const reducers = new ReducerService(session, new TrustedDirectories(null), roomyReducers)

    reducers.useReducerFile(file)

    expect((await reducers.stateAt('acc', 2, 'custom')).state).toEqual({ balance: 7, deposits: 1 })
    reducers.dispose()
  })
})

describe('store-wide questions on a generated store', () => {
  let store: GeneratedStore

  beforeAll(async () => {
    store = await generateStore({
      dir: await mkdtemp(join(tmpdir(), 'eventscope-gen-')),
      aggregates: 40,
      events: 3000,
      seed: 7,
    })
  })

  async function everyEvent() {
    const all = []
    for (const aggregate of store.aggregates) {
      const index = await scanStream(join(store.dir, `${aggregate.id}.events.jsonl`), aggregate.id, {
        replay: false,
      })
      for (const event of await readEvents(index, 1, index.eventCount))
        all.push({ aggregateId: aggregate.id, ...event })
    }
    // Search answers in aggregate-id order, then version order.
    return all.sort((a, b) =>
      a.aggregateId < b.aggregateId ? -1 : a.aggregateId > b.aggregateId ? 1 : a.version - b.version,
    )
  }

  it('given the store, when events per type are projected, then the counts match every stream read in full', async () => {
    const outcome = await runProjection(store.dir, { kind: 'builtin', name: 'events-per-type' })
    const expected = new Map<string, number>()
    for (const event of await everyEvent()) {
      const type = event.envelope.type ?? '(none)'
      expected.set(type, (expected.get(type) ?? 0) + 1)
    }

    expect(outcome.events).toBe(3000)
    expect(
      new Map(
        (outcome.result as { eventType: string; events: number }[]).map((row) => [row.eventType, row.events]),
      ),
    ).toEqual(expected)
  })

  it('given a custom projection, when run, then it sees the events of its types in global time order', async () => {
    const file = await writeCode(
      store.dir,
      'projections',
      'order-times',
      `export const initialState = () => ({ times: [], count: 0 })
       export const handlers = {
         OrderPlacedEvent: (state, event) => ({ times: [...state.times, event.occurredAt], count: state.count + 1 }),
       }`,
    )
    const code = await readCodeFile(file)
    const outcome = await runProjection(store.dir, { kind: 'custom', code: code! })
    const result = outcome.result as { times: string[]; count: number }
    const placed = (await everyEvent()).filter((event) => event.envelope.type === 'OrderPlacedEvent')

    expect(outcome.failure).toBeNull()
    expect(result.count).toBe(placed.length)
    expect(result.times.map((time) => Date.parse(time))).toEqual(
      placed.map((event) => event.envelope.occurredAtMs).sort((a, b) => a - b),
    )
  })

  it('given a projection that throws, when run, then the failure names the event and the line', async () => {
    const file = await writeCode(
      store.dir,
      'projections',
      'broken',
      `export function initialState() { return 0 }
export const handlers = {
  UserRegisteredEvent(state, event) { throw new Error('cannot project ' + event.aggregateId) },
}`,
    )
    const outcome = await runProjection(store.dir, { kind: 'custom', code: (await readCodeFile(file))! })

    expect(outcome.failure).toMatchObject({ kind: 'threw', eventType: 'UserRegisteredEvent', version: 1 })
    expect(outcome.failure?.location).toMatch(/^broken\.js:3:\d+$/)
  })

  it('given a search by type and predicate, when run, then it finds exactly what a full read finds', async () => {
    const session = await openSession(store.dir)
    const counts = new Map(session.aggregates().map((row) => [row.id, row.eventCount]))
    const result = await searchStore(
      store.dir,
      { eventTypes: ['MoneyDepositedEvent'], where: 'payload.amount > 100' },
      { knownCount: (id) => counts.get(id) ?? null },
    )
    const expected = (await everyEvent())
      .filter(
        (event) =>
          event.envelope.type === 'MoneyDepositedEvent' && (event.envelope.payload.amount as number) > 100,
      )
      .map((event) => `${event.aggregateId}@${event.version}`)

    expect(expected.length).toBeGreaterThan(0)
    expect(result.matches.map((match) => `${match.aggregateId}@${match.version}`)).toEqual(expected)
  })

  it('given a text search, when run without known counts, then versions are still exact', async () => {
    const result = await searchStore(store.dir, { text: 'EXAMPLE.ORG' })
    const expected = (await everyEvent())
      .filter((event) => event.raw.toLowerCase().includes('example.org'))
      .map((event) => `${event.aggregateId}@${event.version}`)

    expect(result.matches.map((match) => `${match.aggregateId}@${match.version}`)).toEqual(expected)
  })

  it('given a limit, when more events match, then the result is cut there and says so', async () => {
    const result = await searchStore(store.dir, { where: 'exists(payload.balance)' }, { limit: 5 })

    expect(result.matches).toHaveLength(5)
    expect(result.truncated).toBe(true)
  })

  it('given an aborted signal, when a search runs, then it stops', async () => {
    const controller = new AbortController()
    controller.abort()

    await expect(searchStore(store.dir, { text: 'x' }, { signal: controller.signal })).rejects.toThrow()
  })

  it('given a time T, when the store is rewound, then each version counts the events up to T', async () => {
    const at = Date.parse(store.aggregates[10]!.firstEventAt)
    const rows = await storeAsOf(store.dir, at)
    const expected = new Map<string, number>()
    for (const event of await everyEvent())
      if (event.envelope.occurredAtMs <= at)
        expected.set(event.aggregateId, (expected.get(event.aggregateId) ?? 0) + 1)

    expect(new Map(rows.map((row) => [row.aggregateId, row.version]))).toEqual(expected)
  })
})

describe('correlation', () => {
  it('given events sharing a correlation id across aggregates, when listed, then they come in time order', async () => {
    const dir = await writeStore({
      order: [
        { event_type: 'OrderPlaced', occurred_at: '2026-03-01T10:00:00Z', correlation_id: 'c-1' },
        {
          event_type: 'OrderPaid',
          occurred_at: '2026-03-01T10:05:00Z',
          metadata: { correlationId: 'c-1', causationId: 'e-9' },
        },
        { event_type: 'OrderNoted', occurred_at: '2026-03-01T10:06:00Z', correlation_id: 'c-2' },
      ],
      payment: [
        { event_type: 'PaymentTaken', occurred_at: '2026-03-01T10:01:00Z', meta: { correlation_id: 'c-1' } },
        { event_type: 'PaymentNoTime', correlation_id: 'c-1' },
      ],
      stock: [{ event_type: 'StockReserved', occurred_at: '2026-03-01T10:01:00Z', correlation_id: 'c-1' }],
    })

    const events = await listCorrelated(dir, 'c-1')

    expect(events.map((event) => `${event.aggregateId}@${event.version}:${event.type}`)).toEqual([
      'order@1:OrderPlaced',
      'payment@1:PaymentTaken',
      'stock@1:StockReserved',
      'order@2:OrderPaid',
      'payment@2:PaymentNoTime',
    ])
    expect(events[3]?.causationId).toBe('e-9')
  })
})
