// Export from a database store (any Source): the same four formats as a directory's export
// (run-export.ts), the same file names, atomic writes (FileSink) and refusal to overwrite.
//
// A database has no lines to copy, so JSONL and store exports write each event as a line of the
// nested style (`event_id`, `event_type`, `aggregate_id`, `occurred_at`, `payload`, `metadata`), which
// eventscope reads back as a store and which keeps a payload's keys whatever their names. JSON and
// CSV name the fields as a directory's export does. Numbers are written as the source holds them
// (integers beyond 2^53, `1.0`). Each stream is read through the source's cursor: memory is one batch
// and one 4 MiB write buffer, never a stream or the store. A row whose payload or metadata cannot be
// read as stored is left out and counted (`skippedLines`), never written as {}.

import { mkdir, rename, rm, rmdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { EnvelopeStyle } from '../../../shared/contract'
import { markBigIntegers, stringifyExact } from '../json/big-integers'
import type { JsonObject } from '../json/json-value'
import type { Source, SourceEvent } from '../source/source'
import { StoreError } from '../errors'
import { twinKey, unsafeAggregateIdReason } from '../write/aggregate-id'
import { buildEventLine } from '../write/event-line'
import { newIndexText, type IndexChange } from '../write/index-update'
import { csvRecord, envelopeColumns, flattenPayload } from './csv-row'
import { exportCancelled } from './export-progress'
import type { ExportFormat, ExportResult } from './run-export'
import { assertFreeTarget, FileSink, temporaryName } from './file-sink'

/** The style of the lines a database export writes: the payload nested, so no field can collide. */
const exportStyle: EnvelopeStyle = {
  payload: 'payload',
  typeField: 'event_type',
  idField: 'event_id',
  timeField: 'occurred_at',
  aggregateIdField: 'aggregate_id',
}

export interface SourceExportRequest {
  readonly format: ExportFormat
  /** Streams to export; empty: every stream, in id order. */
  readonly aggregateIds: readonly string[]
  readonly types?: readonly string[] | undefined
  readonly since?: string | undefined
  readonly until?: string | undefined
  readonly csvFormulas?: 'neutralize' | 'keep' | undefined
  readonly out: string
  readonly signal?: AbortSignal | undefined
  /** Events written so far, and the selected streams' events (exact: the source counts them). */
  readonly onProgress?: ((done: number, total: number) => void) | undefined
}

interface Selected {
  readonly id: string
  readonly eventCount: number
}

/** Write the export; nothing appears under `out` unless it completes. */
export async function exportSource(source: Source, request: SourceExportRequest): Promise<ExportResult> {
  await assertFreeTarget(request.out, request.format === 'store' ? 'directory' : 'file')
  const streams = await selectedStreams(source, request.aggregateIds, request.signal)
  const total = streams.reduce((sum, stream) => sum + stream.eventCount, 0)
  const progress = new Progress(total, request)
  try {
    if (request.format === 'store') return await exportStore(source, streams, request, progress)
    const sink = await FileSink.forTarget(request.out)
    try {
      const events = await writers[request.format](sink, source, streams, request, progress)
      await sink.commit(request.out)
      progress.finish()
      return {
        out: request.out,
        format: request.format,
        streams: streams.length,
        events,
        skippedLines: progress.skipped,
        bytes: sink.bytes,
        // JSON and CSV records carry each row's version; JSONL lines, as the seed's, do not.
        ...(request.format === 'jsonl' ? progress.renumberedResult() : {}),
      }
    } catch (error) {
      await sink.discard()
      throw error
    }
  } catch (error) {
    throw request.signal?.aborted ? exportCancelled() : error
  }
}

type Writer = (
  sink: FileSink,
  source: Source,
  streams: readonly Selected[],
  request: SourceExportRequest,
  progress: Progress,
) => Promise<number>

const writers: Record<Exclude<ExportFormat, 'store'>, Writer> = {
  async jsonl(sink, source, streams, request, progress) {
    let events = 0
    for (const stream of streams)
      for await (const event of kept(source, stream.id, request, progress)) {
        await sink.write(`${lineOf(event)}\n`)
        events++
      }
    return events
  },
  async json(sink, source, streams, request, progress) {
    let events = 0
    await sink.write('[')
    for (const stream of streams)
      for await (const event of kept(source, stream.id, request, progress)) {
        const head = {
          version: event.version,
          aggregate_id: event.streamId,
          event_id: event.id,
          event_type: event.type,
          occurred_at: event.occurredAt,
        }
        const item = `${JSON.stringify(head).slice(0, -1)},"payload":${stringifyExact(event.payload)},"metadata":${stringifyExact(event.metadata)}}`
        await sink.write(`${events === 0 ? '\n' : ',\n'}  ${item}`)
        events++
      }
    await sink.write(events === 0 ? ']\n' : '\n]\n')
    return events
  },
  // Two passes, as a directory's CSV: every column is known before the first row.
  async csv(sink, source, streams, request, progress) {
    const columns = new Set<string>()
    const quiet = new Progress(0, { signal: request.signal })
    for (const stream of streams)
      for await (const event of kept(source, stream.id, request, quiet))
        for (const key of flattenPayload(markedPayload(event)).keys()) columns.add(key)
    const payloadColumns = [...columns]
    const formulas = request.csvFormulas ?? 'neutralize'
    await sink.write(csvRecord([...envelopeColumns, ...payloadColumns], formulas))
    let events = 0
    for (const stream of streams)
      for await (const event of kept(source, stream.id, request, progress)) {
        const cells = flattenPayload(markedPayload(event))
        const head = [
          String(event.version),
          event.streamId,
          event.id ?? '',
          event.type ?? '',
          event.occurredAt ?? '',
        ]
        await sink.write(
          csvRecord([...head, ...payloadColumns.map((column) => cells.get(column) ?? '')], formulas),
        )
        events++
      }
    return events
  },
}

/** A store directory in the seed's layout: one stream file per aggregate and an index.json. */
async function exportStore(
  source: Source,
  streams: readonly Selected[],
  request: SourceExportRequest,
  progress: Progress,
): Promise<ExportResult> {
  // A stream id becomes a file name: one that cannot be (`a/b`, `"x"`, twins by case) stops it first.
  const twins = new Map<string, string>()
  for (const { id } of streams) {
    const reason = unsafeAggregateIdReason(id)
    const twin = twins.get(twinKey(id))
    if (reason !== null || twin !== undefined)
      throw new StoreError(
        'invalid_input',
        `Cannot export ${JSON.stringify(id)} as a stream file: ${reason ?? `it names the same file as ${JSON.stringify(twin)} on some systems`}; export the other streams, or as JSONL.`,
      )
    twins.set(twinKey(id), id)
  }
  const temp = temporaryName(request.out)
  await mkdir(temp)
  try {
    let events = 0
    let bytes = 0
    const entries: IndexChange[] = []
    for (const stream of streams) {
      const file = join(temp, `${stream.id}.events.jsonl`)
      const sink = await FileSink.forTarget(file)
      let count = 0
      let lastEventAt: string | null = null
      try {
        for await (const event of kept(source, stream.id, request, progress)) {
          await sink.write(`${lineOf(event)}\n`)
          count++
          lastEventAt = event.occurredAt
        }
      } catch (error) {
        await sink.discard()
        throw error
      }
      if (count === 0) {
        await sink.discard()
        continue
      }
      await sink.commit(file)
      bytes += sink.bytes
      events += count
      entries.push({ aggregateId: stream.id, eventCount: count, lastEventAt })
    }
    const index = await FileSink.forTarget(join(temp, 'index.json'))
    await index.write(newIndexText(entries))
    await index.commit(join(temp, 'index.json'))
    // assertFreeTarget allowed only a missing or empty directory; it goes so the rename can take its place.
    await rmdir(request.out).catch(() => {})
    await rename(temp, request.out)
    progress.finish()
    return {
      out: request.out,
      format: 'store',
      streams: entries.length,
      events,
      skippedLines: progress.skipped,
      bytes: bytes + index.bytes,
      ...progress.renumberedResult(),
    }
  } catch (error) {
    await rm(temp, { recursive: true, force: true })
    throw error
  }
}

/** The streams to export with their event counts, in id order; an id the store lacks is skipped. */
async function selectedStreams(
  source: Source,
  ids: readonly string[],
  signal: AbortSignal | undefined,
): Promise<Selected[]> {
  const selected: Selected[] = []
  if (ids.length > 0) {
    for (const id of [...new Set(ids)].sort()) {
      if (signal?.aborted) throw exportCancelled()
      const stream = await source.stream(id)
      if (stream !== null) selected.push({ id, eventCount: stream.eventCount })
    }
    return selected
  }
  let after: string | undefined
  for (;;) {
    if (signal?.aborted) throw exportCancelled()
    const page = await source.listStreams({ limit: 5000, ...(after === undefined ? {} : { after }) })
    for (const stream of page.streams) selected.push({ id: stream.id, eventCount: stream.eventCount })
    if (page.next === null) return selected
    after = page.next
  }
}

/** A stream's events that pass the type and time filters (types filtered by the store). */
async function* kept(
  source: Source,
  id: string,
  request: SourceExportRequest,
  progress: Progress,
): AsyncGenerator<SourceEvent> {
  const since = request.since === undefined ? null : Date.parse(request.since)
  const until = request.until === undefined ? null : Date.parse(request.until)
  const types = request.types && request.types.length > 0 ? request.types : undefined
  // Filtered by type or time, versions move by the user's choice; otherwise only by the store's gaps.
  const filtered = types !== undefined || since !== null || until !== null
  let yielded = 0
  let moved = false
  for await (const batch of source.streamEvents(id, 0, request.signal, types)) {
    progress.advance(batch.length)
    for (const event of batch) {
      if (since !== null || until !== null) {
        const at = event.occurredAt === null ? NaN : Date.parse(event.occurredAt)
        if (Number.isNaN(at) || (since !== null && at < since) || (until !== null && at > until)) continue
      }
      // A row whose payload or metadata cannot be read as stored is left out and counted, as a
      // directory's export leaves out a damaged line: written, it would say {} where the store
      // holds something else (`copy` refuses it the same way).
      if (event.problems) {
        progress.skipped++
        continue
      }
      yielded++
      if (event.version !== yielded) moved = true
      yield event
    }
  }
  if (moved && !filtered) progress.renumbered++
}

/** The event as a JSONL line of the nested style, its numbers as the source holds them. */
function lineOf(event: SourceEvent): string {
  return buildEventLine(exportStyle, {
    aggregateId: event.streamId,
    eventType: event.type ?? '',
    eventId: event.id ?? '',
    occurredAt: event.occurredAt ?? '',
    payload: event.payload as JsonObject,
    metadata: event.metadata as JsonObject | null,
  }).line
}

/** The payload with literals a double would not print back marked, as flattenPayload takes them. */
function markedPayload(event: SourceEvent): JsonObject {
  return JSON.parse(markBigIntegers(stringifyExact(event.payload))) as JsonObject
}

/** Events read against the selected streams' total; where cancellation is noticed, once per batch. */
class Progress {
  private done = 0
  private reported = 0
  /**
   * Streams whose rows, written in order, no longer sit at their versions (the store skips versions,
   * or rows were left out): what a format without versions (JSONL lines, a store) moves (see kept).
   */
  renumbered = 0

  /** `renumberedStreams` for a format whose lines carry no version, when any moved. */
  renumberedResult(): { renumberedStreams?: number } {
    return this.renumbered > 0 ? { renumberedStreams: this.renumbered } : {}
  }

  /** Rows left out because what they store cannot be read (see kept). */
  skipped = 0

  constructor(
    private readonly total: number,
    private readonly request: Pick<SourceExportRequest, 'signal' | 'onProgress'>,
  ) {}

  advance(events: number): void {
    if (this.request.signal?.aborted) throw exportCancelled()
    this.done += events
    if (this.request.onProgress && this.done - this.reported >= 5000) {
      this.reported = this.done
      this.request.onProgress(this.done, Math.max(this.done, this.total))
    }
  }

  finish(): void {
    this.request.onProgress?.(this.done, Math.max(this.done, this.total))
  }
}
