// What the slider points at: the rebuilt state at a version, its changes, and the event itself.
//
// Requests go through a coalescer: a drag asks for many versions, the host sees at most one request in
// flight and then only the newest position, so the state panel never lags behind a queue of old work.

import type {
  Change,
  ChannelOutput,
  ExactIntegers,
  Json,
  NormalizedEvent,
  ReducerStatusDto,
  ReplayFailureDto,
} from '../../../shared/contract'
import { createCoalescer, type Outcome } from '../lib/coalescer'
import { shareExact } from '../lib/exact-numbers'
import { messageOf } from '../lib/format'
import { rowOfVersion } from '../lib/row-of-version'
import { shareJson } from '../lib/share-json'
import type { SliceCreator } from './types'

interface Target {
  readonly aggregateId: string
  readonly version: number
}

interface Inspected {
  readonly state: Outcome<ChannelOutput<'state.at'>>
  readonly event: Outcome<NormalizedEvent> | null
}

export interface InspectionSlice {
  readonly inspection: {
    readonly aggregateId: string | null
    /** The version the panels show (may trail the slider while a request is in flight). */
    readonly version: number | null
    readonly state: Json | null
    /** Exact digits of the integers beyond 2^53 in `state`, by JSON Pointer (shown instead of the double). */
    readonly exact: ExactIntegers | null
    readonly changes: readonly Change[]
    readonly stateError: string | null
    readonly event: NormalizedEvent | null
    readonly eventError: string | null
    /** The reducer the state was computed with (custom reducers: features/reducer). */
    readonly reducer: ReducerStatusDto | null
    /** Where a custom reducer stopped; the state shown is then the one before `failure.version`. */
    readonly failure: ReplayFailureDto | null
  }
  /** The user moved the slider, picked a timeline row, or a stream opened at its latest version. */
  versionChosen(version: number): void
  /**
   * The link in a reducer failure: the event it failed on goes to the Event pane (the state stays the
   * one before it) and the timeline scrolls to its row.
   */
  failedEventShown(): void
  inspectionCleared(): void
}

const empty: InspectionSlice['inspection'] = {
  aggregateId: null,
  version: null,
  state: null,
  exact: null,
  changes: [],
  stateError: null,
  event: null,
  eventError: null,
  reducer: null,
  failure: null,
}

const settle = async <T>(promise: Promise<T>): Promise<Outcome<T>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  )

export const createInspectionSlice: SliceCreator<InspectionSlice> = ({ set, get, api, slider }) => {
  const coalescer = createCoalescer<Target, Inspected>({
    same: (a, b) => a.aggregateId === b.aggregateId && a.version === b.version,
    run: async ({ aggregateId, version }) => {
      const [state, event] = await Promise.all([
        settle(api['state.at']({ aggregateId, version })),
        // Version 0 is the empty state before the first event: there is no event to show.
        version > 0 ? settle(api['event.get']({ aggregateId, version })) : Promise.resolve(null),
      ])
      return { state, event }
    },
    deliver: ({ aggregateId, version }, outcome) => {
      if (get().stream.aggregateId !== aggregateId) return
      const previous = get().inspection
      const state = outcome.ok ? outcome.value.state : outcome
      const event = outcome.ok ? outcome.value.event : null
      if (!state.ok) {
        // Keep showing the last good state (its own version label stays true) with the failure above it.
        const keep = previous.aggregateId === aggregateId ? previous : { ...empty, aggregateId, version }
        set({ inspection: { ...keep, stateError: messageOf(state.error) } })
        return
      }
      // A custom reducer that stopped returns the state before its failing event: the slider moves to
      // that version, so it never claims a version whose state is not the one shown.
      const shown = state.value.failure ? Math.min(version, state.value.version) : version
      const moved = shown !== version
      if (moved && slider.getState().version === version) slider.setState({ version: shown })
      if (moved && shown > 0)
        void api['event.get']({ aggregateId, version: shown }).then(
          (found) => {
            const now = get().inspection
            if (now.aggregateId === aggregateId && now.version === shown && now.event === null)
              set({ inspection: { ...now, event: found } })
          },
          () => {},
        )
      set({
        inspection: {
          aggregateId,
          version: shown,
          // Unchanged parts keep the objects shown before, so the tree re-renders only what moved.
          state: shareJson(previous.aggregateId === aggregateId ? previous.state : null, state.value.state),
          // Kept as the same object while its digits stay, so the tree's memo holds across moves.
          exact: shareExact(previous.aggregateId === aggregateId ? previous.exact : null, state.value.exact),
          changes: state.value.changes,
          stateError: null,
          event: moved ? null : event?.ok ? event.value : null,
          eventError: !moved && event && !event.ok ? messageOf(event.error) : null,
          reducer: state.value.reducer ?? null,
          failure: state.value.failure ?? null,
        },
      })
    },
  })

  const slice: InspectionSlice = {
    inspection: empty,

    versionChosen(version) {
      const { aggregateId, info } = get().stream
      if (!aggregateId || !info) return
      const clamped = Math.max(0, Math.min(info.eventCount, Math.round(version)))
      slider.setState({ version: clamped })
      coalescer.request({ aggregateId, version: clamped })
    },

    failedEventShown() {
      const { aggregateId, failure, version } = get().inspection
      const { info } = get().stream
      if (!aggregateId || !failure || version === null || get().stream.aggregateId !== aggregateId) return
      if (info) {
        const row = rowOfVersion(
          failure.version,
          info.problems.map((entry) => entry.row),
        )
        set((s) => ({ stream: { ...s.stream, focus: { row, version } } }))
      }
      // Kept only while nothing moved: the same aggregate at the same version with the same failure.
      const still = () => {
        const now = get().inspection
        return now.aggregateId === aggregateId && now.version === version && now.failure === failure
      }
      api['event.get']({ aggregateId, version: failure.version }).then(
        (found) => {
          if (still()) set({ inspection: { ...get().inspection, event: found, eventError: null } })
        },
        (error: unknown) => {
          if (still()) set({ inspection: { ...get().inspection, eventError: messageOf(error) } })
        },
      )
    },

    inspectionCleared() {
      coalescer.clear()
      slider.setState({ version: 0 })
      set({ inspection: empty })
    },
  }

  return {
    slice,
    perStore: () => ({ inspection: empty }),
    opened: () => {
      coalescer.clear()
      slider.setState({ version: 0 })
    },
  }
}
