// The replay engine: state is a fold of `evolve` over the events, `initialState()` first. Until custom
// reducers arrive, evolve is the JSON merge patch of each event's payload.

import type { Change } from '../../../shared/contract'
import { applyMergePatch } from '../json/merge-patch'
import type { JsonObject } from '../json/json-value'
import type { EventEnvelope } from '../stream/envelope'
import { readEvents } from '../stream/event-reader'
import type { StreamIndex } from '../stream/stream-index'

/** The state before any event. */
export function initialState(): JsonObject {
  return {}
}

/** The state after one more event; records what the event changed when `changes` is given. */
export function evolve(state: JsonObject, event: EventEnvelope, changes?: Change[]): JsonObject {
  return applyMergePatch(state, event.payload, changes) as JsonObject
}

export interface StateAtVersion {
  readonly version: number
  readonly state: JsonObject
  readonly changes: Change[]
}

/** A state already computed, offered as a shorter starting point than the nearest checkpoint. */
export interface KnownState {
  readonly version: number
  readonly state: JsonObject
}

/**
 * The state after `version` events, and what event `version` changed.
 *
 * O(K) per call: the nearest checkpoint (or a closer known state) plus at most K events, K bounded by the
 * checkpoint spacing (64 KiB or 512 events). Never replays from the first event.
 */
export async function stateAt(
  index: StreamIndex,
  version: number,
  known?: KnownState,
): Promise<StateAtVersion> {
  const target = Math.max(0, Math.min(version, index.eventCount))
  if (target === 0) return { version: 0, state: initialState(), changes: [] }
  let start = index.checkpoints.atOrBefore(target - 1)
  if (known && known.version <= target - 1 && known.version > start.version) start = known
  const events = await readEvents(index, start.version + 1, target)
  let state = start.state
  const changes: Change[] = []
  for (const event of events) {
    state = evolve(state, event.envelope, event.version === target ? changes : undefined)
  }
  return { version: target, state, changes }
}
