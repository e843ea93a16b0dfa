// Every version of one stream in order, each with the event, the state before it and the state after it:
// what invariants and breakpoints are evaluated over. The merge patch walks the file in one pass; a
// custom reducer walks an index of the stream, folding in its sandbox one event at a time.

import { applyMergePatch, type BeyondSafeWatch } from '../json/merge-patch'
import type { ExactJson, ExactJsonObject } from '../json/json-value'
import { mergePatchReducer, toReplayEvent, type Reducer } from '../replay/reducer'
import { describeFailure, type ReplayFailure } from '../replay/replay-failure'
import { scanLines } from '../scan/scan-lines'
import { inferAggregateType } from '../stream/envelope'
import { exactEnvelope, readEvents, type ReadEvent } from '../stream/event-reader'
import type { EnvelopeStyle, Problem } from '../../../shared/contract'
import { scanStream, type StreamIndex } from '../stream/stream-index'

/** One version of a stream: the event that made it and the states around that event. */
export interface VersionStep {
  readonly aggregateId: string
  readonly version: number
  readonly event: ReadEvent
  /** The event's payload with integers beyond 2^53 exact, as the merge patch folded it. */
  readonly payload: ExactJsonObject
  readonly prev: ExactJson
  readonly state: ExactJson
}

/** Return false to stop the walk (a check stops at the first violation). */
export type StepVisitor = (step: VersionStep) => boolean | void

export interface WalkOptions {
  readonly signal?: AbortSignal
  /** Bytes read since the last call (merge patch) or events folded since the last call (custom). */
  readonly onProgress?: (bytes: number, events: number) => void
}

export interface WalkResult {
  /** Versions visited. */
  readonly events: number
  /** The aggregate type of the stream (from its first event), null when it has none or no event. */
  readonly aggregateType: string | null
  /** Where a custom reducer stopped the walk; versions from there on were not visited. */
  readonly failure: ReplayFailure | null
}

/** Lines that hold no event met by a walk under the merge patch, up to where it stopped. */
export interface NoEventLines {
  readonly lines: number
  readonly first: Problem | null
}

/**
 * Walk a stream file under the merge patch, or under the reducer `choose` picks from its first event.
 *
 * Merge patch: one pass, O(file bytes) + one JSON.parse and one patch per event; a line holding a number
 * a double rounds is parsed again exactly. Custom reducer: a counting pass for positions, then chunks of
 * events read back and folded one event per worker round trip (~10,000 events/s).
 * `choose` returning null skips the stream (a type not checked).
 */
export async function walkStreamFile(
  file: string,
  aggregateId: string,
  choose: (aggregateType: string | null) => Reducer | null,
  visit: StepVisitor,
  options: WalkOptions = {},
): Promise<WalkResult & { readonly skipped: boolean; readonly noEvent: NoEventLines }> {
  let reducer: Reducer | null = null
  let aggregateType: string | null = null
  let decided = false
  let state: ExactJson = mergePatchReducer.initialState()
  let events = 0
  let stopped = false
  const watch: BeyondSafeWatch = { seen: false }
  const noEvent = { lines: 0, first: null as Problem | null }
  await scanLines(file, aggregateId, {
    onNoEvent: (problem) => {
      noEvent.lines++
      noEvent.first ??= problem
    },
    ...(options.signal ? { signal: options.signal } : {}),
    onBytes: (bytes) => options.onProgress?.(bytes, 0),
    accept: (first) => {
      decided = true
      aggregateType = inferAggregateType(first.envelope)
      reducer = choose(aggregateType)
      // A custom reducer walks an index instead (below): this pass ends here.
      return reducer?.id === mergePatchReducer.id
    },
    onEvent: (event) => {
      if (stopped) return false
      watch.seen = false
      let payload = event.envelope.payload as ExactJsonObject
      let next = applyMergePatch(state, payload, undefined, [], watch)
      if (watch.seen) {
        // JSON.parse may have rounded an integer beyond 2^53: fold this one event exactly.
        payload = exactPayloadOf(event, event.style)
        next = applyMergePatch(state, payload)
      }
      events++
      const step = { aggregateId, version: event.version, event, payload, prev: state, state: next }
      state = next
      if (visit(step) === false) stopped = true
      return !stopped
    },
  })
  if (!decided || reducer === null)
    return { events: 0, aggregateType, failure: null, skipped: true, noEvent: { lines: 0, first: null } }
  if ((reducer as Reducer).id === mergePatchReducer.id)
    return { events, aggregateType, failure: null, skipped: false, noEvent }
  const index = await scanStream(file, aggregateId, { replay: false }, { signal: options.signal })
  // A custom reducer's walk reads events by the index, which passes over such lines unnamed.
  return {
    ...(await walkIndex(index, reducer, visit, options)),
    skipped: false,
    noEvent: { lines: 0, first: null },
  }
}

