// `eventscope check` and the check.run channel: every version of every aggregate an invariant applies
// to, checked in version order, so the first violation reported is the first there is (never guessed by
// bisecting: an invariant need not stay broken once broken).

import { stat } from 'node:fs/promises'
import type { ExactJson } from '../json/json-value'
import type { Reducer } from '../replay/reducer'
import type { ReplayFailure } from '../replay/replay-failure'
import { matches } from '../search/evaluate'
import { storeStreams } from '../scan/store-streams'
import type { ReadEvent } from '../stream/event-reader'
import { appliesTo, type Invariant } from './invariants'
import { stepFields } from './step-fields'
import { walkStreamFile } from './version-walk'

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

/** A custom reducer failed on an aggregate: versions from there on could not be checked. */
export interface CheckFailure {
  readonly aggregateId: string
  readonly aggregateType: string | null
  readonly failure: ReplayFailure
}

export interface CheckReport {
  /** Aggregates at least one invariant applied to. */
  readonly aggregates: number
  /** Versions checked. */
  readonly events: number
  readonly violations: Violation[]
  readonly failures: CheckFailure[]
}

export interface CheckOptions {
  readonly signal?: AbortSignal
  /** Bytes of stream files done, of the total. */
  readonly onProgress?: (done: number, total: number) => void
  /** Each violation as it is found (the CLI prints as it goes). */
  readonly onViolation?: (violation: Violation) => void
}

/**
 * Check invariants over every stream of the store in `dir`, in aggregate-id order.
 *
 * O(store bytes) plus one evaluation per invariant per version; a stream stops being read once every
 * invariant that applies to it is broken. `reducerFor` picks the reducer of an aggregate type.
 */
export async function checkStore(
  dir: string,
  invariants: readonly Invariant[],
  reducerFor: (aggregateType: string | null) => Reducer,
  options: CheckOptions = {},
): Promise<CheckReport> {
  const { streams, totalBytes } = await storeStreams(dir)
  const violations: Violation[] = []
  const failures: CheckFailure[] = []
  let aggregates = 0
  let events = 0
  let doneBytes = 0
  let lastReport = 0
  const report = (force: boolean): void => {
    const now = Date.now()
    if (!force && now - lastReport < 100) return
    lastReport = now
    options.onProgress?.(Math.min(doneBytes, totalBytes), totalBytes)
  }
  for (const stream of streams) {
    options.signal?.throwIfAborted()
    let applicable: number[] = []
    const broken = new Set<number>()
    const before = doneBytes
    const walked = await walkStreamFile(
      stream.file,
      stream.aggregateId,
      (aggregateType) => {
        applicable = invariants.flatMap((invariant, at) => (appliesTo(invariant, aggregateType) ? [at] : []))
        return applicable.length > 0 ? reducerFor(aggregateType) : null
      },
      (step) => {
        const fields = stepFields(step)
        for (const at of applicable) {
          if (broken.has(at) || matches((invariants[at] as Invariant).parsed, fields)) continue
          broken.add(at)
          const violation: Violation = {
            invariant: at,
            aggregateId: step.aggregateId,
            aggregateType: null,
            version: step.version,
            event: step.event,
            before: step.prev,
            after: step.state,
          }
          violations.push(violation)
        }
        return broken.size < applicable.length
      },
      {
        ...(options.signal ? { signal: options.signal } : {}),
        onProgress: (bytes) => {
          doneBytes += bytes
          report(false)
        },
      },
    )
    doneBytes = before + (await sizeOf(stream.file, doneBytes - before))
    report(false)
    if (walked.skipped) continue
    aggregates++
    events += walked.events
    // The type is known once the first event was read: fill it into this stream's violations.
    for (let at = violations.length - broken.size; at < violations.length; at++) {
      const found = { ...(violations[at] as Violation), aggregateType: walked.aggregateType }
      violations[at] = found
      options.onViolation?.(found)
    }
    if (walked.failure)
      failures.push({
        aggregateId: stream.aggregateId,
        aggregateType: walked.aggregateType,
        failure: walked.failure,
      })
  }
  report(true)
  return { aggregates, events, violations, failures }
}

// A stream read to its end counted all its bytes; one stopped early, or read by a custom reducer's
// own pass, counts as done all the same.
async function sizeOf(file: string, counted: number): Promise<number> {
  return stat(file).then(
    (info) => Math.max(info.size, counted),
    () => counted,
  )
}
