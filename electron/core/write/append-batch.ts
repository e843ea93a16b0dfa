// Appending many events under one hold of the store lock: each checked in order as a single append
// would be (a later event's expected version sees the earlier ones), then every touched stream written
// and fsync'd once, then index.json written once.

import { randomUUID } from 'node:crypto'
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { EnvelopeStyle } from '../../../shared/contract'
import { StoreError } from '../errors'
import { pythonIsoFormat } from '../gen/python-time'
import type { JsonObject } from '../json/json-value'
import { indexFileName, listStreamIds, streamSuffix } from '../store/store-files'
import { twinKey, unsafeAggregateIdReason } from './aggregate-id'
import {
  checkAggregateId,
  checkEvent,
  IndexBehindError,
  type AppendResult,
  type BatchRequest,
} from './append-request'
import { replaceDurably } from './durable-file'
import { buildEventLine, seedStyle } from './event-line'
import { loadIndex, rememberIndex } from './index-cache'
import type { IndexLayout } from './index-layout'
import { newIndexText } from './index-update'
import { existingStoreReason } from './init-store'
import type { FileIdentity } from '../stream-facts/file-identity'
import { storeFacts, type StoreFacts } from '../stream-facts/store-facts'
import { countStreams, sampleStoreStyle } from './store-scan'
import { withStoreLock } from './store-lock'
import { cachedIdentity, forgetStream, noteAppended, streamStateFor } from './cached-stream-state'
import type { StreamState } from './stream-state'
import { writeStreams } from './stream-writer'
import { statIfPresent } from '../store/stat-if-present'

export interface BatchResult {
  /** One per request appended or found already there, in order: every request before `refused`. */
  readonly results: AppendResult[]
  /** The first request refused (its position in the batch and why); nothing from it on was written. */
  readonly refused: { readonly at: number; readonly error: StoreError } | null
}

/**
 * Refuse a directory that is missing or holds no store (no index.json and no stream file).
 *
 * Appending never creates a store: a typo in a path, or the wrong folder picked, must be an error, not
 * a new index.json in someone's folder; `eventscope init` is the explicit way. Cost: one stat when
 * index.json is there (every store eventscope or the seed writes); a directory listing only without it.
 */
export async function checkHoldsStore(dir: string): Promise<void> {
  const info = await statIfPresent(dir)
  if (!info?.isDirectory())
    throw new StoreError(
      'not_found',
      `No such store directory: ${dir} (create one with \`eventscope init\`).`,
    )
  if (await stat(join(dir, indexFileName)).catch(() => null)) return
  // A folder that cannot be read is that, not a folder without a store.
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    throw new StoreError('io_error', `Cannot read ${dir} (${error.code ?? 'error'})`)
  })
  if (existingStoreReason(entries) === null)
    throw new StoreError(
      'not_found',
      `${dir} holds no event store (no ${indexFileName}, no *${streamSuffix} file): appending never creates one; create it with \`eventscope init\`.`,
    )
}

/** A stream as the batch leaves it so far. */
interface Working {
  readonly aggregateId: string
  readonly file: string
  readonly before: FileIdentity | null
  state: StreamState
  /** The new lines, each with its line feed; encoded once per stream when written. */
  readonly lines: string[]
}

/** How a caller that writes many batches in a row (an import: deferred-index.ts) has them written. */
export interface BatchOptions {
  /** Leave index.json as it is: the caller settles the touched streams' entries later, under the lock. */
  readonly deferIndex?: boolean
  /**
   * The store's ids by twinKey, kept between batches (null: list them at the next new stream). Without
   * it every batch that creates a stream lists the store: O(streams) per batch.
   */
  readonly twins?: { current: Twins | null }
}

/**
 * Append `requests` to the store in `dir` in order, holding its lock once.
 *
 * Stops at the first refusal (bad request, version conflict, payload colliding with the envelope):
 * the events before it are written, it and those after are not. Throws, writing nothing, when the
 * directory is not a store or index.json does not parse. Cost: O(events) to build lines, a cached
 * state or one scan per touched stream, one open/fsync per touched stream, one index write (none
 * with `deferIndex`).
 */
