// The inspector's debugger: watch expressions (their values at the slider's version), breakpoints
// (the versions of the open stream where each holds: its hits) and Play, which walks forward one event
// at a time at a chosen speed and stops at a hit or at the end.
//
// The expressions are the user's and stay across aggregates and stores; what they found (hits, watch
// values) is about one stream and is asked again whenever the stream, its length or the list changes.
// Watch values go through a coalescer, as the state does: a drag asks for the newest version only.

import type { ReducerStatusDto } from '../../../shared/contract'
import { createCoalescer } from '../lib/coalescer'
import { messageOf } from '../lib/format'
import { mergeHits, nextHit, playStep, previousHit } from '../lib/hits'
import { debugQueries, type BreakpointHits, type WatchAnswer } from './debug-queries'
import type { SliceCreator, Store } from './types'

export interface Watch {
  readonly id: string
  readonly text: string
}

export interface Breakpoint {
  readonly id: string
  readonly text: string
  readonly enabled: boolean
}

/** Play's speeds, in events per second. */
export const playSpeeds = [1, 2, 5, 10, 25, 100] as const
export type PlaySpeed = (typeof playSpeeds)[number]

export interface DebugSlice {
  readonly debug: {
    readonly watches: readonly Watch[]
    readonly breakpoints: readonly Breakpoint[]
    readonly hits: {
      /** The stream (and its length) these hits are of; null before any was asked. */
      readonly aggregateId: string | null
      readonly eventCount: number
      readonly loading: boolean
      /** By breakpoint id: its versions, or why it could not be evaluated. */
      readonly byBreakpoint: Readonly<Record<string, BreakpointHits>>
      /** Every enabled breakpoint's hits, merged: where Play and the hit keys stop, the marks. */
      readonly all: readonly number[]
      /** A custom reducer failed on this version: the hits from there on are unknown. */
      readonly stoppedAt: number | null
      readonly error: string | null
    }
    readonly values: {
      readonly aggregateId: string | null
      readonly version: number | null
      readonly byWatch: Readonly<Record<string, WatchAnswer>>
      readonly error: string | null
    }
    readonly play: { readonly running: boolean; readonly speed: PlaySpeed }
  }
  watchAdded(text: string): void
  watchRemoved(id: string): void
  breakpointAdded(text: string): void
  breakpointRemoved(id: string): void
  breakpointToggled(id: string): void
  /** Jump to the next (1) or previous (-1) hit of the enabled breakpoints. */
  hitStepped(step: 1 | -1): void
  playToggled(running: boolean): void
  playSpeedChosen(speed: PlaySpeed): void
}

const noHits: DebugSlice['debug']['hits'] = {
  aggregateId: null,
  eventCount: 0,
  loading: false,
  byBreakpoint: {},
  all: [],
  stoppedAt: null,
  error: null,
}
const noValues: DebugSlice['debug']['values'] = { aggregateId: null, version: null, byWatch: {}, error: null }

/** What decides the states a stream's versions have: which reducer, and whether it may run. */
function reducerKey(status: ReducerStatusDto | null): string | null {
  if (!status) return null
  const { reducer, trusted, loadError } = status
  return JSON.stringify([reducer.kind, reducer.file, trusted, loadError])
}

interface ValuesKey {
  readonly aggregateId: string
  readonly version: number
  readonly watches: readonly Watch[]
}

