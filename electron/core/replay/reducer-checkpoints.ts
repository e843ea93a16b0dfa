// Checkpoints for a custom reducer, built on first use by one pass over the stream, kept per
// (stream, reducer id), and extended when the stream grows.
//
// The scan builds merge-patch checkpoints as it reads; a custom reducer is only known later, so its
// checkpoints cost one more pass, in batches, the first time its state is asked for.

import type { ExactJson } from '../json/json-value'
import { readEvents } from '../stream/event-reader'
import type { StreamIndex } from '../stream/stream-index'
import { Checkpoints } from './checkpoints'
import type { ReadEvent } from '../stream/event-reader'
import { StepFailure, toReplayEvent, type Reducer } from './reducer'
import { describeFailure, type ReplayFailure } from './replay-failure'

/** Events read back per batch while building: ~2 MiB of text for 1 KiB events. */
const batchEvents = 2048

/** A custom reducer's fold over one stream: checkpoints up to `builtTo`, and where it failed, if it did. */
export class ReducerCheckpoints {
  readonly checkpoints: Checkpoints<ExactJson>
  /** Every event up to this version evolved without error. */
  builtTo = 0
  /** The state at `builtTo` (unknown after a failure that killed the sandbox; then recomputed). */
  latest: ExactJson | undefined
  /** Byte end of event `builtTo` when it was folded, to notice a provisional last line read again. */
  endOffset = 0
  failure: ReplayFailure | null = null
  building: Promise<void> | null = null

  constructor(
    readonly reducerId: string,
    initial: ExactJson,
  ) {
    this.checkpoints = new Checkpoints<ExactJson>(initial)
    this.latest = initial
  }
}

export class ReducerCheckpointCache {
  private readonly byStream = new WeakMap<StreamIndex, Map<string, ReducerCheckpoints>>()

  /**
   * The reducer's checkpoints for the stream, folded up to its last event or to the first failure.
   *
   * O(stream) the first time (one pass of reads in batches of 2048 events), O(appended events) after the
   * stream grew, O(1) otherwise.
   */
  async ensure(index: StreamIndex, reducer: Reducer): Promise<ReducerCheckpoints> {
    let perReducer = this.byStream.get(index)
    if (!perReducer) this.byStream.set(index, (perReducer = new Map()))
    let entry = perReducer.get(reducer.id)
    if (!entry)
      perReducer.set(reducer.id, (entry = new ReducerCheckpoints(reducer.id, reducer.initialState())))
    while (entry.building) await entry.building
    if (!isCurrent(entry, index)) {
      entry.building = extend(entry, index, reducer).finally(() => {
        if (entry) entry.building = null
      })
      await entry.building
    }
    return entry
  }

  /** Forget every reducer's checkpoints whose id is not in `keep` (a reducer file changed). */
  forget(index: StreamIndex, keep: (reducerId: string) => boolean): void {
    const perReducer = this.byStream.get(index)
    if (!perReducer) return
    for (const id of [...perReducer.keys()]) if (!keep(id)) perReducer.delete(id)
  }
}

function endOf(index: StreamIndex, version: number): number {
  return version === 0 ? 0 : index.positions.offsetOf(version) + index.positions.lengthOf(version)
}

function isCurrent(entry: ReducerCheckpoints, index: StreamIndex): boolean {
  if (entry.builtTo > index.eventCount || entry.endOffset !== endOf(index, entry.builtTo)) return false
  return entry.failure !== null || entry.builtTo === index.eventCount
}

async function extend(entry: ReducerCheckpoints, index: StreamIndex, reducer: Reducer): Promise<void> {
  // Only the last line of a stream can be provisional, so a changed tail never reaches far back; restart
  // from the checkpoint before it rather than trusting anything at or after it.
  if (entry.builtTo > index.eventCount || entry.endOffset !== endOf(index, entry.builtTo)) {
    const keep = Math.max(0, Math.min(entry.builtTo, index.eventCount) - 1)
    entry.checkpoints.truncate(keep)
    const restart = entry.checkpoints.atOrBefore(keep)
    Object.assign(entry, { builtTo: restart.version, latest: restart.state, failure: null })
    entry.endOffset = endOf(index, restart.version)
  }
  if (entry.failure) return
  if (entry.latest === undefined) {
    const restart = entry.checkpoints.atOrBefore(entry.builtTo)
    entry.builtTo = restart.version
    entry.latest = restart.state
  }
  while (entry.builtTo < index.eventCount && !entry.failure) {
    const events = await readEvents(index, entry.builtTo + 1, entry.builtTo + batchEvents)
    if (events.length === 0) break
    await foldBatch(entry, index, reducer, events)
  }
}

// One fold per batch: no other fold can use the reducer in between. The events between two checkpoints
// cross into the reducer as one message; the state crosses back only at checkpoints.
function foldBatch(
  entry: ReducerCheckpoints,
  index: StreamIndex,
  reducer: Reducer,
  events: ReadEvent[],
): Promise<void> {
  return reducer.fold(entry.latest as ExactJson, async (cursor) => {
    let from = 0
    for (let i = 0; i < events.length; i++) {
      const event = events[i] as ReadEvent
      const due = entry.checkpoints.due(event.version, index.positions.lengthOf(event.version))
      if (!due && i < events.length - 1) continue
      try {
        await cursor.stepAll(events.slice(from, i + 1).map(toReplayEvent))
      } catch (error) {
        const failed = events[from + (error instanceof StepFailure ? error.index : 0)] as ReadEvent
        entry.failure = describeFailure(failed, error)
        entry.builtTo = failed.version - 1
        entry.latest = undefined
        entry.endOffset = endOf(index, entry.builtTo)
        return
      }
      from = i + 1
      entry.builtTo = event.version
      const state = await cursor.state()
      if (due) entry.checkpoints.keep(event.version, state)
      if (i === events.length - 1) entry.latest = state
    }
    entry.endOffset = endOf(index, entry.builtTo)
  })
}
