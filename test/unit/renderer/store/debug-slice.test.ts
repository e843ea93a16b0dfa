import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ChannelInput, ChannelOutput } from '../../../../shared/contract'
import { eventAt, stateAt, streamInfoOf } from './fixtures'
import { deferred, fakeApi, opened, opensAnyPath, settle, storeWith, type FakeApi } from './fake-host'

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

/** Where each breakpoint of the fake host holds: `v == N` holds at N, `v > N` after N, `bad` is malformed. */
function hitsOf(expression: string, eventCount: number) {
  const equal = /^v == (\d+)$/.exec(expression)
  const above = /^v > (\d+)$/.exec(expression)
  if (expression === 'bad') return { expression, versions: [], truncated: false, error: 'column 1: bad' }
  const versions = equal
    ? [Number(equal[1])]
    : above
      ? Array.from({ length: Math.max(0, eventCount - Number(above[1])) }, (_, i) => Number(above[1]) + 1 + i)
      : []
  return { expression, versions, truncated: false, error: null }
}

/** stream.hits of a stream of 10 events whose state at version N is `{ v: N }`. */
function streamHits({
  aggregateId,
  breakpoints = [],
  watches = [],
  at,
}: ChannelInput<'stream.hits'>): ChannelOutput<'stream.hits'> {
  const version = at ?? 10
  return {
    aggregateId,
    eventCount: 10,
    breakpoints: breakpoints.map((text) => hitsOf(text, 10)),
    at: version,
    watches: watches.map((expression) =>
      expression === 'state.v' ? { expression, value: version, error: null } : { expression, error: null },
    ),
    failure: null,
    reducer: { ...reducer, aggregateId },
  }
}

beforeEach(() => {
  api = fakeApi({
    'store.open': opensAnyPath(2),
    'stream.open': ({ aggregateId }) => streamInfoOf(aggregateId, 10),
    'state.at': ({ aggregateId, version }) => stateAt(aggregateId, version),
    'event.get': ({ aggregateId, version }) => eventAt(aggregateId, version),
    'stream.hits': streamHits,
    'task.cancel': { cancelled: true },
  })
})

afterEach(() => {
  vi.useRealTimers()
})

async function openedOn(aggregateId: string) {
  const store = storeWith(api)
  await opened(store)
  store.getState().aggregateSelected(aggregateId)
  await settle()
  return store
}

const breakpointCalls = () => api['stream.hits'].mock.calls.filter(([input]) => input.breakpoints)