/** Events read back from disk per chunk while walking an index. */
const chunkEvents = 1024

/**
 * Walk an opened stream (its index) under any reducer, from version 1 to the last.
 *
 * O(stream bytes) read back in chunks of 1,024 events; the merge patch folds in this thread, a custom
 * reducer in its sandbox one event per round trip (it must hand back every state).
 */
export async function walkIndex(
  index: StreamIndex,
  reducer: Reducer,
  visit: StepVisitor,
  options: WalkOptions = {},
): Promise<WalkResult> {
  const count = index.eventCount
  const aggregateType = index.type
  const { aggregateId } = index
  if (reducer.id === mergePatchReducer.id) {
    let state: ExactJson = reducer.initialState()
    for (let from = 1; from <= count; from += chunkEvents) {
      options.signal?.throwIfAborted()
      const chunk = await readEvents(index, from, Math.min(count, from + chunkEvents - 1))
      for (const event of chunk) {
        const payload = index.beyondSafe ? exactPayloadOf(event, index.style) : event.envelope.payload
        const next = applyMergePatch(state, payload)
        const step = { aggregateId, version: event.version, event, payload, prev: state, state: next }
        state = next
        if (visit(step) === false) return { events: event.version, aggregateType, failure: null }
      }
      options.onProgress?.(0, chunk.length)
    }
    return { events: count, aggregateType, failure: null }
  }
  // A fold per chunk: traced (every state in one round trip) where the reducer can; else, and after any
  // failure of the trace, event by event, which names the failing event exactly.
  let state: ExactJson = reducer.initialState()
  for (let from = 1; from <= count; from += chunkEvents) {
    options.signal?.throwIfAborted()
    const chunk = await readEvents(index, from, Math.min(count, from + chunkEvents - 1))
    const states = await reducer
      .fold(state, (cursor) =>
        cursor.trace ? cursor.trace(chunk.map(toReplayEvent)) : Promise.resolve(null),
      )
      .catch(() => null)
    const outcome = await reducer.fold(state, async (cursor) => {
      for (const [at, event] of chunk.entries()) {
        let next = states?.[at]
        if (next === undefined) {
          try {
            await cursor.stepAll([toReplayEvent(event)])
            next = await cursor.state()
          } catch (error) {
            // StepFailure and a state that cannot be read alike: the walk stops before this event.
            return { events: event.version - 1, failure: describeFailure(event, error) }
          }
        }
        const payload = event.envelope.payload
        const step = { aggregateId, version: event.version, event, payload, prev: state, state: next }
        state = next
        if (visit(step) === false) return { events: event.version, failure: null }
      }
      return null
    })
    if (outcome) return { ...outcome, aggregateType }
    options.onProgress?.(0, chunk.length)
  }
  return { events: count, aggregateType, failure: null }
}

function exactPayloadOf(event: ReadEvent, style: EnvelopeStyle | null): ExactJsonObject {
  return exactEnvelope(event, style)?.payload ?? event.envelope.payload
}
