import { describe, expect, it } from 'vitest'
import type { ChannelOutput } from '../../../../shared/contract'
import type { Store } from '../../../../renderer/src/store/types'
import { aggregateRow, eventAt, stateAt, streamInfoOf } from './fixtures'
import { deferred, fakeApi, opened, settle, storeWith, opensAnyPath } from './fake-host'

/**
 * What the user chose rather than learnt about a store: kept when another store opens. Everything
 * else a slice holds must be back as it is on a store that never saw the old one, so a slice added
 * later that forgets its per-store state fails here.
 */
const kept = ['app', 'store', 'dock', 'follow', 'exporting', 'overlay', 'inspectorTab'] as const
/** The search form's draft is the user's question (a range picked on the histogram fills it in). */
const keptInside = { search: ['draft'] } as Record<string, string[]>

/** The store's data (no actions), generations zeroed: they only need to move, not to match. */
function dataOf(state: Store): Record<string, unknown> {
  const zero = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(zero)
    if (value === null || typeof value !== 'object') return value
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, key === 'generation' ? 0 : zero(item)]),
    )
  }
  const entries = Object.entries(state)
    .filter(([key, value]) => typeof value !== 'function' && !(kept as readonly string[]).includes(key))
    .map(([key, value]) => {
      const drop = keptInside[key]
      if (!drop) return [key, value]
      return [
        key,
        Object.fromEntries(Object.entries(value as object).filter(([inner]) => !drop.includes(inner))),
      ]
    })
  return zero(Object.fromEntries(entries)) as Record<string, unknown>
}

function hostApi() {
  return fakeApi({
    'store.open': opensAnyPath(2),
    'aggregates.window': ({ offset }) => ({
      total: 1,
      unfiltered: 1,
      offset,
      rows: [aggregateRow('a1', 'error')],
    }),
    'events.types': { types: [{ type: 'Placed', count: 1, aggregateType: null }] },
    'stream.open': ({ aggregateId }) => streamInfoOf(aggregateId, 4),
    'stream.window': ({ aggregateId, offset }) => ({ aggregateId, rowCount: 4, offset, rows: [] }),
    'state.at': ({ aggregateId, version }) => stateAt(aggregateId, version),
    'event.get': ({ aggregateId, version }) => eventAt(aggregateId, version),
    'state.diff': ({ fromVersion, toVersion }) => ({
      aggregateId: 'a1',
      fromVersion,
      toVersion,
      changes: [],
      failure: null,
      reducer: {
        aggregateId: 'a1',
        aggregateType: null,
        dir: '/data/a',
        trusted: false,
        reducer: { kind: 'merge-patch', label: 'merge patch', file: null, source: 'default' },
        untrustedFile: null,
        loadError: null,
      },
    }),
    'correlation.list': { correlationId: 'c1', events: [], leftOut: { lines: 0, streams: 0, first: null } },
    'search.run': ({ taskId }) => ({
      taskId,
      matches: [],
      truncated: false,
      scannedBytes: 0,
      totalBytes: 0,
      leftOut: { lines: 0, streams: 0, first: null },
    }),
    'projection.list': { builtin: [], custom: [], trusted: false },
    'projection.run': {
      result: [],
      events: 0,
      failure: null,
      leftOut: { lines: 0, streams: 0, first: null },
    },
    'store.histogram': { unit: 'day', from: null, to: null, types: [], buckets: [], untimed: 0 },
    'store.asOf': { at: '2026-01-01T00:00:00.000Z', total: 0, aggregates: [] },
    'store.verify': {
      ok: true,
      aggregates: 1,
      events: 4,
      errors: 0,
      warnings: 0,
      affectedAggregates: 0,
      problems: [],
      problemCount: 0,
    },
    'store.trust': { dir: '/data/a', trusted: true },
    'events.append': { aggregateId: 'a1', version: 5, event: {}, duplicate: false },
  })
}

describe('storeOpened', () => {
  it('given every slice holding answers about one store, when another is opened, then each is as on a store never used', async () => {
    const used = storeWith(hostApi())
    await opened(used, '/data/a')
    const s = () => used.getState()
    s().aggregateSelected('a1')
    await settle()
    s().timelineRowsNeeded(0, 3)
    s().versionChosen(2)
    s().diffRequested(1, 2)
    s().correlationRequested('a1', 2)
    s().searchStarted()
    s().projectionsNeeded()
    s().projectionRunRequested({ kind: 'builtin', name: 'events-per-type' })
    s().histogramNeeded()
    s().timeRangeSelected({ since: '2026-01-01T00:00:00.000Z', until: null })
    s().asOfChosen('2026-01-01T00:00:00.000Z')
    await s().verifyRequested()
    await s().directoryTrusted()
    await s().appendSubmitted({ aggregateId: 'a1', eventType: 'Placed', payload: {} })
    await settle()

    await opened(used, '/data/b')
    const fresh = storeWith(hostApi())
    await opened(fresh, '/data/b')

    expect(dataOf(used.getState())).toEqual(dataOf(fresh.getState()))
    expect(used.slider.getState().version).toBe(0)
  })

  it('given an append on its way, when another store is opened, then its answer neither selects nor confirms anything there', async () => {
    const api = hostApi()
    const answer = deferred<ChannelOutput<'events.append'>>()
    api['events.append'].mockImplementationOnce(() => answer.promise)
    const store = storeWith(api)
    await opened(store, '/data/a')

    const appending = store
      .getState()
      .appendSubmitted({ aggregateId: 'a1', eventType: 'Placed', payload: {} })
    await opened(store, '/data/b')
    answer.resolve({ aggregateId: 'a1', version: 5, event: {}, duplicate: false })
    await appending

    expect(store.getState().append.confirmation).toBeNull()
    expect(store.getState().stream.aggregateId).toBeNull()
  })
})