export async function appendEvents(
  dir: string,
  requests: readonly BatchRequest[],
  options: BatchOptions = {},
): Promise<BatchResult> {
  await checkHoldsStore(dir)
  return withStoreLock(dir, async () => {
    const store = storeFacts(dir)
    // Before any stream is written: an unreadable index refuses the batch while nothing has changed.
    const index = await loadIndex(store, dir)
    const opening = await openStreams(store, dir, requests)
    const working = new Map<string, Working>()
    const twins = options.twins ?? { current: null }
    const results: AppendResult[] = []
    let refused: BatchResult['refused'] = null
    for (let at = 0; at < requests.length; at++) {
      const request = requests[at] as BatchRequest
      try {
        // Awaits only for the store's first new stream (its style); every other event is staged
        // synchronously, O(event size).
        let stream = working.get(request.aggregateId)
        if (!stream) {
          checkAggregateId(request.aggregateId)
          stream = await (opening.get(request.aggregateId) as Promise<Working>)
          if (!stream.state.exists) (twins.current ??= await existingTwins(dir)).claim(request.aggregateId)
          working.set(request.aggregateId, stream)
        }
        checkEvent(request)
        const style = stream.state.style ?? store.style ?? (await storeStyle(store, dir))
        results.push(stage(stream, request, style))
      } catch (error) {
        if (!(error instanceof StoreError)) throw error
        refused = { at, error }
        break
      }
    }
    const touched = [...working.values()].filter((stream) => stream.lines.length > 0)
    if (touched.length > 0) {
      const indexFailure = await writeAll(store, dir, options.deferIndex ? undefined : index, touched)
      if (indexFailure !== null) {
        const written = new Set(indexFailure.written)
        const appended = results.filter((r) => !r.duplicate && written.has(r.aggregateId))
        throw new IndexBehindError(dir, appended, messageOf(indexFailure.error))
      }
    }
    return { results, refused }
  })
}

/** The stream ids of a store by twinKey: a new aggregate may not be the twin of one already there. */
export class Twins {
  constructor(private readonly byKey: Map<string, string>) {}

  /** Refuse `id` when another id of the store shares its file on macOS or Windows; else take its key. */
  claim(id: string): void {
    const key = twinKey(id)
    const twin = this.byKey.get(key)
    if (twin !== undefined && twin !== id)
      throw new StoreError(
        'invalid_input',
        `Aggregate id ${JSON.stringify(id)} differs from the existing ${JSON.stringify(twin)} only by case or Unicode normalization: on macOS and Windows both would be one file. Use ${JSON.stringify(twin)}, or another id.`,
      )
    this.byKey.set(key, id)
  }
}

// One listing per batch that creates a stream: O(streams in the store), names only.
async function existingTwins(dir: string): Promise<Twins> {
  const byKey = new Map<string, string>()
  for (const id of await listStreamIds(dir)) byKey.set(twinKey(id), id)
  return new Twins(byKey)
}

/** Streams whose state is read at once: stat and small reads, each a round trip to the thread pool. */
const parallelReads = 8

/**
 * Start reading the state of every stream the batch names (a safe id), a few at a time.
 *
 * A batch that touches 10,000 streams would otherwise wait for ~10 round trips per stream one after
 * the other. A stream's failure (not a regular file, say) is its promise's, met at its first event.
 */
async function openStreams(
  store: StoreFacts,
  dir: string,
  requests: readonly BatchRequest[],
): Promise<Map<string, Promise<Working>>> {
  const ids = [...new Set(requests.map((request) => request.aggregateId))].filter(
    (id) => unsafeAggregateIdReason(id) === null,
  )
  const opening = new Map<string, Promise<Working>>()
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const id = ids[next++] as string
      const promise = openWorking(store, dir, id)
      opening.set(id, promise)
      // Handled here, so a failure the batch never reaches (it stopped earlier) is not unhandled.
      await promise.catch(() => {})
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallelReads, ids.length) }, worker))
  return opening
}

async function openWorking(store: StoreFacts, dir: string, aggregateId: string): Promise<Working> {
  const file = join(dir, `${aggregateId}${streamSuffix}`)
  const state = await streamStateFor(store, file, aggregateId)
  const before = state.exists ? cachedIdentity(store, aggregateId) : null
  return { aggregateId, file, before, state, lines: [] }
}

// Check one request against its stream as the batch has left it, and queue its line. O(event size).
function stage(stream: Working, request: BatchRequest, style: EnvelopeStyle): AppendResult {
  const { aggregateId } = request
  const { state } = stream
  // A retry of an append that succeeded (same id, same expected version) is a no-op, not a conflict.
  const retried = request.eventId !== undefined && state.lastEventId === request.eventId
  const expected =
    retried && request.expectedVersion === state.version - 1 ? state.version : request.expectedVersion
  if (expected != null && expected !== state.version) {
    throw new StoreError(
      'version_conflict',
      `expected version ${request.expectedVersion}, stream is at ${state.version}`,
    )
  }
  const occurredAt =
    request.occurredAt ?? pythonIsoFormat(request.nowMicros ?? clockNotBefore(state.lastEventAt))
  // The id is chosen here, before anything is written, and reported whatever happens next: a retry
  // with it is a no-op (`retried` above), even when the index write after the stream's failed.
  const eventId = request.eventId ?? randomUUID()
  const built = buildEventLine(style, {
    aggregateId,
    eventType: request.eventType,
    eventId,
    occurredAt,
    payload: request.payload as JsonObject,
    metadata: (request.metadata as JsonObject | null | undefined) ?? null,
    ...(request.payloadText === undefined ? {} : { payloadText: request.payloadText }),
  })
  const said = { eventId, eventType: request.eventType }
  if (retried)
    return {
      aggregateId,
      version: state.version,
      event: built.object,
      line: built.line,
      duplicate: true,
      ...said,
    }
  stream.lines.push(`${state.endsWithNewline ? '' : '\n'}${built.line}\n`)
  const version = state.version + 1
  stream.state = {
    exists: true,
    version,
    lastEventId: built.object[style.idField ?? 'event_id'] as string,
    lastEventAt: occurredAt,
    style,
    endsWithNewline: true,
  }
  return { aggregateId, version, event: built.object, line: built.line, duplicate: false, ...said }
}

