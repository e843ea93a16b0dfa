// The selected aggregate's stream: its StreamInfo, the pages of its timeline, and whether it follows
// appends made by other programs.
//
// When the stream changes on disk it is re-opened and its visible pages refetched under a new
// generation; the old pages stay on screen until replaced, so the timeline keeps its scroll position.

import type { StreamInfo, TimelineRow } from '../../../shared/contract'
import { versionAfterChange } from '../lib/follow'
import { messageOf } from '../lib/format'
import { createPagedWindow, type Page } from '../lib/paged-window'
import { versionAtRow } from '../lib/row-of-version'
import type { SliceCreator, Store } from './types'

export interface StreamSlice {
  readonly stream: {
    readonly aggregateId: string | null
    readonly info: StreamInfo | null
    readonly loading: boolean
    readonly error: string | null
    readonly pages: Readonly<Record<number, Page<TimelineRow>>>
    readonly generation: number
    /** A row picked from outside the timeline (a finding of the Problems panel), shown selected while
     * the slider stays at `version`. */
    readonly focus: { readonly row: number; readonly version: number } | null
  }
  /** Whether changes to the open stream move the slider to its newest event. */
  readonly follow: boolean
  /** Payload fields the timeline shows as columns (the column picker's choice for this type). */
  readonly timelineFields: readonly string[]
  /** The user picked an aggregate (or none); opens its stream at its latest version. */
  aggregateSelected(aggregateId: string | null): void
  timelineRowsNeeded(first: number, last: number): void
  /** The selected stream changed on disk: reload it; the slider stays unless following. */
  streamInvalidated(): void
  /** The user turned following on or off; turning it on jumps to the newest event. */
  followToggled(on: boolean): void
  /** The user appended `version` to `aggregateId`: show that aggregate at that version. */
  eventAppended(aggregateId: string, version: number): void
  /** A line of the open stream was picked (a finding): select its row, an event or a bad line. */
  timelineLineChosen(aggregateId: string, line: number): void
  /** The timeline is to show these payload fields as columns: refetch its rows with them. */
  timelineFieldsShown(fields: readonly string[]): void
}

/** How far before row `line - 1` an event's row may sit (blank lines take no row): one window. */
const lineSearchRows = 200

const closed: Store['stream'] = {
  aggregateId: null,
  info: null,
  loading: false,
  error: null,
  pages: {},
  generation: 0,
  focus: null,
}

export const createStreamSlice: SliceCreator<StreamSlice> = ({ set, get, api, slider, latest }) => {
  // Only the newest stream.open may land: two quick changes must not let the older answer win.
  const opens = latest()
  // A version the user just appended, shown as soon as an opened stream holds it.
  let appended: { readonly aggregateId: string; readonly version: number } | null = null

  const timeline = createPagedWindow({
    snapshot: () => {
      const { aggregateId, info, pages, generation } = get().stream
      if (!aggregateId || !info) return null
      return { scope: aggregateId, generation, pages, count: info.rowCount }
    },
    fetch: ({ scope }, offset, limit) => {
      const fields = get().timelineFields
      return api['stream.window']({
        aggregateId: scope,
        offset,
        limit,
        ...(fields.length > 0 ? { fields: [...fields] } : {}),
      })
    },
    landed: (page, rows) =>
      set((s) => ({ stream: { ...s.stream, pages: { ...s.stream.pages, [page]: rows } } })),
    failed: (error) => set((s) => ({ stream: { ...s.stream, error: messageOf(error) } })),
  })

  const open = async (aggregateId: string, fresh: boolean) => {
    const current = opens.next()
    try {
      const info = await api['stream.open']({ aggregateId })
      if (get().stream.aggregateId !== aggregateId || !current()) return
      set((s) => ({ stream: { ...s.stream, info, loading: false, error: null } }))
      const wanted = appended?.aggregateId === aggregateId ? appended.version : null
      if (wanted !== null && wanted <= info.eventCount) appended = null
      const at = slider.getState().version
      get().versionChosen(
        versionAfterChange({
          follow: fresh || get().follow,
          at,
          eventCount: info.eventCount,
          appended: wanted,
        }),
      )
    } catch (error) {
      if (get().stream.aggregateId !== aggregateId || !current()) return
      set((s) => ({ stream: { ...s.stream, loading: false, error: messageOf(error) } }))
    }
  }

  const slice: StreamSlice = {
    stream: closed,
    follow: false,
    timelineFields: [],

    aggregateSelected(aggregateId) {
      if (aggregateId === get().stream.aggregateId && aggregateId !== null) return
      set((s) => ({
        stream: {
          aggregateId,
          info: null,
          loading: aggregateId !== null,
          error: null,
          pages: {},
          generation: s.stream.generation + 1,
          focus: null,
        },
      }))
      get().inspectionCleared()
      // A freshly opened stream shows its latest version.
      if (aggregateId) void open(aggregateId, true)
    },

    streamInvalidated() {
      const { aggregateId } = get().stream
      if (!aggregateId) return
      set((s) => ({ stream: { ...s.stream, generation: s.stream.generation + 1, focus: null } }))
      void open(aggregateId, false)
    },

    timelineFieldsShown(fields) {
      const now = get().timelineFields
      if (now.length === fields.length && now.every((field, i) => field === fields[i])) return
      // A new generation: the visible pages are fetched again with the new cells, the old ones shown
      // until they land.
      set((s) => ({
        timelineFields: [...fields],
        stream: { ...s.stream, generation: s.stream.generation + 1 },
      }))
    },

    followToggled(on) {
      set({ follow: on })
      const { info } = get().stream
      if (on && info) get().versionChosen(info.eventCount)
    },

    eventAppended(aggregateId, version) {
      appended = { aggregateId, version }
      if (get().stream.aggregateId !== aggregateId) get().aggregateSelected(aggregateId)
      else get().streamInvalidated()
    },

    timelineLineChosen(aggregateId, line) {
      const { info } = get().stream
      if (get().stream.aggregateId !== aggregateId || !info) return
      const focusOn = (row: number, version: number): void => {
        get().versionChosen(version)
        set((s) => ({ stream: { ...s.stream, focus: { row, version } } }))
      }
      const bad = info.problems.find((entry) => entry.problem.line === line)
      if (bad) {
        // The slider goes to the event before the bad line, so the state shown is the one it follows.
        focusOn(
          bad.row,
          versionAtRow(
            bad.row,
            info.problems.map((entry) => entry.row),
          ),
        )
        return
      }
      // Every line holds at most one row, so an event's row is at most line - 1: one window finds it.
      const offset = Math.max(0, line - lineSearchRows)
      api['stream.window']({ aggregateId, offset, limit: lineSearchRows + 1 })
        .then((reply) => {
          const row = reply.rows.find((candidate) => candidate.kind === 'event' && candidate.line === line)
          if (row?.kind === 'event' && get().stream.aggregateId === aggregateId) focusOn(row.row, row.version)
        })
        .catch(() => {})
    },

    timelineRowsNeeded(first, last) {
      timeline.need(first, last)
    },
  }

  return {
    slice,
    // Following is the user's choice and stays; no aggregate of the new store is selected yet.
    perStore: (s) => ({ stream: { ...closed, generation: s.stream.generation + 1 } }),
    opened: () => {
      appended = null
    },
  }
}
