// A JSONL store directory as a Source, built on the readers and writers the rest of eventscope uses:
// the one chunked line reader and line verdict (so version N is the event every other reader calls
// version N), the global time order of projections, and the locked, fsync'd batch append.
//
// Two users: the commands that take any store (copy) read and write a directory through it, and the
// session's open directory (session/directory-store.ts) exposes it as its `source`, so what is written
// once against Source reads a directory through it too. The page's own channels on a directory are
// answered by that store from its catalog and stream indexes (byte offsets, checkpoints, the scan
// cache), which this source does not keep: summaries are not indexed here, a stream's count and last
// time cost one read of its file (O(stream bytes)), a page of the listing sorted by id reads only the
// streams on it, one sorted by count or time reads them all.

import { StoreError } from '../../errors'
import { forEachInTimeOrder } from '../../projections/global-order'
import { listStreamFiles, streamFileOf, type StreamFile } from '../../store/store-files'
import { detectStyle, inferAggregateType, readEnvelope } from '../../stream/envelope'
import { readLines } from '../../stream/line-reader'
import { judgeLine } from '../../stream/line-verdict'
import type { BatchRequest } from '../../write/append'
import { checkAggregateId } from '../../write/append-request'
import type { DeferredIndex } from '../../write/deferred-index'
import { statIfPresent } from '../../store/stat-if-present'
import type { EnvelopeStyle } from '../../../../shared/contract'
import { appendAll } from '../../../../shared/array-ops'
import { SourceStates } from '../source-states'
import type {
  AppendRequest,
  ImportRequest,
  ScanFrom,
  Source,
  SourceEvent,
  SourceState,
  StreamListQuery,
  StreamPage,
  StreamSummary,
} from '../source'
import { importRequests } from './jsonl-import'
import { sourceEventOf } from './jsonl-events'
import { pullBatches } from './pull-batches'
import { compareKey, decodePageCursor, pageOf, type PageKey } from './stream-pages'

/** Events handed out at a time by a whole-stream or whole-store read. */
const batchSize = 1000
/** Bytes read per chunk of a stream file: the reader waits at each chunk for the consumer. */
const chunkBytes = 1024 * 1024

/** Open the store in `dir`; throws a one-line StoreError when it is not a directory. */
export async function openJsonlSource(dir: string): Promise<Source> {
  const info = await statIfPresent(dir)
  if (!info?.isDirectory()) throw new StoreError('not_found', `No such store directory: ${dir}`)
  return new JsonlSource(dir)
}

/** The store in `dir`, already known to be a directory (the session checked it when opening it). */
export function jsonlSourceAt(dir: string): Source {
  return new JsonlSource(dir)
}

class JsonlSource implements Source {
  readonly kind = 'jsonl' as const
  readonly capabilities = {
    append: true,
    watch: false,
    // Following a directory is its session store's (store-watcher.ts, directory-store.ts): it knows
    // which streams it read and takes in only what changed; this source keeps nothing between calls.
    note: 'a directory is followed by the explorer session that opened it, not through this source',
  }
  private readonly states = new SourceStates((id, from, signal) => this.streamEvents(id, from, signal))
  /**
   * Imports (a copy into this directory) write index.json now and then, not per batch. Made on the
   * first import, with the write code: a source that only reads never loads it (append.ts, lock).
   */
  private imports: Promise<DeferredIndex> | null = null

  constructor(readonly displayName: string) {}

  private deferredIndex(): Promise<DeferredIndex> {
    this.imports ??= import('../../write/deferred-index').then(
      ({ DeferredIndex }) => new DeferredIndex(this.displayName),
    )
    return this.imports
  }

  async listStreams(query: StreamListQuery): Promise<StreamPage> {
    const sort = query.sort ?? 'id'
    const after = query.after === undefined ? null : decodePageCursor(query.after)
    const contains = query.idContains?.toLowerCase() ?? ''
    const files = (await this.files()).filter(
      (file) => contains === '' || file.aggregateId.toLowerCase().includes(contains),
    )
    if (sort === 'id' && query.type === undefined) {
      // Sorted by id the listing is the page's order: only the streams on the page are read.
      const ids = files.map((file) => file.aggregateId)
      if (query.descending) ids.reverse()
      const page = pageOf(ids, (id) => [id], after, query.descending ?? false, query.limit)
      const streams = await Promise.all(page.items.map((id) => this.summaryOf(id)))
      return { streams: streams.filter((s) => s !== null), next: page.next }
    }
    const all: StreamSummary[] = []
    for (const file of files) {
      const summary = await this.summaryOf(file.aggregateId)
      if (summary !== null && (query.type === undefined || summary.type === query.type)) all.push(summary)
    }
    const key = (s: StreamSummary): string | number | null =>
      sort === 'eventCount' ? s.eventCount : sort === 'lastEventAt' ? s.lastEventAt : s.id
    const keyOf = (s: StreamSummary): PageKey => [key(s), s.id]
    all.sort((a, b) => compareKey(keyOf(a), keyOf(b)))
    if (query.descending) all.reverse()
    const page = pageOf(all, keyOf, after, query.descending ?? false, query.limit)
    return { streams: page.items, next: page.next }
  }

  async stream(id: string): Promise<StreamSummary | null> {
    return this.summaryOf(id)
  }

  async readEvents(id: string, from: number, limit: number): Promise<SourceEvent[]> {
    const events: SourceEvent[] = []
    for await (const batch of this.lines(id, from, undefined, undefined, from + limit))
      appendAll(events, batch)
    return events.slice(0, limit)
  }

  streamEvents(
    id: string,
    from: number,
    signal?: AbortSignal,
    types?: readonly string[],
  ): AsyncIterable<readonly SourceEvent[]> {
    return this.lines(
      id,
      from,
      signal,
      types === undefined || types.length === 0 ? undefined : new Set(types),
    )
  }

