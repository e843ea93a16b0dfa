import { beforeEach, describe, expect, it } from 'vitest'
import type { ChannelInput, ChannelOutput, StreamInfo } from '../../../../shared/contract'
import { eventAt, eventRow, problemOn, stateAt, streamInfoOf } from './fixtures'
import { deferred, fakeApi, opened, settle, storeWith, opensAnyPath, type FakeApi } from './fake-host'

let api: FakeApi
/** How many events each aggregate's stream holds, as stream.open answers. */
let counts: Record<string, number>

beforeEach(() => {
  counts = { a1: 5, a2: 3 }
  api = fakeApi({
    'store.open': opensAnyPath(2),
    'stream.open': ({ aggregateId }) => streamInfoOf(aggregateId, counts[aggregateId] ?? 0),
    'stream.window': ({ aggregateId, offset, limit }) => ({
      aggregateId,
      rowCount: counts[aggregateId] ?? 0,
      offset,
      rows: Array.from(
        { length: Math.max(0, Math.min(limit, (counts[aggregateId] ?? 0) - offset)) },
        (_, i) => eventRow(offset + i + 1),
      ),
    }),
    'state.at': ({ aggregateId, version }) => stateAt(aggregateId, version),
    'event.get': ({ aggregateId, version }) => eventAt(aggregateId, version),
  })
})

describe('the stream slice', () => {
  it('given a store, when an aggregate is selected, then its stream opens at its latest version', async () => {
    const store = storeWith(api)
    await opened(store)

    store.getState().aggregateSelected('a1')
    expect(store.getState().stream.loading).toBe(true)
    await settle()

    expect(store.getState().stream).toMatchObject({ aggregateId: 'a1', loading: false, error: null })
    expect(store.slider.getState().version).toBe(5)
    expect(api['state.at']).toHaveBeenLastCalledWith({ aggregateId: 'a1', version: 5 })
  })

  it('given two quick selections, when the first stream answers last, then the second one stays shown', async () => {
    const late = deferred<StreamInfo>()
    api['stream.open'].mockImplementationOnce(() => late.promise)
    const store = storeWith(api)
    await opened(store)

    store.getState().aggregateSelected('a1')
    store.getState().aggregateSelected('a2')
    await settle()
    late.resolve(streamInfoOf('a1', 5))
    await settle()

    expect(store.getState().stream.info?.aggregateId).toBe('a2')
    expect(store.slider.getState().version).toBe(3)
  })

  it('given the same aggregate reselected and reopened, when the older open answers last, then it is dropped', async () => {
    const first = deferred<StreamInfo>()
    api['stream.open'].mockImplementationOnce(() => first.promise)
    const store = storeWith(api)
    await opened(store)

    store.getState().aggregateSelected('a1')
    counts.a1 = 7
    store.getState().streamInvalidated()
    await settle()
    first.resolve(streamInfoOf('a1', 5))
    await settle()

    expect(store.getState().stream.info?.eventCount).toBe(7)
  })

  it('given an open stream, when timeline rows are needed twice, then each page is fetched once and lands', async () => {
    const store = storeWith(api)
    await opened(store)
    store.getState().aggregateSelected('a1')
    await settle()

    store.getState().timelineRowsNeeded(0, 4)
    store.getState().timelineRowsNeeded(0, 4)
    await settle()

    expect(api['stream.window']).toHaveBeenCalledExactlyOnceWith({ aggregateId: 'a1', offset: 0, limit: 200 })
    expect(store.getState().stream.pages[0]?.rows).toHaveLength(5)
  })

  it('given a timeline page on its way, when another aggregate is selected, then the old page never lands', async () => {
    const slow = deferred<ChannelOutput<'stream.window'>>()
    api['stream.window'].mockImplementationOnce(() => slow.promise)
    const store = storeWith(api)
    await opened(store)
    store.getState().aggregateSelected('a1')
    await settle()
    store.getState().timelineRowsNeeded(0, 4)

    store.getState().aggregateSelected('a2')
    await settle()
    slow.resolve({ aggregateId: 'a1', rowCount: 5, offset: 0, rows: [eventRow(1)] })
    await settle()

    expect(store.getState().stream.pages).toEqual({})
  })

  it('given the slider at 2 and not following, when the stream grows, then the slider stays; following, it moves to the newest', async () => {
    const store = storeWith(api)
    await opened(store)
    store.getState().aggregateSelected('a1')
    await settle()
    store.getState().versionChosen(2)

    counts.a1 = 6
    store.getState().streamInvalidated()
    await settle()
    expect(store.slider.getState().version).toBe(2)

    store.getState().followToggled(true)
    expect(store.slider.getState().version).toBe(6)
    counts.a1 = 8
    store.getState().streamInvalidated()
    await settle()
    expect(store.slider.getState().version).toBe(8)
  })

  it('given an append to another aggregate, when it is written, then that aggregate opens at the appended version', async () => {
    const store = storeWith(api)
    await opened(store)
    store.getState().aggregateSelected('a1')
    await settle()

    store.getState().eventAppended('a2', 2)
    await settle()

    expect(store.getState().stream.aggregateId).toBe('a2')
    expect(store.slider.getState().version).toBe(2)
  })

  it('given a bad line in the stream, when its line is chosen, then its row is focused and the slider shows the event before it', async () => {
    api['stream.open'].mockImplementation(async ({ aggregateId }: ChannelInput<'stream.open'>) =>
      streamInfoOf(aggregateId, 5, [{ row: 3, problem: problemOn(4) }]),
    )
    const store = storeWith(api)
    await opened(store)
    store.getState().aggregateSelected('a1')
    await settle()

    store.getState().timelineLineChosen('a1', 4)

    expect(store.getState().stream.focus).toEqual({ row: 3, version: 3 })
    expect(store.slider.getState().version).toBe(3)
  })

  it('given an event line, when it is chosen, then the row holding that line is found and focused', async () => {
    const store = storeWith(api)
    await opened(store)
    store.getState().aggregateSelected('a1')
    await settle()

    store.getState().timelineLineChosen('a1', 2)
    await settle()

    expect(store.getState().stream.focus).toEqual({ row: 1, version: 2 })
  })

  it('given a stream that cannot be read, when selected, then loading stops with the error', async () => {
    api['stream.open'].mockRejectedValue(new Error('a1.events.jsonl is missing.'))
    const store = storeWith(api)
    await opened(store)

    store.getState().aggregateSelected('a1')
    await settle()

    expect(store.getState().stream).toMatchObject({ loading: false, error: 'a1.events.jsonl is missing.' })
  })

  it('given a selected aggregate and Follow on, when another store is opened, then nothing is selected and Follow stays on', async () => {
    const store = storeWith(api)
    await opened(store)
    store.getState().aggregateSelected('a1')
    await settle()
    store.getState().followToggled(true)

    await opened(store, '/data/other')

    expect(store.getState().stream).toMatchObject({ aggregateId: null, info: null, pages: {} })
    expect(store.getState().follow).toBe(true)
    expect(store.slider.getState().version).toBe(0)
  })
})
