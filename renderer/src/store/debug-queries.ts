// The debugger's questions to the host, in the shapes the renderer's debugger works with: the hits of
// breakpoints in one stream, watch values at one version, and a store-wide invariant check.
//
// The one place that knows the channels' shapes (`stream.hits`, `check.run`), so the slices and panels
// stay as they are when a channel grows a field. Breakpoints and watches are asked apart: the walk for
// hits runs once per stream and list, the watches at every step of the slider.

import type { EventscopeApi, ExactIntegers, Json, LinesLeftOut } from '../../../shared/contract'

/** One breakpoint's versions in a stream, or why its expression could not be evaluated. */
export interface BreakpointHits {
  readonly versions: readonly number[]
  /** More versions hold than were listed (a capped answer). */
  readonly truncated: boolean
  readonly error: string | null
}

/** A watch's value at a version, or why it has none. */
export interface WatchAnswer {
  readonly value: Json | undefined
  /** Numbers of the value kept as written (beyond 2^53, `1.0`), by pointer into it. */
  readonly exact: ExactIntegers | null
  readonly error: string | null
}

/** An aggregate that breaks an invariant, at its first violating version. */
export interface Violation {
  readonly aggregateId: string
  readonly aggregateType: string | null
  readonly invariant: string
  readonly version: number
  readonly eventType: string | null
}

/** An aggregate whose custom reducer failed: it was checked up to the event before `version`. */
export interface CheckFailure {
  readonly aggregateId: string
  readonly version: number
  readonly message: string
}

export interface CheckAnswer {
  readonly violations: readonly Violation[]
  /** More violators than the answer lists. */
  readonly truncated: boolean
  readonly aggregates: number
  readonly events: number
  readonly failures: readonly CheckFailure[]
  /** Store reducers not run because the directory is not trusted: those states are merge patches. */
  readonly untrustedReducers: readonly string[]
  /** Lines that hold no event among those walked: not checked. */
  readonly leftOut: LinesLeftOut
}

export interface CheckQuestion {
  readonly taskId: string
  /** Null: the store's own invariants (`.eventscope/invariants.json`). */
  readonly invariant: string | null
  readonly aggregateType: string | null
}

/** Every breakpoint's hits in one stream, and where a custom reducer stopped the walk (if it did). */
export interface StreamHits {
  readonly hits: readonly BreakpointHits[]
  /** The version a custom reducer failed on: no hit at or after it is known. */
  readonly stoppedAt: number | null
}

export interface DebugQueries {
  /** `taskId` names the walk, so it can be cancelled when nobody waits for it any more. */
  hits(aggregateId: string, expressions: readonly string[], taskId: string): Promise<StreamHits>
  watches(
    aggregateId: string,
    version: number,
    expressions: readonly string[],
  ): Promise<readonly WatchAnswer[]>
  check(question: CheckQuestion): Promise<CheckAnswer>
}

/** The debugger's questions, asked through `api`. */
export function debugQueries(api: EventscopeApi): DebugQueries {
  return {
    async hits(aggregateId, expressions, taskId) {
      const answer = await api['stream.hits']({ aggregateId, breakpoints: [...expressions], taskId })
      return {
        hits: answer.breakpoints.map(({ versions, truncated, error }) => ({ versions, truncated, error })),
        stoppedAt: answer.failure?.version ?? null,
      }
    },
    async watches(aggregateId, version, expressions) {
      const answer = await api['stream.hits']({ aggregateId, watches: [...expressions], at: version })
      return answer.watches.map(({ value, exact, error }) => ({ value, exact: exact ?? null, error }))
    },
    async check({ taskId, invariant, aggregateType }) {
      const types = aggregateType === null ? {} : { types: [aggregateType] }
      const answer = await api['check.run']({
        taskId,
        ...(invariant === null ? {} : { invariants: [{ expression: invariant, ...types }] }),
      })
      return {
        aggregates: answer.aggregates,
        events: answer.events,
        truncated: answer.truncated,
        failures: answer.failures.map(({ aggregateId, failure }) => ({
          aggregateId,
          version: failure.version,
          message: failure.message,
        })),
        untrustedReducers: answer.untrustedReducers,
        leftOut: answer.leftOut,
        violations: answer.violations
          // The store's own invariants apply to the types they name; a type typed narrows them further.
          .filter((v) => invariant !== null || aggregateType === null || v.aggregateType === aggregateType)
          .map((v) => ({
            aggregateId: v.aggregateId,
            aggregateType: v.aggregateType,
            invariant: answer.invariants[v.invariant]?.expression ?? '',
            version: v.version,
            eventType: v.event.type,
          })),
      }
    },
  }
}
