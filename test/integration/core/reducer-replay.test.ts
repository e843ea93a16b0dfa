import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { stateWith } from '../../../electron/core/replay/reduced-state'
import { ReducerCheckpointCache } from '../../../electron/core/replay/reducer-checkpoints'
import { SandboxedReducer } from '../../../electron/core/reducers/sandboxed-reducer'
import { scanStream } from '../../../electron/core/stream/stream-index'
import { accountEvents, bankReducer, writeStore } from './insight-fixtures'

const loaded: SandboxedReducer[] = []

async function bank(source = bankReducer): Promise<SandboxedReducer> {
  const reducer = await SandboxedReducer.load({ id: `bank#${loaded.length}`, fileName: 'Account.js', source })
  loaded.push(reducer)
  return reducer
}

async function accountIndex(amounts: number[]) {
  const dir = await writeStore({ acc: accountEvents(amounts) })
  return scanStream(join(dir, 'acc.events.jsonl'), 'acc', { replay: true })
}

describe('custom reducer replay', () => {
  afterEach(() => {
    for (const reducer of loaded.splice(0)) reducer.dispose()
  })

  it('given deposits and withdrawals, when replayed, then the balance is right at every version', async () => {
    const index = await accountIndex([50, 20, -30, 5])
    const reducer = await bank()
    const cache = new ReducerCheckpointCache()

    const balances = []
    for (let version = 0; version <= 5; version++) {
      const { state } = await stateWith(index, version, reducer, cache)
      balances.push((state as { balance: number }).balance)
    }

    expect(balances).toEqual([0, 0, 50, 70, 40, 45])
  })

  it('given a deposit, when its state is asked for, then the changes are the diff of the states around it', async () => {
    const index = await accountIndex([50, 20])
    const result = await stateWith(index, 3, await bank(), new ReducerCheckpointCache())

    expect(result.changes).toEqual([
      { path: ['balance'], kind: 'changed', before: 50, after: 70 },
      { path: ['deposits'], kind: 'changed', before: 1, after: 2 },
    ])
    expect(result.failure).toBeNull()
  })

  it('given a long stream, when states come from checkpoints, then they agree with a full replay', async () => {
    const amounts = Array.from({ length: 3000 }, (_, i) => (i % 7 === 3 ? -1 : (i % 13) + 1))
    const index = await accountIndex(amounts)
    const reducer = await bank()
    const cache = new ReducerCheckpointCache()
    const built = await cache.ensure(index, reducer)
    expect(built.checkpoints.size).toBeGreaterThan(3)

    let balance = 0
    const expected = [0, 0, ...amounts.map((amount) => (balance += amount))]
    for (const version of [0, 1, 511, 512, 513, 1024, 1999, 2500, 3001]) {
      const { state } = await stateWith(index, version, reducer, cache)
      expect((state as { balance: number }).balance).toBe(expected[version])
    }
  })

  it('given a withdrawal the reducer refuses, when replayed past it, then the state is the one before, with the error and its line', async () => {
    const index = await accountIndex([50, -80, 10])
    const result = await stateWith(index, 4, await bank(), new ReducerCheckpointCache())

    expect(result.version).toBe(2)
    expect(result.state).toEqual({ balance: 50, deposits: 1 })
    expect(result.failure).toEqual({
      version: 3,
      eventType: 'MoneyWithdrawn',
      kind: 'threw',
      message: 'overdrawn by 30',
      location: expect.stringMatching(/^Account\.js:11:\d+$/) as unknown as string,
    })
  })

  it('given a reducer that loops forever on one event type, when replayed, then it stops at that event', async () => {
    const source = bankReducer.replace("case 'MoneyWithdrawn':", "case 'MoneyWithdrawn': while (true) {}")
    const index = await accountIndex([5, 5, 5, -1, 5])
    const result = await stateWith(index, 6, await bank(source), new ReducerCheckpointCache())

    expect(result.failure?.kind).toBe('timeout')
    expect(result.failure?.version).toBe(5)
    expect(result.state).toEqual({ balance: 15, deposits: 3 })
  })

  it('given a reducer returning NaN, when replayed, then it stops at the event that made it', async () => {
    const source = bankReducer.replace(
      'state.balance + event.payload.amount',
      'state.balance + event.payload.nothing',
    )
    const index = await accountIndex([5])
    const result = await stateWith(index, 2, await bank(source), new ReducerCheckpointCache())

    expect(result.failure).toMatchObject({ version: 2, kind: 'not_json' })
    expect(result.failure?.message).toMatch(/balance is NaN/)
  })

  it('given a module without evolve, when loaded, then it is refused with the reason', async () => {
    await expect(bank('export function initialState() { return {} }')).rejects.toThrow(
      /evolve\(state, event\)/,
    )
  })
})
