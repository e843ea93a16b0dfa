// The debugger's questions over any Source: each stream walked version by version under the merge
// patch (a database has no custom reducers), with the event, the state before it and after it, as the
// directory's walk gives them (check/version-walk.ts): breakpoint hits and watch values over one
// stream, and invariants over every stream. Read with the source's cursor: memory is one batch and
// the two states, never the stream.

import type { CheckViolationDto } from '../../../shared/contract'
import type { Invariant } from '../check/invariants'
import { appliesTo } from '../check/invariants'
import { parseEach, type Hits, type Watched } from '../check/stream-hits'
import { StoreError } from '../errors'
import { toWire } from '../json/exact-wire'
import type { ExactJson } from '../json/json-value'
import { applyMergePatch } from '../json/merge-patch'
import { initialState } from '../replay/replay'
import { matches, valueOf, type EventFields } from '../search/evaluate'
import type { Expression } from '../search/expression'
import type { Source, SourceEvent } from './source'

/** One version: the expression's fields, and the event that made it. */
interface Step {
  readonly fields: EventFields & { readonly state: ExactJson; readonly prev: ExactJson }
  readonly event: SourceEvent
}

/** Walk every version of a stream in order; the visitor returns false to stop. O(stream) reads and folds. */
async function walk(
  source: Source,
  streamId: string,
  visit: (step: Step) => boolean | void,
  signal?: AbortSignal,
): Promise<number> {
  let state: ExactJson = initialState()
  let versions = 0
  for await (const batch of source.streamEvents(streamId, 0, signal)) {
    if (signal?.aborted) throw new StoreError('cancelled', 'The walk was cancelled.')
    for (const event of batch) {
      const prev = state
      state = applyMergePatch(prev, event.payload)
      versions++
      if (visit({ fields: fieldsOf(event, prev, state), event }) === false) return versions
    }
  }
  return versions
}

function fieldsOf(event: SourceEvent, prev: ExactJson, state: ExactJson): Step['fields'] {
  return {
    payload: event.payload,
    metadata: event.metadata,
    type: event.type,
    id: event.id,
    occurredAt: event.occurredAt,
    version: event.version,
    aggregateId: event.streamId,
    state,
    prev,
  }
}

/** The versions where each breakpoint holds, at most `maxHits` each: one walk for all of them. */
export async function sourceBreakpointHits(
  source: Source,
  streamId: string,
  texts: readonly string[],
  maxHits: number,
  signal?: AbortSignal,
): Promise<Hits[]> {
  const parsed = parseEach(texts)
  const versions = texts.map(() => [] as number[])
  const truncated = texts.map(() => false)
  const live = parsed.flatMap((expression, at) => (typeof expression === 'string' ? [] : [at]))
  if (live.length > 0)
    await walk(
      source,
      streamId,
      ({ fields }) => {
        for (const at of live) {
          if (!matches(parsed[at] as Expression, fields)) continue
          const found = versions[at] as number[]
          if (found.length < maxHits) found.push(fields.version)
          else truncated[at] = true
        }
      },
      signal,
    )
  return texts.map((expression, at) => {
    const error = parsed[at]
    return {
      expression,
      versions: versions[at] as number[],
      truncated: truncated[at] as boolean,
      error: typeof error === 'string' ? error : null,
    }
  })
}

/** Each watch's value at a version, given its event (null at version 0) and the states around it. */
export function sourceWatchValues(
  streamId: string,
  texts: readonly string[],
  event: SourceEvent | null,
  prev: ExactJson,
  state: ExactJson,
): Watched[] {
  const fields: EventFields = event
    ? fieldsOf(event, prev, state)
    : {
        payload: {},
        metadata: null,
        type: null,
        id: null,
        occurredAt: null,
        version: 0,
        aggregateId: streamId,
        state,
        prev: state,
      }
  return parseEach(texts).map((expression, at) => {
    const text = texts[at] as string
    if (typeof expression === 'string') return { expression: text, value: undefined, error: expression }
    return { expression: text, value: valueOf(expression, fields), error: null }
  })
}

export interface SourceCheckReport {
  /** Streams at least one invariant applied to. */
  readonly aggregates: number
  /** Versions checked. */
  readonly events: number
  /** Each stream's first violation of each invariant it broke, in stream-id order. */
  readonly violations: CheckViolationDto[]
}

/**
 * Check every stream against the invariants that apply to its type, stopping a stream once every
 * applicable invariant is broken. `streams` in id order, with their types (the table's).
 */
export async function sourceCheck(
  source: Source,
  invariants: readonly Invariant[],
  streams: readonly { readonly id: string; readonly type: string | null }[],
  options: {
    readonly signal?: AbortSignal
    readonly onProgress?: (done: number, total: number) => void
  } = {},
): Promise<SourceCheckReport> {
  const violations: CheckViolationDto[] = []
  let aggregates = 0
  let events = 0
  for (const [done, stream] of streams.entries()) {
    options.onProgress?.(done, streams.length)
    const applicable = invariants.flatMap((invariant, at) => (appliesTo(invariant, stream.type) ? [at] : []))
    if (applicable.length === 0) continue
    aggregates++
    const broken = new Set<number>()
    events += await walk(
      source,
      stream.id,
      ({ fields, event }) => {
        for (const at of applicable) {
          if (broken.has(at) || matches((invariants[at] as Invariant).parsed, fields)) continue
          broken.add(at)
          violations.push(violationOf(at, stream.type, event, fields.prev, fields.state))
        }
        return broken.size < applicable.length
      },
      options.signal,
    )
  }
  options.onProgress?.(streams.length, streams.length)
  return { aggregates, events, violations }
}

function violationOf(
  invariant: number,
  aggregateType: string | null,
  event: SourceEvent,
  prev: ExactJson,
  state: ExactJson,
): CheckViolationDto {
  const payload = toWire(event.payload)
  const before = toWire(prev)
  const after = toWire(state)
  return {
    invariant,
    aggregateId: event.streamId,
    aggregateType,
    version: event.version,
    event: {
      id: event.id,
      type: event.type,
      occurredAt: event.occurredAt,
      payload: payload.value,
      ...(payload.exact ? { exact: payload.exact } : {}),
    },
    before: before.value,
    after: after.value,
    ...(before.exact ? { exactBefore: before.exact } : {}),
    ...(after.exact ? { exactAfter: after.exact } : {}),
  }
}
