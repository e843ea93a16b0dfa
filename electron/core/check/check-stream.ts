// One stream checked against the invariants that apply to its aggregate type: the first violation of
// each, in version order. The unit of work of a check, run on the main thread or in a worker's shard.

import { matches } from '../search/evaluate'
import type { Reducer } from '../replay/reducer'
import type { ReplayFailure } from '../replay/replay-failure'
import type { ReadEvent } from '../stream/event-reader'
import type { ExactJson } from '../json/json-value'
import { appliesTo, type Invariant } from './invariants'
import { stepFields } from './step-fields'
import { walkStreamFile, type NoEventLines } from './version-walk'

/** An aggregate broke an invariant: the first version where it did not hold. */
export interface Violation {
  /** Index into the invariants checked. */
  readonly invariant: number
  readonly aggregateId: string
  readonly aggregateType: string | null
  readonly version: number
  /** The event that made the state break the invariant. */
  readonly event: ReadEvent
  readonly before: ExactJson
  readonly after: ExactJson
}

/** What checking one stream found; structured-clonable, so a worker can post it as is. */
export interface StreamCheck {
  readonly aggregateId: string
  readonly aggregateType: string | null
  /** No invariant applies to its type (or it has no event): not counted as checked. */
  readonly skipped: boolean
  /** Its type has a custom reducer the shard does not hold: the main thread checks it. */
  readonly deferred: boolean
  readonly events: number
  readonly violations: Violation[]
  readonly failure: ReplayFailure | null
  /** Lines that hold no event among those walked (under the merge patch): not checked. */
  readonly noEvent: NoEventLines
}

export interface StreamCheckOptions {
  readonly signal?: AbortSignal
  readonly onBytes?: (bytes: number) => void
}

/**
 * Check one stream: O(its bytes) plus one evaluation per applicable invariant per version, stopping
 * once every applicable invariant is broken. `reducerFor` returning null defers the stream.
 */
export async function checkStream(
  stream: { readonly aggregateId: string; readonly file: string },
  invariants: readonly Invariant[],
  reducerFor: (aggregateType: string | null) => Reducer | null,
  options: StreamCheckOptions = {},
): Promise<StreamCheck> {
  let applicable: number[] = []
  let deferred = false
  const violations: Violation[] = []
  const broken = new Set<number>()
  const walked = await walkStreamFile(
    stream.file,
    stream.aggregateId,
    (aggregateType) => {
      applicable = invariants.flatMap((invariant, at) => (appliesTo(invariant, aggregateType) ? [at] : []))
      if (applicable.length === 0) return null
      const reducer = reducerFor(aggregateType)
      deferred = reducer === null
      return reducer
    },
    (step) => {
      const fields = stepFields(step)
      for (const at of applicable) {
        if (broken.has(at) || matches((invariants[at] as Invariant).parsed, fields)) continue
        broken.add(at)
        // Only what a ReadEvent holds: the scanned line's parsed value stays behind.
        const { version, line, raw, envelope } = step.event
        violations.push({
          invariant: at,
          aggregateId: step.aggregateId,
          aggregateType: null,
          version: step.version,
          event: { version, line, raw, envelope },
          before: step.prev,
          after: step.state,
        })
      }
      return broken.size < applicable.length
    },
    {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onBytes ? { onProgress: options.onBytes } : {}),
    },
  )
  const { aggregateType } = walked
  return {
    aggregateId: stream.aggregateId,
    aggregateType,
    skipped: walked.skipped && !deferred,
    deferred,
    events: walked.events,
    // The type is known once the first event was read: fill it into the violations.
    violations: violations.map((violation) => ({ ...violation, aggregateType })),
    failure: walked.failure,
    noEvent: walked.noEvent,
  }
}
