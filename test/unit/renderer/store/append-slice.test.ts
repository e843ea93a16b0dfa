import { beforeEach, describe, expect, it } from 'vitest'
import { stateAt, streamInfoOf, eventAt } from './fixtures'
import {
  databaseSummaryOf,
  fakeApi,
  opened,
  settle,
  storeWith,
  opensAnyPath,
  type FakeApi,
} from './fake-host'

let api: FakeApi
const appended = { aggregateId: 'a1', version: 4, event: {}, duplicate: false }

beforeEach(() => {
  api = fakeApi({
    'store.open': opensAnyPath(1),
    'events.types': { types: [{ type: 'Placed', count: 3, aggregateType: 'Order' }] },
    'events.append': appended,
    'events.template': ({ eventType }) => ({ payload: eventType === 'Placed' ? { total: 1 } : null }),
    'events.preview': ({ payload }) => ({ version: 4, state: payload, changes: [] }),
    'stream.open': ({ aggregateId }) => streamInfoOf(aggregateId, 4),
    'state.at': ({ aggregateId, version }) => stateAt(aggregateId, version),
    'event.get': ({ aggregateId, version }) => eventAt(aggregateId, version),
  })
})

const input = { aggregateId: 'a1', eventType: 'Placed', payload: { total: 2 } }