export const createDebugSlice: SliceCreator<DebugSlice> = ({ set, get, api, slider, store, latest }) => {
  const queries = debugQueries(api)
  const hitsGate = latest()
  let nextId = 1
  let nextWalk = 1
  /** The walk for hits in flight, cancelled when its answer is no longer wanted. */
  let walking: string | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  const patch = (part: Partial<DebugSlice['debug']>) => set((s) => ({ debug: { ...s.debug, ...part } }))

  const mergeEnabled = (s: Store, byBreakpoint: Record<string, BreakpointHits>) =>
    mergeHits(s.debug.breakpoints.filter((b) => b.enabled).map((b) => byBreakpoint[b.id]?.versions ?? []))

  /** Ask for the hits of every breakpoint in the open stream (none: forget them). */
  const refreshHits = (): void => {
    const { aggregateId, info } = get().stream
    const { breakpoints } = get().debug
    // A walk of a long stream takes a while: the one no longer wanted stops rather than finish unread.
    if (walking) void api['task.cancel']({ taskId: walking }).catch(() => {})
    walking = null
    if (!aggregateId || !info || breakpoints.length === 0) {
      hitsGate.supersede()
      patch({ hits: noHits })
      return
    }
    const eventCount = info.eventCount
    const taskId = `hits-${nextWalk++}`
    walking = taskId
    const done = () => {
      if (walking === taskId) walking = null
    }
    set((s) => ({ debug: { ...s.debug, hits: { ...s.debug.hits, loading: true, error: null } } }))
    const asked = queries.hits(
      aggregateId,
      breakpoints.map((b) => b.text),
      taskId,
    )
    asked.then(done, done)
    hitsGate.run(
      asked,
      ({ hits: found, stoppedAt }) => {
        const byBreakpoint = Object.fromEntries(breakpoints.map((b, i) => [b.id, found[i]!]))
        set((s) => ({
          debug: {
            ...s.debug,
            hits: {
              aggregateId,
              eventCount,
              loading: false,
              byBreakpoint,
              all: mergeEnabled(s, byBreakpoint),
              stoppedAt,
              error: null,
            },
          },
        }))
      },
      (error) =>
        set((s) => ({
          debug: {
            ...s.debug,
            hits: { ...noHits, aggregateId, eventCount, error: messageOf(error) },
          },
        })),
    )
  }

  const values = createCoalescer<ValuesKey, readonly WatchAnswer[]>({
    same: (a, b) => a.aggregateId === b.aggregateId && a.version === b.version && a.watches === b.watches,
    run: ({ aggregateId, version, watches }) =>
      queries.watches(
        aggregateId,
        version,
        watches.map((w) => w.text),
      ),
    deliver: ({ aggregateId, version, watches }, outcome) => {
      if (get().stream.aggregateId !== aggregateId || get().debug.watches !== watches) return
      const byWatch = outcome.ok ? Object.fromEntries(watches.map((w, i) => [w.id, outcome.value[i]!])) : {}
      patch({
        values: { aggregateId, version, byWatch, error: outcome.ok ? null : messageOf(outcome.error) },
      })
    },
  })

  /** Ask for the watches' values at the slider's version. */
  const refreshValues = (): void => {
    const { aggregateId, info } = get().stream
    const { watches } = get().debug
    if (!aggregateId || !info || watches.length === 0) return
    values.request({ aggregateId, version: slider.getState().version, watches })
  }

  const stopPlay = (): void => {
    if (timer !== null) clearTimeout(timer)
    timer = null
    if (get().debug.play.running) patch({ play: { ...get().debug.play, running: false } })
  }

  /** One step of Play; the next is scheduled unless it stopped. Waits while hits are on their way. */
  const tick = (): void => {
    timer = null
    const { info } = get().stream
    if (!info || !get().debug.play.running) return stopPlay()
    const { hits } = get().debug
    if (!hits.loading) {
      const step = playStep(hits.all, slider.getState().version, info.eventCount)
      get().versionChosen(step.version)
      if (step.stop) return stopPlay()
    }
    timer = setTimeout(tick, 1000 / get().debug.play.speed)
  }

  const editBreakpoints = (breakpoints: readonly Breakpoint[]): void => {
    patch({ breakpoints })
    refreshHits()
  }

  // The stream was opened or read again (another aggregate, an append, a reducer file edited), or its
  // states now come from another reducer (the directory trusted): its hits are asked again. A reread
  // stream is a new StreamInfo, so this never fires on the slider's moves.
  store.subscribe((now, before) => {
    const { info } = now.stream
    const reducerChanged =
      now.inspection.reducer !== before.inspection.reducer &&
      now.inspection.reducer?.aggregateId === before.inspection.reducer?.aggregateId &&
      reducerKey(now.inspection.reducer) !== reducerKey(before.inspection.reducer)
    if (info !== before.stream.info || reducerChanged) refreshHits()
    if (now.stream.aggregateId !== before.stream.aggregateId) stopPlay()
    if (info !== before.stream.info || reducerChanged) refreshValues()
  })
  slider.subscribe(() => refreshValues())

  const slice: DebugSlice = {
    debug: {
      watches: [],
      breakpoints: [],
      hits: noHits,
      values: noValues,
      play: { running: false, speed: 5 },
    },

    watchAdded(text) {
      const trimmed = text.trim()
      if (!trimmed) return
      patch({ watches: [...get().debug.watches, { id: `w${nextId++}`, text: trimmed }] })
      refreshValues()
    },

    watchRemoved(id) {
      patch({ watches: get().debug.watches.filter((w) => w.id !== id) })
      refreshValues()
    },

    breakpointAdded(text) {
      const trimmed = text.trim()
      const { breakpoints } = get().debug
      if (!trimmed) return
      const same = breakpoints.find((b) => b.text === trimmed)
      if (same) {
        if (!same.enabled) slice.breakpointToggled(same.id)
        return
      }
      editBreakpoints([...breakpoints, { id: `b${nextId++}`, text: trimmed, enabled: true }])
    },

    breakpointRemoved(id) {
      editBreakpoints(get().debug.breakpoints.filter((b) => b.id !== id))
    },

    breakpointToggled(id) {
      const breakpoints = get().debug.breakpoints.map((b) =>
        b.id === id ? { ...b, enabled: !b.enabled } : b,
      )
      // The versions are known already: only which of them count changes.
      set((s) => ({
        debug: {
          ...s.debug,
          breakpoints,
          hits: {
            ...s.debug.hits,
            all: mergeEnabled({ ...s, debug: { ...s.debug, breakpoints } }, s.debug.hits.byBreakpoint),
          },
        },
      }))
    },

    hitStepped(step) {
      const version = slider.getState().version
      const { all } = get().debug.hits
      const target = step === 1 ? nextHit(all, version) : previousHit(all, version)
      if (target !== null) get().versionChosen(target)
    },

    playToggled(running) {
      if (!running) return stopPlay()
      const { info } = get().stream
      if (!info || get().debug.play.running) return
      patch({ play: { ...get().debug.play, running: true } })
      // From the end, Play starts over from the beginning, as a player does.
      if (slider.getState().version >= info.eventCount) get().versionChosen(0)
      timer = setTimeout(tick, 1000 / get().debug.play.speed)
    },

    playSpeedChosen(speed) {
      patch({ play: { ...get().debug.play, speed } })
    },
  }

  return {
    slice,
    // Watches and breakpoints are the user's questions and stay; their answers were about the old store.
    perStore: (s) => ({
      debug: { ...s.debug, hits: noHits, values: noValues, play: { ...s.debug.play, running: false } },
    }),
    opened: () => {
      // The host stops the old store's work itself; its walk is no longer ours to cancel.
      walking = null
      if (timer !== null) clearTimeout(timer)
      timer = null
      hitsGate.supersede()
      values.clear()
    },
  }
}
