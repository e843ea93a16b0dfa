// The state at a version under any reducer: the merge patch through the scan's checkpoints, a custom
// reducer through its own, and where a custom reducer failed, the state before the failing event.

import { diffJson } from '../json/diff'
import type { ExactChange, ExactJson } from '../json/json-value'
import { readEvents, type ReadEvent } from '../stream/event-reader'
import type { StreamIndex } from '../stream/stream-index'
import { mergePatchReducer, StepFailure, toReplayEvent, type Reducer, type ReducerCursor } from './reducer'
import type { ReducerCheckpointCache } from './reducer-checkpoints'
import { stateAt, type KnownState } from './replay'
import { describeFailure, type ReplayFailure } from './replay-failure'

export interface ReducedState {
  /** The version the state is at: the one asked for, or the one before a failing event. */
  readonly version: number
  readonly state: ExactJson
  /** What event `version` changed. */
  readonly changes: ExactChange[]
  /** Set when the reducer failed at or before the version asked for. */
  readonly failure: ReplayFailure | null
}

/** A state already computed under a reducer, offered as a shorter starting point. */
export interface KnownReducedState {
  readonly reducerId: string
  readonly version: number
  readonly state: ExactJson
}

/**
 * The state after `version` events under `reducer`, and what the event at `version` changed.
 *
 * O(K) per call once checkpoints exist (nearest checkpoint plus at most K = 512 events); the first call
 * for a custom reducer builds its checkpoints, O(stream). Changes under a custom reducer are the diff of
 * the states before and after the event.
 */
export async function stateWith(
  index: StreamIndex,
  version: number,
  reducer: Reducer,
  cache: ReducerCheckpointCache,
  known?: KnownReducedState,
): Promise<ReducedState> {
  if (reducer.id === mergePatchReducer.id) {
    const mergeKnown = known?.reducerId === reducer.id ? (known as KnownState) : undefined
    return { ...(await stateAt(index, version, mergeKnown)), failure: null }
  }
  const built = await cache.ensure(index, reducer)
  let target = Math.max(0, Math.min(version, index.eventCount))
  let failure: ReplayFailure | null = null
  if (built.failure && target >= built.failure.version) {
    failure = built.failure
    target = built.failure.version - 1
  }
  if (target === 0) return { version: 0, state: reducer.initialState(), changes: [], failure }
  let start = built.checkpoints.atOrBefore(target - 1)
  if (known && known.reducerId === reducer.id && known.version <= target - 1 && known.version > start.version)
    start = known
  const events = await readEvents(index, start.version + 1, target)
  return reducer.fold(start.state, async (cursor) => {
    const before = await foldUpTo(cursor, events.slice(0, -1), start.state, start.version)
    if ('failure' in before)
      return { version: before.version, state: before.state, changes: [], failure: before.failure }
    const after = await foldUpTo(cursor, events.slice(-1), before.state, target - 1)
    if ('failure' in after)
      return { version: after.version, state: after.state, changes: [], failure: after.failure }
    return { version: target, state: after.state, changes: diffJson(before.state, after.state), failure }
  })
}

// A reducer that fails now but did not while its checkpoints were built is not deterministic; say where.
async function foldUpTo(
  cursor: ReducerCursor,
  events: readonly ReadEvent[],
  state: ExactJson,
  version: number,
): Promise<{ state: ExactJson } | { version: number; state: ExactJson; failure: ReplayFailure }> {
  if (events.length === 0) return { state }
  try {
    await cursor.stepAll(events.map(toReplayEvent))
  } catch (error) {
    const failed = events[error instanceof StepFailure ? error.index : 0] as ReadEvent
    return { version, state, failure: describeFailure(failed, error) }
  }
  return { state: await cursor.state() }
}

/**
 * What changed between two versions under a reducer: the diff of their states.
 *
 * Two O(K) replays. A failure before `toVersion` is reported and the diff stops at the state before it.
 */
export async function diffStates(
  index: StreamIndex,
  fromVersion: number,
  toVersion: number,
  reducer: Reducer,
  cache: ReducerCheckpointCache,
): Promise<{ from: ReducedState; to: ReducedState; changes: ExactChange[] }> {
  const from = await stateWith(index, fromVersion, reducer, cache)
  const known = { reducerId: reducer.id, version: from.version, state: from.state }
  const to =
    toVersion >= fromVersion
      ? await stateWith(index, toVersion, reducer, cache, known)
      : await stateWith(index, toVersion, reducer, cache)
  return { from, to, changes: diffJson(from.state, to.state) }
}