describe('the debug slice: breakpoints', () => {
  it('given an open stream, when two breakpoints are added, then their hits are asked of that stream and merged', async () => {
    const store = await openedOn('a1')

    store.getState().breakpointAdded('v == 7')
    store.getState().breakpointAdded('  v == 3 ')
    await settle()

    expect(breakpointCalls().at(-1)?.[0]).toMatchObject({
      aggregateId: 'a1',
      breakpoints: ['v == 7', 'v == 3'],
    })
    expect(store.getState().debug.hits).toMatchObject({ aggregateId: 'a1', loading: false, all: [3, 7] })
  })

  it('given a breakpoint, when it is added again, then it is kept once', async () => {
    const store = await openedOn('a1')

    store.getState().breakpointAdded('v == 7')
    store.getState().breakpointAdded('v == 7')

    expect(store.getState().debug.breakpoints).toHaveLength(1)
  })

  it('given a malformed breakpoint beside a good one, when answered, then it carries its error and the other still hits', async () => {
    const store = await openedOn('a1')

    store.getState().breakpointAdded('bad')
    store.getState().breakpointAdded('v == 4')
    await settle()

    const [bad, good] = store.getState().debug.breakpoints
    expect(store.getState().debug.hits.byBreakpoint[bad!.id]).toMatchObject({ error: 'column 1: bad' })
    expect(store.getState().debug.hits.byBreakpoint[good!.id]).toMatchObject({ versions: [4], error: null })
    expect(store.getState().debug.hits.all).toEqual([4])
  })

  it('given a breakpoint turned off, when toggled, then its hits stop counting without asking the host again', async () => {
    const store = await openedOn('a1')
    store.getState().breakpointAdded('v == 2')
    store.getState().breakpointAdded('v == 6')
    await settle()
    const asked = breakpointCalls().length

    store.getState().breakpointToggled(store.getState().debug.breakpoints[0]!.id)

    expect(store.getState().debug.hits.all).toEqual([6])
    expect(breakpointCalls().length).toBe(asked)
  })

  it('given hits at 3 and 7, when stepping to the next and previous hit, then the slider goes there and stops at the ends', async () => {
    const store = await openedOn('a1')
    store.getState().versionChosen(0)
    store.getState().breakpointAdded('v == 3')
    store.getState().breakpointAdded('v == 7')
    await settle()

    store.getState().hitStepped(1)
    expect(store.slider.getState().version).toBe(3)
    store.getState().hitStepped(1)
    expect(store.slider.getState().version).toBe(7)
    store.getState().hitStepped(1)
    expect(store.slider.getState().version).toBe(7)
    store.getState().hitStepped(-1)
    expect(store.slider.getState().version).toBe(3)
  })

  it('given hits in one stream, when another aggregate is opened, then its own hits are asked and a late answer about the first is dropped', async () => {
    const late = deferred<ChannelOutput<'stream.hits'>>()
    const store = await openedOn('a1')
    api['stream.hits'].mockImplementationOnce(() => late.promise)
    store.getState().breakpointAdded('v == 5')

    store.getState().aggregateSelected('a2')
    await settle()
    late.resolve({ ...streamHits({ aggregateId: 'a1', breakpoints: ['v == 9'] }) })
    await settle()

    expect(breakpointCalls().at(-1)?.[0]).toMatchObject({ aggregateId: 'a2' })
    expect(store.getState().debug.hits).toMatchObject({ aggregateId: 'a2', all: [5] })
  })

  it('given a walk for hits in flight, when the last breakpoint is removed, then the walk is cancelled and no hit stays', async () => {
    const slow = deferred<ChannelOutput<'stream.hits'>>()
    const store = await openedOn('a1')
    api['stream.hits'].mockImplementationOnce(() => slow.promise)
    store.getState().breakpointAdded('v == 5')
    const { taskId } = breakpointCalls().at(-1)![0]

    store.getState().breakpointRemoved(store.getState().debug.breakpoints[0]!.id)
    slow.resolve(streamHits({ aggregateId: 'a1', breakpoints: ['v == 5'] }))
    await settle()

    expect(api['task.cancel']).toHaveBeenCalledWith({ taskId })
    expect(store.getState().debug.hits).toMatchObject({ loading: false, all: [] })
  })

  it('given a custom reducer that fails at v 4, when hits are answered, then they say they stop there', async () => {
    const store = await openedOn('a1')
    api['stream.hits'].mockImplementationOnce(async (input) => ({
      ...streamHits(input),
      failure: { version: 4, eventType: 'Placed', kind: 'threw' as const, message: 'boom', location: null },
    }))

    store.getState().breakpointAdded('v == 2')
    await settle()

    expect(store.getState().debug.hits).toMatchObject({ all: [2], stoppedAt: 4 })
  })

  it('given hits under the merge patch, when the directory is trusted and states come from its reducer, then the hits are asked again', async () => {
    let trusted = false
    api['state.at'].mockImplementation(async ({ aggregateId, version }) => ({
      ...stateAt(aggregateId, version),
      reducer: trusted
        ? {
            ...reducer,
            aggregateId,
            trusted: true,
            reducer: {
              kind: 'custom' as const,
              label: 'Order.js',
              file: 'Order.js',
              source: 'store' as const,
            },
          }
        : { ...reducer, aggregateId },
    }))
    api['store.trust'].mockImplementation(async () => {
      trusted = true
      return { dir: '/data/store', trusted: true }
    })
    const store = await openedOn('a1')
    store.getState().breakpointAdded('v == 2')
    await settle()
    const asked = breakpointCalls().length

    store.getState().versionChosen(3)
    await settle()
    expect(breakpointCalls().length).toBe(asked)
    await store.getState().directoryTrusted()
    await settle()

    expect(breakpointCalls().length).toBe(asked + 1)
  })

  it('given breakpoints and hits, when another store is opened, then the breakpoints stay and the hits go', async () => {
    const store = await openedOn('a1')
    store.getState().breakpointAdded('v == 5')
    await settle()

    await opened(store, '/data/other')

    expect(store.getState().debug.breakpoints).toHaveLength(1)
    expect(store.getState().debug.hits).toMatchObject({ aggregateId: null, all: [] })
  })
})

describe('the debug slice: watches', () => {
  it('given a watch, when the slider moves, then its value at the new version is shown', async () => {
    const store = await openedOn('a1')
    store.getState().watchAdded('state.v')
    await settle()
    expect(store.getState().debug.values).toMatchObject({ version: 10 })

    store.getState().versionChosen(4)
    await settle()

    const [watch] = store.getState().debug.watches
    expect(api['stream.hits']).toHaveBeenLastCalledWith({ aggregateId: 'a1', watches: ['state.v'], at: 4 })
    expect(store.getState().debug.values.byWatch[watch!.id]).toEqual({ value: 4, exact: null, error: null })
  })

  it('given no watch, when the slider moves, then the host is not asked for values', async () => {
    const store = await openedOn('a1')
    api['stream.hits'].mockClear()

    store.getState().versionChosen(4)
    await settle()

    expect(api['stream.hits']).not.toHaveBeenCalled()
  })
})

