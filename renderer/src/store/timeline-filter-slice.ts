// The timeline's own filter: events of the selected stream by type and by text, answered by the host's
// search restricted to that one aggregate (so a million-event stream is filtered where it is read).
//
// The filter stays when another aggregate is picked and runs again on it; opening a store clears it.

import type { SearchMatchDto } from '../../../shared/contract'
import { messageOf } from '../lib/format'
import type { SliceCreator } from './types'

/** The most matches listed; beyond it the list says so and asks for a narrower filter. */
export const timelineFilterLimit = 2000

export interface TimelineFilter {
  /** An event type, or '' for any. */
  readonly type: string
  /** Case-insensitive text anywhere in the line, or '' for any. */
  readonly text: string
}

export interface TimelineFilterSlice {
  readonly timelineFilter: TimelineFilter & {
    readonly running: string | null
    readonly result: {
      readonly aggregateId: string
      readonly matches: readonly SearchMatchDto[]
      readonly truncated: boolean
    } | null
    readonly error: string | null
  }
  /** The user changed the type or the text (the text field debounces before calling this). */
  timelineFilterEdited(part: Partial<TimelineFilter>): void
}

const cleared = { type: '', text: '', running: null, result: null, error: null } as const

export const createTimelineFilterSlice: SliceCreator<TimelineFilterSlice> = ({ set, get, store, api }) => {
  let nextRun = 1
  const patch = (part: Partial<TimelineFilterSlice['timelineFilter']>) =>
    set((s) => ({ timelineFilter: { ...s.timelineFilter, ...part } }))
  const cancel = (taskId: string | null) => {
    if (taskId) void api['task.cancel']({ taskId }).catch(() => {})
  }

  const run = () => {
    const { type, text, running } = get().timelineFilter
    const aggregateId = get().stream.aggregateId
    cancel(running)
    if (!aggregateId || (type === '' && text === '')) {
      patch({ running: null, result: null, error: null })
      return
    }
    const taskId = `timeline-filter-${nextRun++}`
    patch({ running: taskId, error: null })
    api['search.run']({
      taskId,
      aggregateIds: [aggregateId],
      ...(type ? { eventTypes: [type] } : {}),
      ...(text ? { text } : {}),
      limit: timelineFilterLimit,
    }).then(
      (answer) => {
        if (get().timelineFilter.running !== taskId) return
        // One stream: its events in version order, whatever order the store-wide search keeps.
        const matches = [...answer.matches].sort((a, b) => a.version - b.version)
        patch({ running: null, result: { aggregateId, matches, truncated: answer.truncated } })
      },
      (error: unknown) => {
        if (get().timelineFilter.running === taskId)
          patch({ running: null, result: null, error: messageOf(error) })
      },
    )
  }

  // Another aggregate picked, or its stream grew: the same filter, asked again.
  store.subscribe((now, before) => {
    const filtering = now.timelineFilter.type !== '' || now.timelineFilter.text !== ''
    if (!filtering) return
    if (now.stream.aggregateId !== before.stream.aggregateId || now.stream.info !== before.stream.info) run()
  })

  return {
    slice: {
      timelineFilter: cleared,
      timelineFilterEdited(part) {
        patch(part)
        run()
      },
    },
    perStore: () => ({ timelineFilter: cleared }),
    opened: (before) => cancel(before.timelineFilter.running),
  }
}