describe('the append slice', () => {
  it('given a store opened, when it loads, then the event types it holds are offered', async () => {
    const store = storeWith(api)
    await opened(store)

    expect(store.getState().append.types.map((t) => t.type)).toEqual(['Placed'])
  })

  it('given a valid event, when appended, then it is confirmed and its aggregate shows at the new version', async () => {
    const store = storeWith(api)
    await opened(store)

    expect(await store.getState().appendSubmitted(input)).toBe(true)
    await settle()

    expect(store.getState().append).toMatchObject({
      submitting: false,
      error: null,
      confirmation: 'Appended Placed as version 4',
    })
    expect(store.getState().stream.aggregateId).toBe('a1')
    expect(store.slider.getState().version).toBe(4)
  })

  it('given the same event id sent again, when the host says duplicate, then the confirmation says it was already there', async () => {
    api['events.append'].mockResolvedValueOnce({ ...appended, duplicate: true })
    const store = storeWith(api)
    await opened(store)

    await store.getState().appendSubmitted(input)

    expect(store.getState().append.confirmation).toBe('Already appended: Placed is version 4')
  })

  it('given an expected version that does not match, when appended, then the refusal is shown and nothing is confirmed', async () => {
    api['events.append'].mockRejectedValueOnce(new Error('a1 is at version 5, not 3.'))
    const store = storeWith(api)
    await opened(store)

    expect(await store.getState().appendSubmitted(input)).toBe(false)

    expect(store.getState().append).toMatchObject({ error: 'a1 is at version 5, not 3.', confirmation: null })
  })

  it('given an append that failed after landing (index behind), when the same draft is sent again, then it carries the same event id', async () => {
    api['events.append'].mockRejectedValueOnce(
      new Error('Appended Placed to a1 as version 4 (event id x), durably, but index.json was not updated.'),
    )
    const store = storeWith(api)
    await opened(store)

    await store.getState().appendSubmitted(input)
    await store.getState().appendSubmitted(input)
    await store.getState().appendSubmitted({ ...input, payload: { total: 3 } })

    const ids = api['events.append'].mock.calls.map(([sent]) => (sent as { eventId?: string }).eventId)
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/)
    expect(ids[1]).toBe(ids[0])
    expect(ids[2]).not.toBe(ids[0])
  })

  it('given an outcome shown, when the form is edited, then the outcome is cleared', async () => {
    const store = storeWith(api)
    await opened(store)
    await store.getState().appendSubmitted(input)

    store.getState().appendFormEdited()

    expect(store.getState().append.confirmation).toBeNull()
  })

  it('given a payload typed, when a preview is needed, then the preview answers under the same key; a failure says why', async () => {
    const store = storeWith(api)
    await opened(store)

    store.getState().previewNeeded({ aggregateId: 'a1', payload: { total: 2 }, key: 'k1' })
    await settle()
    expect(store.getState().append.preview).toMatchObject({ key: 'k1', version: 4, state: { total: 2 } })

    api['events.preview'].mockRejectedValueOnce(new Error('not an object'))
    store.getState().previewNeeded({ aggregateId: 'a1', payload: { total: 3 }, key: 'k2' })
    await settle()
    expect(store.getState().append.previewError).toEqual({ key: 'k2', message: 'not an object' })
  })

  it('given an event type, when its template is needed, then the latest payload comes back, or null when the host fails', async () => {
    const store = storeWith(api)

    expect(await store.getState().templateNeeded('Placed', 'a1')).toBe('{\n  "total": 1\n}')
    expect(api['events.template']).toHaveBeenLastCalledWith({ eventType: 'Placed', aggregateId: 'a1' })
    api['events.template'].mockRejectedValueOnce(new Error('gone'))
    expect(await store.getState().templateNeeded('Placed', null)).toBeNull()
    // The line's own text, when the host sends it, is what fills the form: its key order and literals.
    api['events.template'].mockResolvedValueOnce({
      payload: { total: 1 },
      payloadText: '{\n  "total": 1.0\n}',
    })
    expect(await store.getState().templateNeeded('Placed', null)).toBe('{\n  "total": 1.0\n}')
  })

  it('given a typed payload text, when its preview is needed, then the text goes to the host beside the payload', async () => {
    const store = storeWith(api)
    store
      .getState()
      .previewNeeded({ aggregateId: 'a1', payload: { total: 1 }, payloadText: '{"total": 1.0}', key: 'k' })
    await settle()
    expect(api['events.preview']).toHaveBeenLastCalledWith({
      aggregateId: 'a1',
      payload: { total: 1 },
      payloadText: '{"total": 1.0}',
    })
  })

  it('given the types of one store, when another store is opened, then only the new store’s types are offered', async () => {
    const store = storeWith(api)
    await opened(store)

    api['events.types'].mockResolvedValueOnce({
      types: [{ type: 'Renamed', count: 1, aggregateType: 'User' }],
    })
    await opened(store, '/data/other')

    expect(store.getState().append.types.map((t) => t.type)).toEqual(['Renamed'])
  })
  // The slice is the page's one asker of the types (the Append view used to ask again on every store
  // change, doubling each opening's request: the browser-shell test in test/e2e/directories counts the
  // page's requests, view included).
  it('given stores opened, changed and appended to, when counted, then the types are asked once per opening, change of the open store and append', async () => {
    const store = storeWith(api)
    const asked = () => api['events.types'].mock.calls.length

    await opened(store)
    expect(asked()).toBe(1)
    await opened(store, '/data/other')
    expect(asked()).toBe(2)

    const summary = store.getState().store.summary
    if (!summary) throw new Error('no store open')
    store.getState().storeChanged({ summary, aggregateIds: ['a1'] })
    store.getState().storeChanged({ summary: { ...summary, dir: '/data/store' }, aggregateIds: ['a1'] })
    await settle()
    expect(asked()).toBe(3)

    await store.getState().appendSubmitted(input)
    await settle()
    expect(asked()).toBe(4)
  })
})

describe('the append slice on a database', () => {
  it('given a PostgreSQL store (it makes its own event ids), when appended, then no event id is sent', async () => {
    api['store.open'].mockResolvedValue(
      databaseSummaryOf('postgres://app@db/shop', '55555555-5555-4555-8555-555555555555'),
    )
    const store = storeWith(api)
    await opened(store, 'postgres://app@db/shop')

    expect(await store.getState().appendSubmitted(input)).toBe(true)

    expect(api['events.append']).toHaveBeenCalledExactlyOnceWith(input)
  })
})
