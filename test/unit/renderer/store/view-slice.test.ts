import { describe, expect, it } from 'vitest'
import { fakeApi, opened, opensAnyPath, storeWith } from './fake-host'

describe('the view slice', () => {
  it('given no overlay, when one opens and then closes, then the store says which and then none', () => {
    const store = storeWith(fakeApi())

    store.getState().overlayOpened('shortcuts')
    expect(store.getState().overlay).toBe('shortcuts')
    store.getState().overlayOpened('goToVersion')
    expect(store.getState().overlay).toBe('goToVersion')
    store.getState().overlayClosed()
    expect(store.getState().overlay).toBeNull()
  })

  it('given the Append tab and the export dialog open, when another store is opened, then both stay', async () => {
    const store = storeWith(fakeApi({ 'store.open': opensAnyPath(1) }))
    await opened(store, '/data/a')
    store.getState().inspectorTabChosen('append')
    store.getState().overlayOpened('export')

    await opened(store, '/data/b')

    expect(store.getState()).toMatchObject({ inspectorTab: 'append', overlay: 'export' })
  })
})