  async stateAt(id: string, version: number): Promise<SourceState> {
    const summary = await this.summaryOf(id)
    if (summary === null)
      throw new StoreError('not_found', `no stream ${JSON.stringify(id)} in ${this.displayName}`)
    return this.states.sourceState(id, version, summary.eventCount)
  }

  scan(from: ScanFrom, signal?: AbortSignal): AsyncIterable<readonly SourceEvent[]> {
    if (from.afterGlobalPosition !== undefined)
      throw new StoreError('invalid_input', `${this.displayName} has no global positions to start after`)
    return pullBatches<SourceEvent>(async (emit) => {
      let batch: SourceEvent[] = []
      await forEachInTimeOrder(
        this.displayName,
        async (event) => {
          batch.push(sourceEventOf({ ...event, streamId: event.aggregateId }))
          if (batch.length < batchSize) return
          const full = batch
          batch = []
          await emit(full)
        },
        signal === undefined ? {} : { signal },
      )
      await emit(batch)
    })
  }

  async append(request: AppendRequest): Promise<{ readonly nextVersion: number }> {
    const { streamId, expectedVersion } = request
    const requests: BatchRequest[] = request.events.map((event, at) => ({
      aggregateId: streamId,
      eventType: event.type,
      payload: event.payload,
      ...(event.metadata === undefined ? {} : { metadata: event.metadata }),
      expectedVersion: expectedVersion === null ? null : expectedVersion + at,
    }))
    return this.write(requests)
  }

  async importEvents(request: ImportRequest): Promise<{ readonly nextVersion: number }> {
    const requests = importRequests(request)
    if (requests.length === 0) throw new StoreError('invalid_input', 'nothing to append')
    const { results, refused } = await (await this.deferredIndex()).append(requests)
    if (refused) throw refused.error
    return { nextVersion: results.at(-1)?.version ?? 0 }
  }

  async importFound(streamId: string): Promise<void> {
    await (await this.deferredIndex()).found(streamId)
  }

  async settleImports(): Promise<void> {
    await (await this.imports)?.settle()
  }

  async close(): Promise<void> {
    // Nothing held between calls: every read opens and closes its file. What an import left waiting
    // for index.json is written now (a copy settles it itself; this is for any other importer).
    await (await this.imports)?.settle()
  }

  private async write(requests: readonly BatchRequest[]): Promise<{ readonly nextVersion: number }> {
    if (requests.length === 0) throw new StoreError('invalid_input', 'nothing to append')
    const { appendEvents } = await import('../../write/append')
    const { results, refused } = await appendEvents(this.displayName, requests)
    if (refused) throw refused.error
    return { nextVersion: results.at(-1)?.version ?? 0 }
  }

  private async files(): Promise<StreamFile[]> {
    return (await listStreamFiles(this.displayName)).streams
  }

  // A stream's count, type and last time: one read of its file. Null when there is no such stream.
  private async summaryOf(id: string): Promise<StreamSummary | null> {
    try {
      checkAggregateId(id)
    } catch {
      return null
    }
    let eventCount = 0
    let type: string | null = null
    let lastEventAt: string | null = null
    let style: EnvelopeStyle | null = null
    const found = await this.eachLine(id, undefined, (value, _raw) => {
      eventCount++
      style ??= detectStyle(value)
      const envelope = readEnvelope(value, style)
      if (eventCount === 1) type = inferAggregateType(envelope)
      lastEventAt = envelope.occurredAt
    })
    return found ? { id, type, eventCount, lastEventAt } : null
  }

  // Events after `from` (up to `to`), of `types` when given, in batches read a chunk at a time.
  private lines(
    id: string,
    from: number,
    signal?: AbortSignal,
    types?: ReadonlySet<string>,
    to = Number.POSITIVE_INFINITY,
  ): AsyncGenerator<readonly SourceEvent[]> {
    return pullBatches<SourceEvent>(async (emit) => {
      let version = 0
      let style: EnvelopeStyle | null = null
      let batch: SourceEvent[] = []
      const found = await this.eachLine(
        id,
        {
          signal,
          stopped: () => version >= to,
          afterChunk: async () => {
            if (batch.length === 0) return
            const full = batch
            batch = []
            await emit(full)
          },
        },
        (value, raw) => {
          version++
          style ??= detectStyle(value)
          if (version <= from || version > to) return
          const envelope = readEnvelope(value, style)
          if (types !== undefined && !types.has(envelope.type ?? '')) return
          batch.push(sourceEventOf({ streamId: id, version, raw, style, envelope }))
        },
      )
      // A stream that is not there has no events, as a database answers.
      if (found) await emit(batch)
    })
  }

  // Every event line of a stream through the one line verdict; false when the stream does not exist.
  private async eachLine(
    id: string,
    options:
      | { signal?: AbortSignal | undefined; stopped?: () => boolean; afterChunk?: () => Promise<void> }
      | undefined,
    onEvent: (value: Parameters<typeof detectStyle>[0], raw: string) => void,
  ): Promise<boolean> {
    let style: EnvelopeStyle | null = null
    try {
      await readLines(
        streamFileOf(this.displayName, id),
        {
          chunkBytes,
          signal: options?.signal,
          ...(options?.stopped ? { stopped: options.stopped } : {}),
          ...(options?.afterChunk ? { afterChunk: options.afterChunk } : {}),
        },
        (span) => {
          const verdict = judgeLine(span, style)
          if (verdict.event === null) return
          style ??= detectStyle(verdict.event.value)
          onEvent(verdict.event.value, verdict.event.text)
        },
      )
      return true
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
      throw error
    }
  }
}
