import { beforeEach, describe, expect, it } from 'vitest'
import type { ChannelOutput } from '../../../../shared/contract'
import { deferred, fakeApi, opened, settle, storeWith, opensAnyPath, type FakeApi } from './fake-host'

let api: FakeApi
let runs: { searchId: string; answer: ReturnType<typeof deferred<ChannelOutput<'search.run'>>> }[]

const found = (searchId: string): ChannelOutput<'search.run'> => ({
  taskId: searchId,
  matches: [{ aggregateId: 'a1', version: 2, type: 'Placed', occurredAt: null, payload: {} }],
  truncated: false,
  scannedBytes: 10,
  totalBytes: 10,
  leftOut: { lines: 0, streams: 0, first: null },
})

beforeEach(() => {
  runs = []
  api = fakeApi({
    'store.open': opensAnyPath(2),
    'search.run': ({ taskId }) => {
      const answer = deferred<ChannelOutput<'search.run'>>()
      runs.push({ searchId: taskId, answer })
      return answer.promise
    },
    'task.cancel': { cancelled: true },
  })
})

describe('the search slice', () => {
  it('given a draft, when the search starts, then its fields go to search.run and the matches are shown', async () => {
    const store = storeWith(api)
    store.getState().searchDraftEdited({ eventType: 'Placed', where: 'payload.total > 1' })

    store.getState().searchStarted()
    expect(store.getState().search.running).toBe(runs[0]!.searchId)
    expect(api['search.run']).toHaveBeenCalledWith(
      expect.objectContaining({ eventTypes: ['Placed'], where: 'payload.total > 1' }),
    )
    runs[0]!.answer.resolve(found(runs[0]!.searchId))
    await settle()

    expect(store.getState().search).toMatchObject({ running: null, error: null })
    expect(store.getState().search.result?.matches).toHaveLength(1)
  })

  it('given a search running, when another starts, then the first is cancelled by its id and its answer is dropped', async () => {
    const store = storeWith(api)
    store.getState().searchStarted()
    store.getState().searchStarted()

    expect(api['task.cancel']).toHaveBeenCalledExactlyOnceWith({ taskId: runs[0]!.searchId })
    runs[0]!.answer.resolve(found(runs[0]!.searchId))
    await settle()
    expect(store.getState().search.result).toBeNull()
    expect(store.getState().search.running).toBe(runs[1]!.searchId)
  })

  it('given matches shown, when the next search fails on its expression, then the error is shown and the old matches are gone', async () => {
    const store = storeWith(api)
    store.getState().searchStarted()
    runs[0]!.answer.resolve(found(runs[0]!.searchId))
    await settle()
    expect(store.getState().search.result).not.toBeNull()

    store.getState().searchDraftEdited({ where: 'payload.total >' })
    store.getState().searchStarted()
    runs[1]!.answer.reject(new Error('Where, column 16: expected a value'))
    await settle()

    expect(store.getState().search).toMatchObject({ running: null, result: null })
    expect(store.getState().search.error).toMatch(/column 16/)
  })

  it('given matches shown, when a new search is cancelled, then the previous matches stay', async () => {
    const store = storeWith(api)
    store.getState().searchStarted()
    runs[0]!.answer.resolve(found(runs[0]!.searchId))
    await settle()

    store.getState().searchStarted()
    store.getState().searchCancelled()
    expect(api['task.cancel']).toHaveBeenCalledWith({ taskId: runs[1]!.searchId })
    runs[1]!.answer.reject(Object.assign(new Error('Cancelled.'), { code: 'cancelled' }))
    await settle()

    expect(store.getState().search).toMatchObject({ running: null, result: found(runs[0]!.searchId) })
  })

  it('given an expression the host refuses, when searched, then its message is the error', async () => {
    const store = storeWith(api)
    store.getState().searchStarted()

    runs[0]!.answer.reject(new Error('where: unexpected ")" at column 4'))
    await settle()

    expect(store.getState().search).toMatchObject({
      running: null,
      error: 'where: unexpected ")" at column 4',
    })
  })

  it('given a search running and a draft, when another store is opened, then the search is cancelled and the draft stays', async () => {
    const store = storeWith(api)
    await opened(store)
    store.getState().searchDraftEdited({ text: 'refund' })
    store.getState().searchStarted()

    await opened(store, '/data/other')

    expect(api['task.cancel']).toHaveBeenCalledWith({ taskId: runs[0]!.searchId })
    expect(store.getState().search).toMatchObject({ running: null, result: null, error: null })
    expect(store.getState().search.draft.text).toBe('refund')
  })
})
