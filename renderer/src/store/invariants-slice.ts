// The Invariants dock tab: an invariant (or the store's own, `.eventscope/invariants.json`) checked at
// every version of every aggregate, the run in flight (cancellable by its id) and the violators found.
//
// Opening a violator shows its aggregate at its first violating version with a breakpoint on the
// invariant's negation, so Play and the hit keys walk the versions where it is broken.

import { isCancelled, messageOf } from '../lib/format'
import { debugQueries, type CheckAnswer, type Violation } from './debug-queries'
import type { SliceCreator } from './types'

export interface InvariantsDraft {
  /** Empty: the store's own invariants. */
  readonly expression: string
  readonly aggregateType: string
}

export interface InvariantsSlice {
  readonly invariants: {
    readonly draft: InvariantsDraft
    /** The id of the run in flight, or null. */
    readonly running: string | null
    readonly result: CheckAnswer | null
    readonly error: string | null
  }
  invariantsDraftEdited(part: Partial<InvariantsDraft>): void
  invariantsCheckStarted(): void
  invariantsCheckCancelled(): void
  /** A violator was picked: its aggregate at its first violating version, the breakpoint set. */
  violationOpened(violation: Violation): void
}

/** The breakpoint that stops where `invariant` does not hold. */
export function breakpointOf(invariant: string): string {
  return `not (${invariant})`
}

export const createInvariantsSlice: SliceCreator<InvariantsSlice> = ({ set, get, api }) => {
  const queries = debugQueries(api)
  let nextRun = 1
  const patch = (part: Partial<InvariantsSlice['invariants']>) =>
    set((s) => ({ invariants: { ...s.invariants, ...part } }))

  const slice: InvariantsSlice = {
    invariants: { draft: { expression: '', aggregateType: '' }, running: null, result: null, error: null },

    invariantsDraftEdited(part) {
      set((s) => ({ invariants: { ...s.invariants, draft: { ...s.invariants.draft, ...part } } }))
    },

    invariantsCheckStarted() {
      const previous = get().invariants.running
      if (previous) void api['task.cancel']({ taskId: previous }).catch(() => {})
      const taskId = `check-${nextRun++}`
      const { expression, aggregateType } = get().invariants.draft
      patch({ running: taskId, error: null })
      queries
        .check({
          taskId,
          invariant: expression.trim() || null,
          aggregateType: aggregateType.trim() || null,
        })
        .then(
          (result) => {
            if (get().invariants.running === taskId) patch({ running: null, result })
          },
          (error: unknown) => {
            // Cancelled: the previous answer stays; failed (a bad expression): it goes with the error.
            if (get().invariants.running === taskId)
              patch({
                running: null,
                ...(isCancelled(error) ? {} : { error: messageOf(error), result: null }),
              })
          },
        )
    },

    invariantsCheckCancelled() {
      const taskId = get().invariants.running
      if (!taskId) return
      patch({ running: null })
      void api['task.cancel']({ taskId }).catch(() => {})
    },

    violationOpened(violation) {
      get().breakpointAdded(breakpointOf(violation.invariant))
      get().inspectorTabChosen('inspect')
      get().eventOpened(violation.aggregateId, violation.version)
    },
  }

  return {
    slice,
    // The invariant typed is the user's question and stays; its answer was about the old store.
    perStore: (s) => ({
      invariants: { draft: s.invariants.draft, running: null, result: null, error: null },
    }),
    opened: (before) => {
      const taskId = before.invariants.running
      if (taskId) void api['task.cancel']({ taskId }).catch(() => {})
    },
  }
}
