// Domain-aware replay and the per-aggregate questions: the bottom dock, trusting a store's reducers,
// the diff between two versions, and the events that share a correlation id.

import type { ChannelOutput } from '../../../shared/contract'
import { messageOf } from '../lib/format'
import type { SliceCreator } from './types'

export type DockTab = 'search' | 'projections' | 'time' | 'diff' | 'correlation' | 'invariants'

export interface Asked<T> {
  readonly loading: boolean
  readonly result: T | null
  readonly error: string | null
}

const idle = { loading: false, result: null, error: null } as const

export interface InsightSlice {
  readonly dock: { readonly open: boolean; readonly tab: DockTab }
  readonly trust: { readonly busy: boolean; readonly error: string | null }
  readonly diff: Asked<ChannelOutput<'state.diff'>> & {
    /** The versions the user asked to compare, kept while the answer is on its way. */
    readonly from: number | null
    readonly to: number | null
  }
  readonly correlation: Asked<ChannelOutput<'correlation.list'>> & {
    readonly source: { readonly aggregateId: string; readonly version: number } | null
  }
  /** The last event opened from a result, so "as of T" does not move the slider away from it. */
  readonly opened: { readonly aggregateId: string; readonly version: number } | null
  /** The user opened or closed the bottom dock, or picked one of its tabs (which opens it). */
  dockToggled(open: boolean): void
  dockTabChosen(tab: DockTab): void
  /** The user trusts the open store's directory: its own reducers (and projections) now run. */
  directoryTrusted(): Promise<void>
  /** Compare two versions of the selected aggregate. */
  diffRequested(from: number, to: number): void
  /** List every event sharing the correlation id of this one. */
  correlationRequested(aggregateId: string, version: number): void
  /** A result (search, correlation, as-of) was picked: show that aggregate at that version. */
  eventOpened(aggregateId: string, version: number): void
}

export const createInsightSlice: SliceCreator<InsightSlice> = ({ set, get, api, slider, latest }) => {
  const diffs = latest()
  const correlations = latest()
  const slice: InsightSlice = {
    dock: { open: false, tab: 'search' },
    trust: { busy: false, error: null },
    diff: { ...idle, from: null, to: null },
    correlation: { ...idle, source: null },
    opened: null,

    dockToggled(open) {
      set((s) => ({ dock: { ...s.dock, open } }))
    },

    dockTabChosen(tab) {
      set({ dock: { open: true, tab } })
    },

    async directoryTrusted() {
      set({ trust: { busy: true, error: null } })
      try {
        await api['store.trust']({ trusted: true })
        set({ trust: { busy: false, error: null } })
        // The same version again, now under the store's reducer.
        get().versionChosen(slider.getState().version)
      } catch (error) {
        set({ trust: { busy: false, error: messageOf(error) } })
      }
    },

    diffRequested(from, to) {
      const aggregateId = get().stream.aggregateId
      if (!aggregateId) return
      set((s) => ({ diff: { ...s.diff, loading: true, error: null, from, to } }))
      diffs.run(
        api['state.diff']({ aggregateId, fromVersion: from, toVersion: to }),
        (result) => set({ diff: { loading: false, result, error: null, from, to } }),
        (error) => set((s) => ({ diff: { ...s.diff, loading: false, error: messageOf(error) } })),
      )
    },

    correlationRequested(aggregateId, version) {
      set({ correlation: { loading: true, result: null, error: null, source: { aggregateId, version } } })
      get().dockTabChosen('correlation')
      correlations.run(
        api['correlation.list']({ aggregateId, version }),
        (result) => set((s) => ({ correlation: { ...s.correlation, loading: false, result } })),
        (error) =>
          set((s) => ({ correlation: { ...s.correlation, loading: false, error: messageOf(error) } })),
      )
    },

    eventOpened(aggregateId, version) {
      const { stream } = get()
      if (stream.aggregateId === aggregateId && stream.info && version <= stream.info.eventCount) {
        get().versionChosen(version)
        return
      }
      // The same road as an append: select the aggregate, and land on `version` once it is read.
      set({ opened: { aggregateId, version } })
      get().eventAppended(aggregateId, version)
    },
  }

  return {
    slice,
    // The dock's place and tab are the user's layout and stay.
    perStore: () => ({
      trust: { busy: false, error: null },
      diff: { ...idle, from: null, to: null },
      correlation: { ...idle, source: null },
      opened: null,
    }),
  }
}
