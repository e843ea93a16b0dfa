// Search every stream of a store: byte needles first, JSON only for lines that may match, results in
// aggregate-id order and version order, streamed in batches with progress, cancellable.

import { stat } from 'node:fs/promises'
import type { ExactJson } from '../json/json-value'
import type { CachedCount } from '../scan-cache/cached-counts'
import { findInStream } from '../scan/find-in-stream'
import { LinesLeftOut, type LinesLeftOutSummary } from '../scan/lines-left-out'
import { exactEnvelope } from '../stream/event-reader'
import type { ScannedEvent } from '../scan/scan-lines'
import { listStreamFiles, type StreamFile } from '../store/store-files'
import { compileSearch, type CompiledSearch, type SearchQuery } from './search-query'
import { appendAll } from '../../../shared/array-ops'

export interface SearchMatch {
  readonly aggregateId: string
  readonly version: number
  readonly type: string | null
  readonly occurredAt: string | null
  /** Integers beyond 2^53 as exact bigints: send it with toWire, print it with stringifyExact. */
  readonly payload: ExactJson
}

export interface SearchProgress {
  readonly matched: number
  readonly scannedBytes: number
  readonly totalBytes: number
  readonly streamsDone: number
  readonly streams: number
}

export interface SearchOptions {
  /** Stop after this many matches (the result then says `truncated`). */
  readonly limit?: number
  /** Matches as they are confirmed, one stream's worth at a time. */
  readonly onMatches?: (matches: readonly SearchMatch[]) => void
  readonly onProgress?: (progress: SearchProgress) => void
  readonly signal?: AbortSignal
  /**
   * Each stream's event count where already known (the open store's reconciliation). Lines skipped by
   * the needles are counted by shape; a stream whose count then disagrees is read again in full so the
   * versions of its matches are exact.
   */
  readonly knownCount?: (aggregateId: string) => number | null
  /** Counts to confirm only where a match needs one (the scan cache's, cached-counts.ts). */
  readonly cachedCount?: CachedCount | null
  /** Keep the matches in the result (default); false when only `onMatches` or the count is wanted. */
  readonly keep?: boolean
}

export interface SearchResult {
  readonly matches: SearchMatch[]
  readonly truncated: boolean
  readonly progress: SearchProgress
  /** Lines that might have matched (they pass the byte needles) but hold no event: not searched. */
  readonly leftOut: LinesLeftOutSummary
}

/** Run a search over the store in `dir`. O(store bytes) of byte search plus O(candidate lines) parsing. */
export async function searchStore(
  dir: string,
  query: SearchQuery,
  options: SearchOptions = {},
): Promise<SearchResult> {
  const compiled = compileSearch(query)
  const limit = options.limit ?? Number.POSITIVE_INFINITY
  const streams = (await listStreamFiles(dir)).streams.filter((stream) =>
    compiled.wantsStream(stream.aggregateId),
  )
  const sizes = await Promise.all(
    streams.map((stream) =>
      stat(stream.file).then(
        (info) => info.size,
        () => 0,
      ),
    ),
  )
  const progress = {
    matched: 0,
    scannedBytes: 0,
    totalBytes: sizes.reduce((sum, size) => sum + size, 0),
    streamsDone: 0,
    streams: streams.length,
  }
  const matches: SearchMatch[] = []
  const leftOut = new LinesLeftOut()
  let lastReport = 0
  const report = (force: boolean): void => {
    const now = Date.now()
    if (!force && now - lastReport < 100) return
    lastReport = now
    options.onProgress?.({ ...progress })
  }
  for (const stream of streams) {
    if (progress.matched >= limit) break
    const found = await searchStream(
      stream,
      compiled,
      limit - progress.matched,
      options,
      leftOut,
      (bytes) => {
        progress.scannedBytes += bytes
        report(false)
      },
    )
    if (options.keep !== false) appendAll(matches, found)
    progress.matched += found.length
    progress.streamsDone++
    if (found.length > 0) options.onMatches?.(found)
    report(false)
  }
  report(true)
  const truncated = progress.matched >= limit && progress.streamsDone < streams.length
  return { matches, truncated, progress, leftOut: leftOut.summary() }
}

async function searchStream(
  stream: StreamFile,
  compiled: CompiledSearch,
  room: number,
  options: SearchOptions,
  leftOut: LinesLeftOut,
  onBytes: (bytes: number) => void,
): Promise<SearchMatch[]> {
  const found = await findInStream(stream, {
    needles: compiled.needles,
    accept: compiled.wantsFirst,
    test: compiled.test,
    room,
    knownCount: options.knownCount?.(stream.aggregateId) ?? null,
    confirmCount: options.cachedCount?.(stream.aggregateId) ?? null,
    onBytes,
    onNoEvent: (problem) => leftOut.add(stream.aggregateId, problem),
    ...(options.signal ? { signal: options.signal } : {}),
  })
  return found.map(toMatch)
}

function toMatch(event: ScannedEvent): SearchMatch {
  const { envelope } = event
  return {
    aggregateId: event.aggregateId,
    version: event.version,
    type: envelope.type,
    occurredAt: envelope.occurredAt,
    payload: exactPayload(event),
  }
}

/** The payload as written: a match whose payload may have been rounded is read again from its line, exactly. */
function exactPayload(event: ScannedEvent): ExactJson {
  return exactEnvelope(event, event.style)?.payload ?? event.envelope.payload
}
