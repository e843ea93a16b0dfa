import { describe, expect, it } from 'vitest'
import { deferred, fakeApi, settle, storeWith } from './fake-host'

const match = (version: number, type = 'Paid') => ({
  aggregateId: 'a1',
  version,
  type,
  occurredAt: null,
  payload: { n: version },
})

const answer = (matches: ReturnType<typeof match>[], truncated = false) => ({
  taskId: 't',
  status: 'done' as const,
  matches,
  truncated,
  scannedBytes: 0,
  totalBytes: 0,
  leftOut: { lines: 0, streams: 0, first: null },
})

describe('the timeline filter slice', () => {
  it('given a selected stream, when a type is typed, then the search asks for that aggregate and type only and lists matches by version', async () => {
    const api = fakeApi({ 'search.run': () => answer([match(9), match(2), match(5)]) })
    const store = storeWith(api)
    store.setState((s) => ({ stream: { ...s.stream, aggregateId: 'a1' } }))
    store.getState().timelineFilterEdited({ type: 'Paid' })
    await settle()
    expect(api['search.run']).toHaveBeenCalledWith(
      expect.objectContaining({ aggregateIds: ['a1'], eventTypes: ['Paid'] }),
    )
    expect(api['search.run'].mock.calls[0]?.[0]).not.toHaveProperty('text')
    expect(store.getState().timelineFilter.result?.matches.map((m) => m.version)).toEqual([2, 5, 9])
  })

  it('given a slow answer and a newer filter, when the old one answers last, then it is cancelled and ignored', async () => {
    const slow = deferred<ReturnType<typeof answer>>()
    let calls = 0
    const api = fakeApi({
      'search.run': () => (++calls === 1 ? slow.promise : answer([match(3)])),
      'task.cancel': { cancelled: true },
    })
    const store = storeWith(api)
    store.setState((s) => ({ stream: { ...s.stream, aggregateId: 'a1' } }))
    store.getState().timelineFilterEdited({ text: 'x' })
    store.getState().timelineFilterEdited({ text: 'xy' })
    await settle()
    slow.resolve(answer([match(1), match(2)]))
    await settle()
    expect(api['task.cancel']).toHaveBeenCalledTimes(1)
    expect(store.getState().timelineFilter.result?.matches.map((m) => m.version)).toEqual([3])
  })

  it('given a filter, when it is cleared, then no search runs and the result goes away', async () => {
    const api = fakeApi({ 'search.run': () => answer([match(1)]) })
    const store = storeWith(api)
    store.setState((s) => ({ stream: { ...s.stream, aggregateId: 'a1' } }))
    store.getState().timelineFilterEdited({ text: 'x' })
    await settle()
    store.getState().timelineFilterEdited({ text: '' })
    await settle()
    expect(api['search.run']).toHaveBeenCalledTimes(1)
    expect(store.getState().timelineFilter.result).toBeNull()
  })
})
