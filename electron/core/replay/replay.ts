// The replay engine: state is a fold of `evolve` over the events, `initialState()` first. The default
// evolve is the JSON merge patch of each event's payload, with integers beyond 2^53 kept exact (bigints,
// see big-integers.ts); custom reducers plug in through reducer.ts.

import type { EnvelopeStyle } from '../../../shared/contract'
import { applyMergePatch, type BeyondSafeWatch } from '../json/merge-patch'
import type { ExactChange, ExactJsonObject } from '../json/json-value'
import { exactEnvelope, readEvents, type ReadEvent } from '../stream/event-reader'
import type { StreamIndex } from '../stream/stream-index'

/** The state before any event. */
export function initialState(): ExactJsonObject {
  return {}
}

/** The state after one more event's payload; records what it changed when `changes` is given. */
export function evolve(
  state: ExactJsonObject,
  payload: ExactJsonObject,
  changes?: ExactChange[],
  watch?: BeyondSafeWatch,
): ExactJsonObject {
  return applyMergePatch(state, payload, changes, [], watch) as ExactJsonObject
}

/**
 * The event's payload with every number literal kept as written (bigints, NumberLiterals), parsed again
 * from its line; the parsed payload when the line holds none.
 */
export function exactPayload(event: ReadEvent, style: EnvelopeStyle | null): ExactJsonObject {
  return exactEnvelope(event, style)?.payload ?? event.envelope.payload
}

export interface StateAtVersion {
  readonly version: number
  readonly state: ExactJsonObject
  readonly changes: ExactChange[]
}

/** A state already computed, offered as a shorter starting point than the nearest checkpoint. */
export interface KnownState {
  readonly version: number
  readonly state: ExactJsonObject
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
  const changes: ExactChange[] = []
  // Only a stream whose scan met a number literal a double does not print back reads its lines again
  // exactly (one scan of each line outside its strings): others replay as they always did.
  for (const event of events) {
    const record = event.version === target ? changes : undefined
    const payload = index.beyondSafe ? exactPayload(event, index.style) : event.envelope.payload
    state = evolve(state, payload, record)
  }
  return { version: target, state, changes }
}