describe('the debug slice: Play', () => {
  const tick = () => vi.advanceTimersByTimeAsync(1000)

  it('given a breakpoint at 3, when Play runs from 0 at 1 event a second, then it steps one event a tick and stops at 3', async () => {
    vi.useFakeTimers()
    const store = storeWith(api)
    await store.getState().pathSubmitted('/data/store')
    await vi.advanceTimersByTimeAsync(0)
    store.getState().aggregateSelected('a1')
    await vi.advanceTimersByTimeAsync(0)
    store.getState().breakpointAdded('v == 3')
    store.getState().playSpeedChosen(1)
    store.getState().versionChosen(0)
    await vi.advanceTimersByTimeAsync(0)

    store.getState().playToggled(true)
    const seen: number[] = []
    for (let i = 0; i < 5; i++) {
      await tick()
      seen.push(store.slider.getState().version)
    }

    expect(seen).toEqual([1, 2, 3, 3, 3])
    expect(store.getState().debug.play.running).toBe(false)
  })

  it('given Play stopped on a hit, when played again, then it leaves the hit and runs to the end', async () => {
    vi.useFakeTimers()
    const store = storeWith(api)
    await store.getState().pathSubmitted('/data/store')
    await vi.advanceTimersByTimeAsync(0)
    store.getState().aggregateSelected('a1')
    await vi.advanceTimersByTimeAsync(0)
    store.getState().breakpointAdded('v == 3')
    store.getState().playSpeedChosen(100)
    store.getState().versionChosen(3)
    await vi.advanceTimersByTimeAsync(0)

    store.getState().playToggled(true)
    await vi.advanceTimersByTimeAsync(1000)

    expect(store.slider.getState().version).toBe(10)
    expect(store.getState().debug.play.running).toBe(false)
  })

  it('given hits still on their way, when Play ticks, then it waits for them instead of running past a breakpoint', async () => {
    vi.useFakeTimers()
    const pending = deferred<ChannelOutput<'stream.hits'>>()
    const store = storeWith(api)
    await store.getState().pathSubmitted('/data/store')
    await vi.advanceTimersByTimeAsync(0)
    store.getState().aggregateSelected('a1')
    await vi.advanceTimersByTimeAsync(0)
    store.getState().versionChosen(0)
    api['stream.hits'].mockImplementationOnce(() => pending.promise)
    store.getState().breakpointAdded('v == 1')
    store.getState().playSpeedChosen(10)

    store.getState().playToggled(true)
    await vi.advanceTimersByTimeAsync(1000)
    expect(store.slider.getState().version).toBe(0)
    pending.resolve(streamHits({ aggregateId: 'a1', breakpoints: ['v == 1'] }))
    await vi.advanceTimersByTimeAsync(1000)

    expect(store.slider.getState().version).toBe(1)
    expect(store.getState().debug.play.running).toBe(false)
  })

  it('given Play running, when paused, then the slider stays where it is', async () => {
    vi.useFakeTimers()
    const store = storeWith(api)
    await store.getState().pathSubmitted('/data/store')
    await vi.advanceTimersByTimeAsync(0)
    store.getState().aggregateSelected('a1')
    await vi.advanceTimersByTimeAsync(0)
    store.getState().playSpeedChosen(1)
    store.getState().versionChosen(0)

    store.getState().playToggled(true)
    await tick()
    store.getState().playToggled(false)
    await tick()
    await tick()

    expect(store.slider.getState().version).toBe(1)
    expect(store.getState().debug.play.running).toBe(false)
  })

  it('given the slider at the end, when Play starts, then it starts over from the empty state', async () => {
    vi.useFakeTimers()
    const store = storeWith(api)
    await store.getState().pathSubmitted('/data/store')
    await vi.advanceTimersByTimeAsync(0)
    store.getState().aggregateSelected('a1')
    await vi.advanceTimersByTimeAsync(0)
    expect(store.slider.getState().version).toBe(10)
    store.getState().playSpeedChosen(1)

    store.getState().playToggled(true)
    expect(store.slider.getState().version).toBe(0)
    await tick()

    expect(store.slider.getState().version).toBe(1)
    expect(store.getState().debug.play.running).toBe(true)
  })

  it('given Play running, when another aggregate is picked, then Play stops and does not move the new one', async () => {
    vi.useFakeTimers()
    const store = storeWith(api)
    await store.getState().pathSubmitted('/data/store')
    await vi.advanceTimersByTimeAsync(0)
    store.getState().aggregateSelected('a1')
    await vi.advanceTimersByTimeAsync(0)
    store.getState().playSpeedChosen(1)
    store.getState().versionChosen(0)
    store.getState().playToggled(true)
    await tick()

    store.getState().aggregateSelected('a2')
    await vi.advanceTimersByTimeAsync(0)
    await tick()
    await tick()

    expect(store.getState().debug.play.running).toBe(false)
    expect(store.slider.getState().version).toBe(10)
  })
})
