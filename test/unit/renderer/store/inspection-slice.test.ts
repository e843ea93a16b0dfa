import { beforeEach, describe, expect, it } from 'vitest'
import type { ChannelOutput } from '../../../../shared/contract'
import { eventAt, stateAt, streamInfoOf } from './fixtures'
import { deferred, fakeApi, opened, settle, storeWith, opensAnyPath, type FakeApi } from './fake-host'

let api: FakeApi

beforeEach(() => {
  api = fakeApi({
    'store.open': opensAnyPath(2),
    'stream.open': ({ aggregateId }) => streamInfoOf(aggregateId, 10),
    'state.at': ({ aggregateId, version }) => stateAt(aggregateId, version),
    'event.get': ({ aggregateId, version }) => eventAt(aggregateId, version),
  })
})

async function openedOn(aggregateId: string) {
  const store = storeWith(api)
  await opened(store)
  store.getState().aggregateSelected(aggregateId)
  await settle()
  return store
}

describe('the inspection slice', () => {
  it('given an open stream, when a version is chosen, then the state and the event at it are shown', async () => {
    const store = await openedOn('a1')

    store.getState().versionChosen(4)
    await settle()

    expect(store.getState().inspection).toMatchObject({
      aggregateId: 'a1',
      version: 4,
      state: { v: 4 },
      stateError: null,
      event: { id: 'e4' },
    })
  })

  it('given version 0, when chosen, then the empty state shows and no event is asked for', async () => {
    const store = await openedOn('a1')
    api['event.get'].mockClear()

    store.getState().versionChosen(0)
    await settle()

    expect(store.getState().inspection).toMatchObject({ version: 0, event: null })
    expect(api['event.get']).not.toHaveBeenCalled()
  })

  it('given a stream of 10 events, when a version past either end is chosen, then it is clamped', async () => {
    const store = await openedOn('a1')

    store.getState().versionChosen(99)
    expect(store.slider.getState().version).toBe(10)
    store.getState().versionChosen(-3)
    expect(store.slider.getState().version).toBe(0)
  })

  it('given a drag over many versions while one answer is on its way, when it settles, then only the newest is asked next', async () => {
    const store = await openedOn('a1')
    const slow = deferred<ChannelOutput<'state.at'>>()
    api['state.at'].mockImplementationOnce(() => slow.promise)
    api['state.at'].mockClear()

    for (const version of [1, 2, 3, 4, 5]) store.getState().versionChosen(version)
    slow.resolve(stateAt('a1', 1))
    await settle()

    expect(api['state.at'].mock.calls.map(([input]) => input.version)).toEqual([1, 5])
    expect(store.getState().inspection.version).toBe(5)
  })

  it('given a state shown, when the next one fails, then the last good state stays with the error above it', async () => {
    const store = await openedOn('a1')
    store.getState().versionChosen(3)
    await settle()

    api['state.at'].mockRejectedValueOnce(new Error('The reducer threw.'))
    store.getState().versionChosen(4)
    await settle()

    expect(store.getState().inspection).toMatchObject({
      version: 3,
      state: { v: 3 },
      stateError: 'The reducer threw.',
    })
  })

  it('given a custom reducer that fails on v 7, when v 10 is chosen, then the slider moves to v 6, the state shown, with its event', async () => {
    api['state.at'].mockImplementation(async ({ aggregateId, version }) => {
      if (version < 7) return stateAt(aggregateId, version)
      return {
        ...stateAt(aggregateId, 6),
        failure: { version: 7, eventType: 'Placed', kind: 'threw', message: 'boom', location: null },
      }
    })
    const store = await openedOn('a1')

    store.getState().versionChosen(10)
    await settle()

    expect(store.slider.getState().version).toBe(6)
    expect(store.getState().inspection).toMatchObject({
      version: 6,
      state: { v: 6 },
      failure: { version: 7 },
      event: { id: 'e6' },
    })
  })

  it('given a reducer failure on v 7 shown at v 6, when its link is followed, then the Event pane gets event 7, the timeline scrolls to its row, the state stays v 6', async () => {
    api['state.at'].mockImplementation(async ({ aggregateId, version }) => {
      if (version < 7) return stateAt(aggregateId, version)
      return {
        ...stateAt(aggregateId, 6),
        failure: { version: 7, eventType: 'Placed', kind: 'threw', message: 'boom', location: null },
      }
    })
    const store = await openedOn('a1')
    store.getState().versionChosen(10)
    await settle()

    store.getState().failedEventShown()
    await settle()

    expect(store.getState().inspection).toMatchObject({ version: 6, state: { v: 6 }, event: { id: 'e7' } })
    expect(store.getState().stream.focus).toEqual({ row: 6, version: 6 })
    expect(store.slider.getState().version).toBe(6)
    // Moving on shows the event at the slider again.
    store.getState().versionChosen(5)
    await settle()
    expect(store.getState().inspection.event).toMatchObject({ id: 'e5' })
  })

  it('given no reducer failure, when the link action runs, then nothing is fetched', async () => {
    const store = await openedOn('a1')
    store.getState().versionChosen(4)
    await settle()
    api['event.get'].mockClear()
    store.getState().failedEventShown()
    await settle()
    expect(api['event.get']).not.toHaveBeenCalled()
    expect(store.getState().inspection.event).toMatchObject({ id: 'e4' })
  })

  it('given an event that cannot be read, when its version is chosen, then the state shows and the event says why', async () => {
    const store = await openedOn('a1')
    api['event.get'].mockRejectedValueOnce(new Error('line 4 is not JSON'))

    store.getState().versionChosen(4)
    await settle()

    expect(store.getState().inspection).toMatchObject({
      state: { v: 4 },
      event: null,
      eventError: 'line 4 is not JSON',
    })
  })

  it('given an answer about a1 on its way, when a2 is selected, then the a1 answer is not shown', async () => {
    const store = await openedOn('a1')
    const slow = deferred<ChannelOutput<'state.at'>>()
    api['state.at'].mockImplementationOnce(() => slow.promise)
    store.getState().versionChosen(2)

    store.getState().aggregateSelected('a2')
    slow.resolve(stateAt('a1', 2))
    await settle()

    expect(store.getState().inspection.aggregateId).toBe('a2')
    expect(store.getState().inspection.state).toEqual({ v: 10 })
  })

  it('given no stream open, when a version is chosen, then nothing is asked', async () => {
    const store = storeWith(api)
    await opened(store)

    store.getState().versionChosen(3)

    expect(api['state.at']).not.toHaveBeenCalled()
    expect(store.slider.getState().version).toBe(0)
  })
})