// The style a new stream gets: the store's (sampled once per process), else the seed's. Remembered
// once used, because the store then holds an event written in it.
async function storeStyle(store: StoreFacts, dir: string): Promise<EnvelopeStyle> {
  store.style ??= (await sampleStoreStyle(dir)) ?? seedStyle
  return store.style
}

// Write every touched stream; on a failure, the streams written anyway still reach the index (unless
// `index` is undefined: the caller settles it), then the failure is thrown (the failed stream is as it was, or its message says it may be torn). When
// the streams are written but the index is not, that is returned, not thrown: the caller says the
// events were appended (IndexBehindError) instead of calling the append a failure.
async function writeAll(
  store: StoreFacts,
  dir: string,
  index: IndexLayout | null | undefined,
  touched: readonly Working[],
): Promise<{ written: string[]; error: unknown } | null> {
  const { done, failure } = await writeStreams(
    touched.map(({ aggregateId, file, lines }) => ({
      aggregateId,
      file,
      bytes: Buffer.from(lines.join(''), 'utf8'),
    })),
  )
  const byId = new Map(touched.map((stream) => [stream.aggregateId, stream]))
  const ok = new Set<string>()
  for (const { aggregateId, written: bytes, after } of done) {
    const stream = byId.get(aggregateId) as Working
    ok.add(aggregateId)
    if (after) noteAppended(store, aggregateId, stream.state, stream.before, bytes, after)
    else forgetStream(store, aggregateId)
  }
  // In batch order (streams finish in any order): new index entries follow their first events.
  const written = touched.filter((stream) => ok.has(stream.aggregateId))
  for (const stream of touched) if (!ok.has(stream.aggregateId)) forgetStream(store, stream.aggregateId)
  if (failure !== null) {
    // A stream failed: its message is the one to give; the others still reach the index if they can.
    if (written.length > 0 && index !== undefined)
      await writeIndex(store, dir, index, written).catch(() => {})
    throw failure
  }
  if (written.length === 0 || index === undefined) return null
  try {
    await writeIndex(store, dir, index, written)
    return null
  } catch (error) {
    store.index = null
    return { written: written.map((stream) => stream.aggregateId), error }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

// The streams are the truth and are already durable; the index follows them.
async function writeIndex(
  store: StoreFacts,
  dir: string,
  index: IndexLayout | null,
  touched: readonly Working[],
): Promise<void> {
  const file = join(dir, indexFileName)
  if (index === null) {
    // Without an index, one listing only these aggregates would be a lie about the store: count every
    // stream (ours included, written by now). O(store bytes), once.
    await replaceDurably(file, newIndexText(await countStreams(dir)))
    return
  }
  const text = index.apply(
    touched.map(({ aggregateId, state }) => ({
      aggregateId,
      eventCount: state.version,
      lastEventAt: state.lastEventAt,
    })),
  )
  // Dropped first: if the write fails, the cached layout (already changed) must not be reused.
  store.index = null
  await replaceDurably(file, text)
  await rememberIndex(store, dir, index)
}

/** How far ahead of this process's clock a stream's last event may be and still count as clock skew. */
const skewMicros = 1_000_000

/**
 * Now, in epoch microseconds, or the stream's last event time when that is ahead of now by less than a
 * second. Each process reads the time as its start plus a monotonic clock, so two writers taking turns
 * under the lock disagree by a few ms, and the one behind wrote an event timed before the one it
 * follows (`time_backwards`, 1 in 20 runs of the two-writer safety test). A last event further ahead
 * is a clock that was wrong, not skew: then the time is now, and the warning stands.
 */
function clockNotBefore(lastEventAt: string | null): number {
  const now = Math.round((performance.timeOrigin + performance.now()) * 1000)
  if (lastEventAt === null) return now
  const ms = Date.parse(lastEventAt)
  if (Number.isNaN(ms)) return now
  // Date.parse keeps milliseconds; the fraction's next three digits are the microseconds.
  const fraction = /\.(\d+)/.exec(lastEventAt)?.[1] ?? ''
  const last = ms * 1000 + Number(`${fraction}000000`.slice(3, 6))
  return last > now && last - now < skewMicros ? last : now
}
