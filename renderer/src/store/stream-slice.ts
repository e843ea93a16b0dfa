// The selected aggregate's stream: its StreamInfo and the pages of its timeline.

import type { StreamInfo, TimelineRow } from '../../../shared/contract'
import { api } from '../ipc/client'
import { messageOf } from '../lib/format'
import { pageSize, pagesCovering } from '../lib/pages'
import { sliderStore } from './slider-store'
import type { Page, SliceCreator } from './types'

export interface StreamSlice {
  readonly stream: {
    readonly aggregateId: string | null
    readonly info: StreamInfo | null
    readonly loading: boolean
    readonly error: string | null
    readonly pages: Readonly<Record<number, Page<TimelineRow>>>
    readonly generation: number
  }
  /** The user picked an aggregate (or none); opens its stream at its latest version. */
  aggregateSelected(aggregateId: string | null): void
  timelineRowsNeeded(first: number, last: number): void
  /** The selected stream changed on disk: reload it, following the tail if the slider was there. */
  streamInvalidated(): void
}

const inFlight = new Set<string>()

export const createStreamSlice: SliceCreator<StreamSlice> = (set, get) => {
  const open = async (
    aggregateId: string,
    follow: (info: StreamInfo, previous: StreamInfo | null) => number,
  ) => {
    const previous = get().stream.info
    try {
      const info = await api['stream.open']({ aggregateId })
      if (get().stream.aggregateId !== aggregateId) return
      set((s) => ({ stream: { ...s.stream, info, loading: false, error: null } }))
      get().versionChosen(follow(info, previous))
    } catch (error) {
      if (get().stream.aggregateId !== aggregateId) return
      set((s) => ({ stream: { ...s.stream, loading: false, error: messageOf(error) } }))
    }
  }

  return {
    stream: { aggregateId: null, info: null, loading: false, error: null, pages: {}, generation: 0 },

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
        },
      }))
      get().inspectionCleared()
      if (aggregateId) void open(aggregateId, (info) => info.eventCount)
    },

    streamInvalidated() {
      const { aggregateId } = get().stream
      if (!aggregateId) return
      set((s) => ({ stream: { ...s.stream, generation: s.stream.generation + 1 } }))
      void open(aggregateId, (info, previous) => {
        const at = sliderStore.getState().version
        // Watching the newest event keeps watching the newest one as events are appended.
        return previous && at === previous.eventCount ? info.eventCount : Math.min(at, info.eventCount)
      })
    },

    timelineRowsNeeded(first, last) {
      const { aggregateId, info, pages, generation } = get().stream
      if (!aggregateId || !info) return
      for (const page of pagesCovering(first, last, info.rowCount)) {
        if (pages[page]?.generation === generation) continue
        const key = `${aggregateId}:${generation}:${page}`
        if (inFlight.has(key)) continue
        inFlight.add(key)
        api['stream.window']({ aggregateId, offset: page * pageSize, limit: pageSize })
          .then(
            (reply) => {
              const now = get().stream
              if (now.aggregateId !== aggregateId || now.generation !== generation) return
              set((s) => ({
                stream: {
                  ...s.stream,
                  pages: { ...s.stream.pages, [page]: { generation, rows: reply.rows } },
                },
              }))
            },
            (error: unknown) => {
              if (get().stream.aggregateId !== aggregateId) return
              set((s) => ({ stream: { ...s.stream, error: messageOf(error) } }))
            },
          )
          .finally(() => inFlight.delete(key))
      }
    },
  }
}
