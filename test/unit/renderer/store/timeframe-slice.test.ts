import { beforeEach, describe, expect, it } from 'vitest'
import type { ChannelOutput } from '../../../../shared/contract'
import { eventAt, stateAt, streamInfoOf } from './fixtures'
import { deferred, fakeApi, opened, settle, storeWith, opensAnyPath, type FakeApi } from './fake-host'

let api: FakeApi
const histogramOf = (unit: 'hour' | 'day' | 'week'): ChannelOutput<'store.histogram'> => ({
  unit,
  from: null,
  to: null,
  types: ['Placed'],
  buckets: [],
  untimed: 0,
})
const asOf: ChannelOutput<'store.asOf'> = {
  at: '2026-01-02T00:00:00.000Z',
  total: 1,
  aggregates: [
    { aggregateId: 'a1', type: 'Order', version: 2, eventCount: 6, lastEventAt: null, untimed: 0 },
  ],
}

beforeEach(() => {
  api = fakeApi({
    'store.open': opensAnyPath(2),
    'store.histogram': ({ unit }) => histogramOf(unit ?? 'day'),
    'store.asOf': asOf,
    'stream.open': ({ aggregateId }) => streamInfoOf(aggregateId, 6),
    'state.at': ({ aggregateId, version }) => stateAt(aggregateId, version),
    'event.get': ({ aggregateId, version }) => eventAt(aggregateId, version),
  })
})

describe('the timeframe slice', () => {
  it('given a unit chosen twice, when the first histogram answers last, then the second stays shown', async () => {
    const first = deferred<ChannelOutput<'store.histogram'>>()
    api['store.histogram'].mockImplementationOnce(() => first.promise)
    const store = storeWith(api)
    await opened(store)

    store.getState().histogramNeeded('hour')
    store.getState().histogramNeeded('week')
    await settle()
    first.resolve(histogramOf('hour'))
    await settle()

    expect(store.getState().timeframe).toMatchObject({
      unit: 'week',
      histogram: { loading: false, result: histogramOf('week') },
    })
  })

  it('given a range dragged, when selected, then the table is filtered to it and the search draft takes its ends', async () => {
    const store = storeWith(api)
    await opened(store)

    store.getState().timeRangeSelected({ since: '2026-01-01T00:00:00.000Z', until: null })

    expect(store.getState().timeframe.range).toEqual({ since: '2026-01-01T00:00:00.000Z', until: null })
    expect(store.getState().aggregates.range).toEqual({ since: '2026-01-01T00:00:00.000Z', until: null })
    expect(store.getState().search.draft.since).not.toBe('')
    expect(store.getState().search.draft.until).toBe('')
  })

  it('given an aggregate open, when the store is shown as of T, then its rows arrive and the slider moves to its version then', async () => {
    const store = storeWith(api)
    await opened(store)
    store.getState().aggregateSelected('a1')
    await settle()

    store.getState().asOfChosen('2026-01-02T00:00:00.000Z')
    expect(store.getState().timeframe.asOf.loading).toBe(true)
    await settle()

    expect(store.getState().timeframe.asOf).toMatchObject({
      loading: false,
      total: 1,
      rows: { a1: asOf.aggregates[0] },
    })
    expect(store.slider.getState().version).toBe(2)
  })

  it('given the store as of T, when an aggregate is opened, then it lands on its version at T', async () => {
    const store = storeWith(api)
    await opened(store)
    store.getState().asOfChosen('2026-01-02T00:00:00.000Z')
    await settle()

    store.getState().aggregateSelected('a1')
    await settle()

    expect(store.slider.getState().version).toBe(2)
  })

  it('given an as-of answer on its way, when the present is chosen, then the answer never lands', async () => {
    const late = deferred<ChannelOutput<'store.asOf'>>()
    api['store.asOf'].mockImplementationOnce(() => late.promise)
    const store = storeWith(api)
    await opened(store)

    store.getState().asOfChosen('2026-01-02T00:00:00.000Z')
    store.getState().asOfChosen(null)
    late.resolve(asOf)
    await settle()

    expect(store.getState().timeframe.asOf).toEqual({
      at: null,
      loading: false,
      error: null,
      total: 0,
      rows: {},
    })
  })

  it('given a histogram, a range and an as-of, when another store is opened, then they are cleared and the unit stays', async () => {
    const store = storeWith(api)
    await opened(store)
    store.getState().histogramNeeded('week')
    store.getState().timeRangeSelected({ since: '2026-01-01T00:00:00.000Z', until: null })
    store.getState().asOfChosen('2026-01-02T00:00:00.000Z')
    await settle()

    await opened(store, '/data/other')

    expect(store.getState().timeframe).toEqual({
      histogram: { loading: false, result: null, error: null },
      unit: 'week',
      range: null,
      asOf: { at: null, loading: false, error: null, total: 0, rows: {} },
    })
    expect(store.getState().aggregates.range).toBeNull()
  })
})
