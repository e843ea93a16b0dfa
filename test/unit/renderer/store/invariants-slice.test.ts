import { beforeEach, describe, expect, it } from 'vitest'
import type { ChannelInput, ChannelOutput } from '../../../../shared/contract'
import { eventAt, stateAt, streamInfoOf } from './fixtures'
import { deferred, fakeApi, opened, opensAnyPath, settle, storeWith, type FakeApi } from './fake-host'

let api: FakeApi

const violation = (aggregateId: string, version: number, invariant = 0) => ({
  invariant,
  aggregateId,
  aggregateType: 'Account',
  version,
  event: { id: `e${version}`, type: 'MoneyWithdrawn', occurredAt: null, payload: {} },
  before: { balance: 10 },
  after: { balance: -5 },
})

function checked({ taskId, invariants }: ChannelInput<'check.run'>): ChannelOutput<'check.run'> {
  const given = invariants?.map((i) => ({
    name: i.expression,
    expression: i.expression,
    types: i.types ?? [],
  }))
  return {
    taskId,
    invariants: given ?? [
      { name: 'no overdraft', expression: 'state.balance >= 0', types: ['Account'] },
      { name: 'has owner', expression: 'exists(state.owner)', types: ['User'] },
    ],
    source: given ? 'request' : 'store',
    aggregates: 3,
    events: 42,
    violations: given
      ? [violation('acc-bob', 4)]
      : [violation('acc-bob', 4), { ...violation('u-1', 2, 1), aggregateType: 'User' }],
    truncated: false,
    failures: [],
    untrustedReducers: given ? [] : ['.eventscope/reducers/Account.js'],
    leftOut: { lines: 1, streams: 1, first: { aggregateId: 'acc-bob', line: 3, message: 'Not valid JSON' } },
  }
}

beforeEach(() => {
  api = fakeApi({
    'store.open': opensAnyPath(2),
    'stream.open': ({ aggregateId }) => streamInfoOf(aggregateId, 6),
    'state.at': ({ aggregateId, version }) => stateAt(aggregateId, version),
    'event.get': ({ aggregateId, version }) => eventAt(aggregateId, version),
    'stream.hits': ({ aggregateId, breakpoints = [] }) => ({
      aggregateId,
      eventCount: 6,
      breakpoints: breakpoints.map((expression) => ({
        expression,
        versions: [4, 5],
        truncated: false,
        error: null,
      })),
      at: 6,
      watches: [],
      failure: null,
      reducer: {
        aggregateId,
        aggregateType: 'Account',
        dir: '/data/store',
        trusted: false,
        reducer: { kind: 'merge-patch', label: 'merge patch', file: null, source: 'default' },
        untrustedFile: null,
        loadError: null,
      },
    }),
    'check.run': checked,
    'task.cancel': { cancelled: true },
  })
})

describe('the invariants slice', () => {
  it('given an invariant and a type, when checked, then the host checks that one for that type and each violator names it', async () => {
    const store = storeWith(api)
    await opened(store)
    store.getState().invariantsDraftEdited({ expression: ' state.balance >= 0 ', aggregateType: 'Account' })

    store.getState().invariantsCheckStarted()
    await settle()

    expect(api['check.run']).toHaveBeenCalledWith({
      taskId: 'check-1',
      invariants: [{ expression: 'state.balance >= 0', types: ['Account'] }],
    })
    expect(store.getState().invariants).toMatchObject({
      running: null,
      error: null,
      result: {
        aggregates: 3,
        events: 42,
        leftOut: { lines: 1, streams: 1, first: { aggregateId: 'acc-bob', line: 3 } },
        violations: [
          {
            aggregateId: 'acc-bob',
            invariant: 'state.balance >= 0',
            version: 4,
            eventType: 'MoneyWithdrawn',
          },
        ],
      },
    })
  })

  it('given no invariant typed, when checked, then the store’s own invariants are checked and each violator names its own', async () => {
    const store = storeWith(api)
    await opened(store)

    store.getState().invariantsCheckStarted()
    await settle()

    expect(api['check.run']).toHaveBeenCalledWith({ taskId: 'check-1' })
    expect(store.getState().invariants.result?.violations.map((v) => v.invariant)).toEqual([
      'state.balance >= 0',
      'exists(state.owner)',
    ])
  })

  it('given a malformed invariant, when the host refuses it, then the error shows and no old answer stays beside it', async () => {
    const store = storeWith(api)
    await opened(store)
    store.getState().invariantsCheckStarted()
    await settle()
    api['check.run'].mockRejectedValueOnce(
      Object.assign(new Error('column 7: expected a value'), { code: 'invalid_input' }),
    )

    store.getState().invariantsDraftEdited({ expression: 'state.( ' })
    store.getState().invariantsCheckStarted()
    await settle()

    expect(store.getState().invariants).toMatchObject({ error: 'column 7: expected a value', result: null })
  })

  it('given a check running, when cancelled, then the host is told its task id and the previous answer stays', async () => {
    const store = storeWith(api)
    await opened(store)
    store.getState().invariantsCheckStarted()
    await settle()
    const slow = deferred<ChannelOutput<'check.run'>>()
    api['check.run'].mockImplementationOnce(() => slow.promise)

    store.getState().invariantsCheckStarted()
    store.getState().invariantsCheckCancelled()
    slow.reject(Object.assign(new Error('Cancelled'), { code: 'cancelled' }))
    await settle()

    expect(api['task.cancel']).toHaveBeenCalledWith({ taskId: 'check-2' })
    expect(store.getState().invariants.running).toBeNull()
    expect(store.getState().invariants.result?.violations).toHaveLength(2)
  })

  it('given a violator, when opened, then its aggregate shows at the first violating version with a breakpoint where the invariant fails', async () => {
    const store = storeWith(api)
    await opened(store)
    store.getState().invariantsDraftEdited({ expression: 'state.balance >= 0' })
    store.getState().invariantsCheckStarted()
    await settle()

    store.getState().violationOpened(store.getState().invariants.result!.violations[0]!)
    await settle()

    expect(store.getState().stream.aggregateId).toBe('acc-bob')
    expect(store.slider.getState().version).toBe(4)
    expect(store.getState().debug.breakpoints.map((b) => b.text)).toEqual(['not (state.balance >= 0)'])
    expect(store.getState().debug.hits).toMatchObject({ aggregateId: 'acc-bob', all: [4, 5] })
  })
})
