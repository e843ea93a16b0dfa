// The replay engine's plug: a reducer is `initialState()` and `evolve(state, event)` in Emmett's decider
// vocabulary, named by an id so checkpoints can be kept per (stream, reducer).
//
// States are ExactJson: the merge patch keeps integers beyond 2^53 exact (bigints). A custom reducer
// runs in a sandbox and sees plain JSON: such an integer reaches it as the nearest double (`payload` is
// JSON.parse's), and its states hold none, so the UI marks any number beyond 2^53 in them as rounded.

import { applyMergePatch } from '../json/merge-patch'
import type { ExactJson, JsonObject } from '../json/json-value'
import type { ReadEvent } from '../stream/event-reader'

/** The event a reducer sees: the normalized event as `eventscope events --json` prints it, minus raw. */
export interface ReplayEvent {
  readonly version: number
  readonly type: string | null
  readonly occurredAt: string | null
  readonly id: string | null
  readonly payload: JsonObject
  readonly metadata: JsonObject | null
}

/** A reducer failed on `events[index]` of a `stepAll` call; `cause` says why. */
export class StepFailure extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause))
    this.name = 'StepFailure'
  }
}

/** A fold in progress, holding its state wherever the reducer runs (a custom one: in its worker). */
export interface ReducerCursor {
  /**
   * Fold events in, in order. Rejects with StepFailure naming the event that failed; the cursor is then
   * done with (its state may be anywhere between the last good event and the failed one).
   */
  stepAll(events: readonly ReplayEvent[]): Promise<void>
  /** The current state, as a value the caller owns. */
  state(): Promise<ExactJson>
  /**
   * Fold events in and answer the state after each (a check needs every version). Where offered, one
   * round trip for all of them; on any failure the cursor is done with, and the caller folds the same
   * events again with stepAll and state, which name the event that failed.
   */
  trace?(events: readonly ReplayEvent[]): Promise<ExactJson[]>
}

export interface Reducer {
  /** Identity for caches: `merge-patch`, or a custom reducer's file and content hash. */
  readonly id: string
  /** What the UI calls it: `JSON merge patch`, `Account.js`. */
  readonly label: string
  initialState(): ExactJson
  /**
   * Fold from `state` with a cursor that `work` uses and then drops. Folds of one reducer run one at a
   * time, in the order asked for: a custom reducer has one state in its sandbox.
   */
  fold<T>(state: ExactJson, work: (cursor: ReducerCursor) => Promise<T>): Promise<T>
}

/** The default reducer: RFC 7396 merge patch of each payload onto the state, from `{}`. */
export const mergePatchReducer: Reducer = {
  id: 'merge-patch',
  label: 'JSON merge patch',
  initialState: () => ({}),
  fold(initial, work) {
    let state = initial
    return work({
      stepAll: async (events) => {
        for (const event of events) state = applyMergePatch(state, event.payload)
      },
      state: async () => state,
    })
  },
}

/** The event a reducer receives, from an event read back from its stream. */
export function toReplayEvent(event: ReadEvent): ReplayEvent {
  const { envelope } = event
  return {
    version: event.version,
    type: envelope.type,
    occurredAt: envelope.occurredAt,
    id: envelope.id,
    payload: envelope.payload,
    metadata: envelope.metadata,
  }
}
