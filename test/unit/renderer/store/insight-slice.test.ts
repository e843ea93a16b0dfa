import { beforeEach, describe, expect, it } from 'vitest'
import type { ChannelOutput } from '../../../../shared/contract'
import { eventAt, stateAt, streamInfoOf } from './fixtures'
import { deferred, fakeApi, opened, settle, storeWith, opensAnyPath, type FakeApi } from './fake-host'

let api: FakeApi
const reducer = {
  aggregateId: 'a1',
  aggregateType: 'Order',
  dir: '/data/store',
  trusted: false,
  reducer: { kind: 'merge-patch' as const, label: 'merge patch', file: null, source: 'default' as const },
  untrustedFile: null,
  loadError: null,
}
const diffOf = (fromVersion: number, toVersion: number): ChannelOutput<'state.diff'> => ({
  aggregateId: 'a1',
  fromVersion,
  toVersion,
  changes: [{ path: ['v'], kind: 'changed', before: fromVersion, after: toVersion }],
  failure: null,
  reducer,
})
const correlated: ChannelOutput<'correlation.list'> = {
  correlationId: 'c1',
  events: [],
  leftOut: { lines: 0, streams: 0, first: null },
}

beforeEach(() => {
  api = fakeApi({
    'store.open': opensAnyPath(2),
    'stream.open': ({ aggregateId }) => streamInfoOf(aggregateId, 6),
    'state.at': ({ aggregateId, version }) => stateAt(aggregateId, version),
    'event.get': ({ aggregateId, version }) => eventAt(aggregateId, version),
    'state.diff': ({ fromVersion, toVersion }) => diffOf(fromVersion, toVersion),
    'correlation.list': correlated,
    'store.trust': { dir: '/data/store', trusted: true },
  })
})

async function withSelected() {
  const store = storeWith(api)
  await opened(store)
  store.getState().aggregateSelected('a1')
  await settle()
  return store
}

describe('the insight slice', () => {
  it('given the dock closed, when a tab is chosen, then the dock opens on it; toggling closes it and keeps the tab', () => {
    const store = storeWith(api)

    store.getState().dockTabChosen('time')
    expect(store.getState().dock).toEqual({ open: true, tab: 'time' })
    store.getState().dockToggled(false)
    expect(store.getState().dock).toEqual({ open: false, tab: 'time' })
  })

  it('given two comparisons asked quickly, when the first answers last, then the second stays shown', async () => {
    const first = deferred<ChannelOutput<'state.diff'>>()
    api['state.diff'].mockImplementationOnce(() => first.promise)
    const store = await withSelected()

    store.getState().diffRequested(1, 2)
    store.getState().diffRequested(3, 5)
    await settle()
    first.resolve(diffOf(1, 2))
    await settle()

    expect(store.getState().diff).toMatchObject({ loading: false, from: 3, to: 5, result: diffOf(3, 5) })
  })

  it('given no aggregate selected, when a comparison is asked, then nothing is asked of the host', async () => {
    const store = storeWith(api)
    await opened(store)

    store.getState().diffRequested(1, 2)

    expect(api['state.diff']).not.toHaveBeenCalled()
  })

  it('given an event, when its correlated events are asked, then the Correlation tab opens and shows them', async () => {
    const store = await withSelected()

    store.getState().correlationRequested('a1', 3)
    expect(store.getState().dock).toEqual({ open: true, tab: 'correlation' })
    await settle()

    expect(store.getState().correlation).toMatchObject({
      loading: false,
      result: correlated,
      source: { aggregateId: 'a1', version: 3 },
    })
  })

  it('given a version shown, when the directory is trusted, then the same version is asked again under its reducer', async () => {
    const store = await withSelected()
    store.getState().versionChosen(4)
    await settle()
    api['state.at'].mockClear()

    await store.getState().directoryTrusted()
    await settle()

    expect(api['store.trust']).toHaveBeenCalledExactlyOnceWith({ trusted: true })
    expect(api['state.at']).toHaveBeenCalledWith({ aggregateId: 'a1', version: 4 })
    expect(store.getState().trust).toEqual({ busy: false, error: null })
  })

  it('given the host refuses trust, when trusted, then the refusal is shown', async () => {
    api['store.trust'].mockRejectedValueOnce(new Error('Cannot write trusted-directories.json.'))
    const store = await withSelected()

    await store.getState().directoryTrusted()

    expect(store.getState().trust).toEqual({ busy: false, error: 'Cannot write trusted-directories.json.' })
  })

  it('given a result in the open aggregate, when opened, then the slider moves there; in another aggregate, it opens at that version', async () => {
    const store = await withSelected()

    store.getState().eventOpened('a1', 2)
    expect(store.slider.getState().version).toBe(2)

    store.getState().eventOpened('a2', 5)
    await settle()
    expect(store.getState().stream.aggregateId).toBe('a2')
    expect(store.slider.getState().version).toBe(5)
  })

  it('given a comparison and correlations shown in the open dock, when another store is opened, then the answers go and the dock stays', async () => {
    const store = await withSelected()
    store.getState().diffRequested(1, 2)
    store.getState().correlationRequested('a1', 3)
    await settle()

    await opened(store, '/data/other')

    expect(store.getState().diff).toEqual({ loading: false, result: null, error: null, from: null, to: null })
    expect(store.getState().correlation).toEqual({ loading: false, result: null, error: null, source: null })
    expect(store.getState().dock).toEqual({ open: true, tab: 'correlation' })
  })
})
