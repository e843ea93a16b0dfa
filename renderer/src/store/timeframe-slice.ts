// The store over time: the histogram of events, the time range picked on it (which filters the
// aggregates table and pre-fills the search), and "the store as of T" (each aggregate's version then).

import type { ChannelOutput, HistogramDto } from '../../../shared/contract'
import { messageOf } from '../lib/format'
import { localInputOf } from '../lib/local-input-time'
import type { LastEventRange } from './aggregates-slice'
import type { Asked } from './insight-slice'
import type { SliceCreator } from './types'

type AsOfRow = ChannelOutput<'store.asOf'>['aggregates'][number]

export interface TimeframeSlice {
  readonly timeframe: {
    readonly histogram: Asked<HistogramDto>
    readonly unit: HistogramDto['unit'] | null
    readonly range: LastEventRange | null
    readonly asOf: {
      /** The instant asked for, or null: the present. */
      readonly at: string | null
      readonly loading: boolean
      readonly error: string | null
      /** Aggregates with at least one event by `at`. */
      readonly total: number
      readonly rows: Readonly<Record<string, AsOfRow>>
    }
  }
  histogramNeeded(unit?: HistogramDto['unit'] | null): void
  /** A range was dragged on the histogram (or typed), or cleared. */
  timeRangeSelected(range: LastEventRange | null): void
  /** The user set "the store as of T" (null: back to the present). */
  asOfChosen(at: string | null): void
}

const present = { at: null, loading: false, error: null, total: 0, rows: {} } as const

export const createTimeframeSlice: SliceCreator<TimeframeSlice> = ({
  set,
  get,
  store,
  api,
  slider,
  latest,
}) => {
  const histograms = latest()
  const asOfs = latest()
  const patch = (part: Partial<TimeframeSlice['timeframe']>) =>
    set((s) => ({ timeframe: { ...s.timeframe, ...part } }))

  // Opening an aggregate while the store is shown as of T lands on its version at T. The stream slice
  // moves the slider to the latest version right after `info` is set, so this runs a microtask later.
  store.subscribe((now, before) => {
    const { at, rows } = now.timeframe.asOf
    const id = now.stream.aggregateId
    if (at === null || !id || !now.stream.info || before.stream.info) return
    if (now.opened?.aggregateId === id) {
      // Opened from a result at a chosen version: keep it, once.
      queueMicrotask(() => set({ opened: null }))
      return
    }
    const row = rows[id]
    queueMicrotask(() => {
      if (get().stream.aggregateId !== id) return
      const version = row?.version ?? 0
      if (slider.getState().version !== version) get().versionChosen(version)
    })
  })

  const slice: TimeframeSlice = {
    timeframe: {
      histogram: { loading: false, result: null, error: null },
      unit: null,
      range: null,
      asOf: present,
    },

    histogramNeeded(unit) {
      if (!get().store.summary) return
      const wanted = unit === undefined ? get().timeframe.unit : unit
      set((s) => ({
        timeframe: {
          ...s.timeframe,
          unit: wanted,
          histogram: { ...s.timeframe.histogram, loading: true, error: null },
        },
      }))
      histograms.run(
        api['store.histogram'](wanted ? { unit: wanted } : {}),
        (result) => patch({ histogram: { loading: false, result, error: null } }),
        (error) =>
          set((s) => ({
            timeframe: {
              ...s.timeframe,
              histogram: { ...s.timeframe.histogram, loading: false, error: messageOf(error) },
            },
          })),
      )
    },

    timeRangeSelected(range) {
      patch({ range })
      get().aggregatesTimeRanged(range)
      get().searchDraftEdited({
        since: range?.since ? localInputOf(range.since) : '',
        until: range?.until ? localInputOf(range.until) : '',
      })
    },

    asOfChosen(at) {
      if (at === null) {
        asOfs.supersede()
        patch({ asOf: present })
        return
      }
      set((s) => ({
        timeframe: { ...s.timeframe, asOf: { ...s.timeframe.asOf, at, loading: true, error: null } },
      }))
      asOfs.run(
        api['store.asOf']({ at, limit: 100_000 }),
        (reply) => {
          const rows = Object.fromEntries(reply.aggregates.map((row) => [row.aggregateId, row]))
          patch({ asOf: { at, loading: false, error: null, total: reply.total, rows } })
          // The open aggregate moves to its version at T too.
          const id = get().stream.aggregateId
          if (id && get().stream.info) get().versionChosen(rows[id]?.version ?? 0)
        },
        (error) =>
          set((s) => ({
            timeframe: {
              ...s.timeframe,
              asOf: { ...s.timeframe.asOf, loading: false, error: messageOf(error) },
            },
          })),
      )
    },
  }

  return {
    slice,
    // The histogram's unit is the user's choice and stays.
    perStore: (s) => ({
      timeframe: {
        histogram: { loading: false, result: null, error: null },
        unit: s.timeframe.unit,
        range: null,
        asOf: present,
      },
    }),
  }
}
