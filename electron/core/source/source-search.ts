// A store-wide search over any Source: the same query and expression language as the JSONL search
// (search-query.ts, expression.ts), evaluated here on each event, stream by stream in id order and
// version order within a stream, as `eventscope search` prints a JSONL store.
//
// Exact by construction: every event the source hands out is tested by the expression itself. A source
// that can filter (findEvents: PostgreSQL pushes the whole query, `--where` included, into SQL) sends
// only what may match, in one cursor; any other is read stream by stream through its cursor (bounded
// memory, not bounded time), with event types and one aggregate type left to the store; narrowing by
// aggregate id reads only those streams.

import type { ExactJson } from '../json/json-value'
import { matches } from '../search/evaluate'
import { parseExpression, type Expression } from '../search/expression'
import type { SearchQuery } from '../search/search-query'
import type { EventFilter, Source, SourceEvent, StreamSummary } from './source'

export interface SourceMatch {
  readonly aggregateId: string
  readonly version: number
  readonly type: string | null
  readonly occurredAt: string | null
  readonly payload: ExactJson
}

export interface SourceSearchOptions {
  readonly limit?: number
  readonly signal?: AbortSignal
  /** Each stream's matches, as soon as that stream is done. */
  readonly onMatches?: (matches: readonly SourceMatch[]) => void
  /** Keep every match for the result (else only counted). */
  readonly keep?: boolean
  /** Events read, after each batch: progress. */
  readonly onEvents?: (events: number) => void
}

export interface SourceSearchResult {
  readonly matches: readonly SourceMatch[]
  readonly matched: number
  /** Events read and tested. */
  readonly scannedEvents: number
  /** Whether `limit` stopped the search early. */
  readonly truncated: boolean
}

/** Streams listed per query while searching: keyset pages of the source's listing. */
const listPage = 500

/** Search the source; throws ExpressionError for a malformed `where`, RangeError for a bad time. */
export async function searchSource(
  source: Source,
  query: SearchQuery,
  options: SourceSearchOptions = {},
): Promise<SourceSearchResult> {
  const test = compileEventTest(query)
  const limit = options.limit ?? Infinity
  const kept: SourceMatch[] = []
  let matched = 0
  let scannedEvents = 0
  let found: SourceMatch[] = []
  // Each stream's matches go out once the events have moved past it (both readers go stream by stream).
  const flush = (): void => {
    if (found.length === 0) return
    options.onMatches?.(found)
    if (options.keep) for (const match of found) kept.push(match)
    found = []
  }
  const batches = source.findEvents
    ? source.findEvents(eventFilterOf(query), options.signal)
    : streamByStream(source, query, options.signal)
  for await (const batch of batches) {
    options.onEvents?.(batch.length)
    for (const event of batch) {
      scannedEvents++
      if (found.length > 0 && found[0]?.aggregateId !== event.streamId) flush()
      if (!test(event)) continue
      found.push(matchOf(event))
      if (++matched >= limit) {
        flush()
        return { matches: kept, matched, scannedEvents, truncated: true }
      }
    }
  }
  flush()
  return { matches: kept, matched, scannedEvents, truncated: false }
}

/**
 * The query as a source narrows by: every field of it, `where` parsed. What a source does with it is
 * only a first cut; compileEventTest decides.
 */
export function eventFilterOf(query: SearchQuery): EventFilter {
  const since = timeBound(query.since, 'since')
  const until = timeBound(query.until, 'until')
  return {
    ...(query.aggregateIds?.length ? { streamIds: [...new Set(query.aggregateIds)] } : {}),
    ...(query.aggregateTypes?.length ? { streamTypes: query.aggregateTypes } : {}),
    ...(query.eventTypes?.length ? { eventTypes: query.eventTypes } : {}),
    ...(since === null ? {} : { since }),
    ...(until === null ? {} : { until }),
    ...(query.text ? { text: query.text } : {}),
    ...(query.where?.trim() ? { where: parseExpression(query.where) } : {}),
  }
}

// A source that cannot filter: its streams one by one, each read whole (its event types filtered).
async function* streamByStream(
  source: Source,
  query: SearchQuery,
  signal?: AbortSignal,
): AsyncGenerator<readonly SourceEvent[]> {
  for await (const stream of wantedStreams(source, query))
    yield* source.streamEvents(stream.id, 0, signal, query.eventTypes)
}

// Named aggregates are looked up one by one; otherwise every stream, a page at a time.
async function* wantedStreams(source: Source, query: SearchQuery): AsyncGenerator<StreamSummary> {
  const types = query.aggregateTypes?.length ? new Set(query.aggregateTypes) : null
  const wanted = (stream: StreamSummary): boolean => !types || types.has(stream.type ?? '')
  if (query.aggregateIds?.length) {
    for (const id of [...new Set(query.aggregateIds)].sort()) {
      const stream = await source.stream(id)
      if (stream !== null && wanted(stream)) yield stream
    }
    return
  }
  const onlyType = query.aggregateTypes?.length === 1 ? query.aggregateTypes[0] : undefined
  let after: string | undefined
  for (;;) {
    const page = await source.listStreams({
      limit: listPage,
      ...(onlyType === undefined ? {} : { type: onlyType }),
      ...(after === undefined ? {} : { after }),
    })
    for (const stream of page.streams) if (wanted(stream)) yield stream
    if (page.next === null) return
    after = page.next
  }
}

/** The per-event test of a query: event types, time range, text in the stored payload, `where`. */
export function compileEventTest(query: SearchQuery): (event: SourceEvent) => boolean {
  const where: Expression | null = query.where?.trim() ? parseExpression(query.where) : null
  const types = query.eventTypes?.length ? new Set(query.eventTypes) : null
  const since = timeBound(query.since, 'since')
  const until = timeBound(query.until, 'until')
  const text = query.text ? query.text.toLowerCase() : null
  return (event) => {
    if (types && !types.has(event.type ?? '')) return false
    if (since !== null || until !== null) {
      const at = event.occurredAt === null ? NaN : Date.parse(event.occurredAt)
      if (Number.isNaN(at) || (since !== null && at < since) || (until !== null && at > until)) return false
    }
    if (text !== null && !event.raw.toLowerCase().includes(text)) return false
    if (where === null) return true
    return matches(where, {
      payload: event.payload,
      metadata: event.metadata,
      type: event.type,
      id: event.id,
      occurredAt: event.occurredAt,
      version: event.version,
      aggregateId: event.streamId,
    })
  }
}

function matchOf(event: SourceEvent): SourceMatch {
  return {
    aggregateId: event.streamId,
    version: event.version,
    type: event.type,
    occurredAt: event.occurredAt,
    payload: event.payload,
  }
}

function timeBound(value: string | undefined, name: string): number | null {
  if (value === undefined || value === '') return null
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) throw new RangeError(`${name} is not a time: ${value}`)
  return ms
}
