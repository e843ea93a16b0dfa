import { beforeEach, describe, expect, it } from 'vitest'
import type { ChannelOutput } from '../../../../shared/contract'
import { deferred, fakeApi, opened, settle, storeWith, opensAnyPath, type FakeApi } from './fake-host'

let api: FakeApi
let runs: { runId: string; answer: ReturnType<typeof deferred<ChannelOutput<'projection.run'>>> }[]
const list: ChannelOutput<'projection.list'> = {
  builtin: [{ name: 'events-per-type', label: 'Events per type' }],
  custom: [],
  trusted: false,
}
const builtin = { kind: 'builtin' as const, name: 'events-per-type' }
const done = (): ChannelOutput<'projection.run'> => ({
  result: [{ type: 'Placed', count: 3 }],
  events: 3,
  failure: null,
  leftOut: { lines: 0, streams: 0, first: null },
})

beforeEach(() => {
  runs = []
  api = fakeApi({
    'store.open': opensAnyPath(2),
    'projection.list': list,
    'projection.run': ({ taskId }) => {
      const answer = deferred<ChannelOutput<'projection.run'>>()
      runs.push({ runId: taskId, answer })
      return answer.promise
    },
    'task.cancel': { cancelled: true },
  })
})

describe('the projection slice', () => {
  it('given a store, when projections are needed, then the list is shown; without a store nothing is asked', async () => {
    const store = storeWith(api)
    store.getState().projectionsNeeded()
    expect(api['projection.list']).not.toHaveBeenCalled()

    await opened(store)
    store.getState().projectionsNeeded()
    await settle()

    expect(store.getState().projections).toMatchObject({ list, listError: null })
  })

  it('given a built-in, when run, then its result is shown with its name', async () => {
    const store = storeWith(api)
    store.getState().projectionRunRequested(builtin)
    expect(store.getState().projections.running).toEqual({ ...builtin, runId: runs[0]!.runId })

    runs[0]!.answer.resolve(done())
    await settle()

    expect(store.getState().projections).toMatchObject({ running: null, result: { ...builtin, ...done() } })
  })

  it('given a run in flight, when another is asked, then the first is cancelled and its answer dropped', async () => {
    const store = storeWith(api)
    store.getState().projectionRunRequested(builtin)
    store.getState().projectionRunRequested({ kind: 'builtin', name: 'events-over-time' })

    expect(api['task.cancel']).toHaveBeenCalledExactlyOnceWith({ taskId: runs[0]!.runId })
    runs[0]!.answer.resolve(done())
    await settle()
    expect(store.getState().projections.result).toBeNull()
  })

  it('given a run, when cancelled, then it stops and no result replaces the last one', async () => {
    const store = storeWith(api)
    store.getState().projectionRunRequested(builtin)

    store.getState().projectionCancelled()
    runs[0]!.answer.reject(Object.assign(new Error('Cancelled.'), { code: 'cancelled' }))
    await settle()

    expect(api['task.cancel']).toHaveBeenCalledWith({ taskId: runs[0]!.runId })
    expect(store.getState().projections).toMatchObject({ running: null, result: null })
  })

  it('given a projection that fails, when run, then its message is the error', async () => {
    const store = storeWith(api)
    store.getState().projectionRunRequested(builtin)

    runs[0]!.answer.reject(new Error('projection threw at a1 v2'))
    await settle()

    expect(store.getState().projections).toMatchObject({ running: null, error: 'projection threw at a1 v2' })
  })

  it('given a list, a result and a run, when another store is opened, then the run is cancelled and all of it forgotten', async () => {
    const store = storeWith(api)
    await opened(store)
    store.getState().projectionsNeeded()
    store.getState().projectionRunRequested(builtin)
    runs[0]!.answer.resolve(done())
    await settle()
    store.getState().projectionRunRequested(builtin)

    await opened(store, '/data/other')

    expect(api['task.cancel']).toHaveBeenCalledWith({ taskId: runs[1]!.runId })
    expect(store.getState().projections).toEqual({
      list: null,
      listError: null,
      running: null,
      result: null,
      error: null,
    })
  })
})
