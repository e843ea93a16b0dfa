// Following links in the store, against a plain fake host: the store a link names is opened by the
// target it names, a version that still holds its event is shown, and one that does not is never
// shown silently: link.stale says so with the nearest match.

import { beforeEach, describe, expect, it } from 'vitest'
import type { ChannelInput } from '../../../../shared/contract'
import { emptyPlace, type Place } from '../../../../shared/place-link'
import { placeOf } from '../../../../renderer/src/lib/current-place'
import { fakeApi, settle, storeWith, summaryOf, type FakeApi } from './fake-host'
import { eventAt, stateAt, streamInfoOf } from './fixtures'

const storeId = '44444444-4444-4444-8444-444444444444'
let api: FakeApi
/** The id of the event at each version now; the link was made when version n held `e${n}`. */
let idsNow: (version: number) => string

const place = (part: Partial<Place>): Place => ({ ...emptyPlace, ...part })

beforeEach(() => {
  idsNow = (version) => `e${version}`
  api = fakeApi({
    'store.open': (target) => ({
      ...summaryOf('/srv/stores/shop', storeId, 1),
      rootPath: 'rootPath' in target ? target.rootPath : 'shop',
    }),
    'stream.open': ({ aggregateId }) => streamInfoOf(aggregateId, 5),
    'stream.window': ({ aggregateId, offset }) => ({ aggregateId, rowCount: 5, offset, rows: [] }),
    'event.get': ({ aggregateId, version }) => ({ ...eventAt(aggregateId, version), id: idsNow(version) }),
    'state.at': ({ aggregateId, version }) => stateAt(aggregateId, version, 5),
    'search.run': (input: ChannelInput<'search.run'>) => {
      // The host's answer to `id == "e3"` over that one stream: where e3 is now, if anywhere.
      const wanted = /id == "(.*)"/.exec(input.where ?? '')?.[1]
      const version = [1, 2, 3, 4, 5].find((v) => idsNow(v) === wanted)
      return {
        taskId: input.taskId,
        matches: version
          ? [{ aggregateId: 'o1', version, type: 'Placed', occurredAt: null, payload: {} }]
          : [],
        truncated: false,
        scannedBytes: 0,
        totalBytes: 0,
        leftOut: { lines: 0, streams: 0, first: null },
      }
    },
  })
})

describe('following a link', () => {
  it('given a link to a store under the roots at a version that still holds its event, when followed, then that store opens by its path and the version is shown', async () => {
    const store = storeWith(api)

    await store
      .getState()
      .linkFollowed(
        place({ store: { kind: 'root', path: 'shop' }, aggregateId: 'o1', version: 3, eventId: 'e3' }),
      )
    await settle()

    expect(api['store.open']).toHaveBeenCalledWith(expect.objectContaining({ rootPath: 'shop' }))
    expect(store.getState().stream.aggregateId).toBe('o1')
    expect(store.slider.getState().version).toBe(3)
    expect(store.getState().link).toMatchObject({ following: false, stale: null, error: null })
  })

  it('given the store changed so version 3 now holds another event, when followed, then it is stale, offers where its event is now and does not show version 3', async () => {
    idsNow = (version) => `e${version + 1}`
    const store = storeWith(api)

    await store
      .getState()
      .linkFollowed(
        place({ store: { kind: 'root', path: 'shop' }, aggregateId: 'o1', version: 3, eventId: 'e3' }),
      )
    await settle()

    expect(store.getState().link.stale).toEqual({
      aggregateId: 'o1',
      version: 3,
      eventId: 'e3',
      nowEventId: 'e4',
      matchVersion: 2,
      eventCount: 5,
    })
    // The aggregate opens at its latest version, as a chosen one does: never the link's version silently.
    expect(store.slider.getState().version).toBe(5)

    store.getState().staleLinkResolved(false)
    await settle()

    expect(store.slider.getState().version).toBe(2)
    expect(store.getState().link.stale).toBeNull()
  })

  it('given the link\'s version is past the stream\'s end and its event gone, when followed, then it is stale with no match, and "as it is now" clamps to the end', async () => {
    idsNow = (version) => `other-${version}`
    const store = storeWith(api)

    await store
      .getState()
      .linkFollowed(
        place({ store: { kind: 'root', path: 'shop' }, aggregateId: 'o1', version: 9, eventId: 'e9' }),
      )
    await settle()

    expect(store.getState().link.stale).toMatchObject({ nowEventId: null, matchVersion: null, eventCount: 5 })
    expect(api['event.get']).not.toHaveBeenCalledWith({ aggregateId: 'o1', version: 9 })

    store.getState().staleLinkResolved(true)
    await settle()
    expect(store.slider.getState().version).toBe(5)
  })

  it('given a link naming the store already open, when followed, then the store is not opened again', async () => {
    const store = storeWith(api)
    await store.getState().linkFollowed(place({ store: { kind: 'root', path: 'shop' } }))
    await store.getState().linkFollowed(place({ store: { kind: 'root', path: 'shop' }, aggregateId: 'o1' }))
    await settle()

    expect(api['store.open']).toHaveBeenCalledTimes(1)
    expect(store.slider.getState().version).toBe(5)
  })

  it('given a link with a search and a dock tab, when followed, then the draft is filled, the search runs and the tab shows', async () => {
    const store = storeWith(api)

    await store
      .getState()
      .linkFollowed(
        place({ store: { kind: 'root', path: 'shop' }, dock: 'search', search: { where: 'payload.v > 1' } }),
      )
    await settle()

    expect(store.getState().search.draft.where).toBe('payload.v > 1')
    expect(api['search.run']).toHaveBeenCalledWith(expect.objectContaining({ where: 'payload.v > 1' }))
    expect(store.getState().dock).toEqual({ open: true, tab: 'search' })
  })

  it('given a link to a check, when followed, then the Invariants tab shows its invariant and runs it', async () => {
    api['check.run'].mockReturnValue(new Promise(() => {}))
    const store = storeWith(api)

    await store.getState().linkFollowed(
      place({
        store: { kind: 'root', path: 'shop' },
        dock: 'invariants',
        check: { expression: 'state.v >= 0', aggregateType: 'Order' },
      }),
    )
    await settle()

    expect(store.getState().invariants.draft).toEqual({ expression: 'state.v >= 0', aggregateType: 'Order' })
    expect(api['check.run']).toHaveBeenCalled()
    expect(store.getState().dock).toEqual({ open: true, tab: 'invariants' })
    expect(placeOf(store.getState(), 0).check).toEqual({ expression: 'state.v >= 0', aggregateType: 'Order' })
  })

  it('given the place shown, when read back as a link, then it names the store under the roots, the version and its event', async () => {
    const store = storeWith(api)
    await store
      .getState()
      .linkFollowed(place({ store: { kind: 'root', path: 'shop' }, aggregateId: 'o1', version: 3 }))
    await settle()

    expect(placeOf(store.getState(), store.slider.getState().version)).toMatchObject({
      store: { kind: 'root', path: 'shop' },
      aggregateId: 'o1',
      version: 3,
      eventId: 'e3',
    })
  })

  it('given the slider ahead of the event panel, when the place is shared, then the event id is asked for', async () => {
    const store = storeWith(api)
    await store
      .getState()
      .linkFollowed(place({ store: { kind: 'root', path: 'shop' }, aggregateId: 'o1', version: 3 }))
    await settle()
    store.slider.setState({ version: 4 })

    expect(await store.getState().placeShared(4)).toMatchObject({ version: 4, eventId: 'e4' })
  })
})
