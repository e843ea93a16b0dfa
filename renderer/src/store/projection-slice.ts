// Projections: the built-in and the store's own, one run at a time (cancellable), and its result.

import type { ChannelOutput } from '../../../shared/contract'
import { isCancelled, messageOf } from '../lib/format'
import type { SliceCreator } from './types'

export interface ProjectionRef {
  readonly kind: 'builtin' | 'custom'
  readonly name: string
}

export interface ProjectionSlice {
  readonly projections: {
    readonly list: ChannelOutput<'projection.list'> | null
    readonly listError: string | null
    /** The run in flight: its id and what it runs. */
    readonly running: (ProjectionRef & { readonly runId: string }) | null
    readonly result: (ProjectionRef & ChannelOutput<'projection.run'>) | null
    readonly error: string | null
  }
  projectionsNeeded(): void
  projectionRunRequested(projection: ProjectionRef): void
  projectionCancelled(): void
}

const none: ProjectionSlice['projections'] = {
  list: null,
  listError: null,
  running: null,
  result: null,
  error: null,
}

export const createProjectionSlice: SliceCreator<ProjectionSlice> = ({ set, get, api, latest }) => {
  let nextRun = 1
  const lists = latest()
  const patch = (part: Partial<ProjectionSlice['projections']>) =>
    set((s) => ({ projections: { ...s.projections, ...part } }))
  const slice: ProjectionSlice = {
    projections: none,

    projectionsNeeded() {
      if (!get().store.summary) return
      lists.run(
        api['projection.list']({}),
        (list) => patch({ list, listError: null }),
        (error: unknown) => patch({ listError: messageOf(error) }),
      )
    },

    projectionRunRequested(projection) {
      const previous = get().projections.running
      if (previous) void api['task.cancel']({ taskId: previous.runId }).catch(() => {})
      const runId = `projection-${nextRun++}`
      patch({ running: { ...projection, runId }, error: null })
      api['projection.run']({ taskId: runId, ...projection }).then(
        (outcome) => {
          if (get().projections.running?.runId === runId)
            patch({ running: null, result: { ...projection, ...outcome } })
        },
        (error: unknown) => {
          if (get().projections.running?.runId === runId)
            patch({ running: null, ...(isCancelled(error) ? {} : { error: messageOf(error) }) })
        },
      )
    },

    projectionCancelled() {
      const running = get().projections.running
      if (!running) return
      patch({ running: null })
      void api['task.cancel']({ taskId: running.runId }).catch(() => {})
    },
  }

  return {
    slice,
    perStore: () => ({ projections: none }),
    opened: (before) => {
      const running = before.projections.running
      if (running) void api['task.cancel']({ taskId: running.runId }).catch(() => {})
    },
  }
}
