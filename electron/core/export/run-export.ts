// Export events of a store as JSONL (original lines, byte for byte), JSON (normalized events), CSV
// (envelope columns plus the flattened payload) or a new store directory in the seed's layout.
// Integers beyond 2^53 are written with every digit in all four (big-integers.ts).

import { mkdir, rename, rm, rmdir } from 'node:fs/promises'
import { join } from 'node:path'
import { markBigIntegers, unmarkBigIntegers } from '../json/big-integers'
import { mayHoldUnfaithfulNumber } from '../../../shared/number-literals'
import type { JsonObject } from '../json/json-value'
import { payloadSourceOf } from '../stream/payload-text'
import { reindentJson } from '../../../shared/reindent-json'
import { readEnvelope } from '../stream/envelope'
import { toNormalizedEvent, type ReadEvent } from '../stream/event-reader'
import { newIndexText } from '../write/index-update'
import { csvRecord, envelopeColumns, flattenPayload, type CsvFormulas } from './csv-row'
import { exportCancelled, ExportProgress } from './export-progress'
import {
  eventFilter,
  filtersEvents,
  selectStreams,
  type ExportFilter,
  type SelectedStream,
} from './export-selection'
import { assertFreeTarget, FileSink, temporaryName } from './file-sink'
import { passStream, ReadAhead } from './stream-pass'
import { copyingVisitor, parsingVisitor, type CountingVisitor, type ParsedEvent } from './stream-visitors'

export const exportFormats = ['jsonl', 'json', 'csv', 'store'] as const
export type ExportFormat = (typeof exportFormats)[number]

export interface ExportRequest extends ExportFilter {
  readonly dir: string
  readonly format: ExportFormat
  /** The file to write (a new directory for `store`). */
  readonly out: string
  /** CSV only: cells a spreadsheet would run as formulas are `'`-prefixed unless 'keep'. */
  readonly csvFormulas?: CsvFormulas
  readonly onProgress?: (done: number, total: number) => void
  readonly signal?: AbortSignal
}

export interface ExportResult {
  readonly out: string
  readonly format: ExportFormat
  readonly streams: number
  readonly events: number
  /** Damaged lines of the selected streams, left out of the export. */
  readonly skippedLines: number
  readonly bytes: number
  /**
   * A database's JSONL or store export: streams whose rows it wrote in order although the database
   * skips versions in them (truncated, archived or left-out rows), so read back as a stream, whose
   * versions are its lines' order, they are numbered from 1. Absent: none, or another format.
   */
  readonly renumberedStreams?: number
}

/**
 * Run an export to disk, one stream after another, each file read once.
 *
 * O(bytes of the selected streams) time. Memory: a 4 MiB read chunk, a 4 MiB write buffer and the
 * positions of the stream being read (16 B per event), never the whole store's. Without a type or time
 * filter JSONL and store exports copy each valid line's bytes and parse nothing a second time.
 */
export async function runExport(request: ExportRequest): Promise<ExportResult> {
  await assertFreeTarget(request.out, request.format === 'store' ? 'directory' : 'file')
  const streams = await selectStreams(request.dir, request)
  const totalBytes = streams.reduce((sum, stream) => sum + stream.bytes, 0)
  const progress = new ExportProgress(totalBytes, request.onProgress, request.signal)
  const tally = { skippedLines: 0 }
  try {
    if (request.signal?.aborted) throw exportCancelled()
    if (request.format === 'store') {
      const { events, bytes } = await exportStore(streams, request, progress, tally)
      progress.finish()
      return { out: request.out, format: 'store', streams: streams.length, events, ...tally, bytes }
    }
    const sink = await FileSink.forTarget(request.out)
    try {
      const events = await writers[request.format](sink, streams, { request, progress, tally })
      await sink.commit(request.out)
      progress.finish()
      return {
        out: request.out,
        format: request.format,
        streams: streams.length,
        events,
        skippedLines: tally.skippedLines,
        bytes: sink.bytes,
      }
    } catch (error) {
      await sink.discard()
      throw error
    }
  } catch (error) {
    throw request.signal?.aborted ? exportCancelled() : error
  }
}

interface Run {
  readonly request: ExportRequest
  readonly progress: ExportProgress
  /** Damaged lines found so far, counted on the pass that writes (CSV reads each stream twice). */
  readonly tally: { skippedLines: number }
}

type Writer = (sink: FileSink, streams: SelectedStream[], run: Run) => Promise<number>

/** The selected streams and a ReadAhead over them: one per pass over the store. */
interface ReadAheadStreams {
  readonly list: readonly SelectedStream[]
  readonly ahead: ReadAhead
}

function readAhead(list: readonly SelectedStream[]): ReadAheadStreams {
  return { list, ahead: new ReadAhead(list) }
}

/** Read stream `at` through `visitor`; count its damaged lines when `count`. Returns its events taken. */
async function pass(
  streams: ReadAheadStreams,
  at: number,
  visitor: CountingVisitor,
  run: Run,
  count = true,
): Promise<{ events: number; lastEventAt: string | null }> {
  const stream = streams.list[at] as SelectedStream
  const { index, skippedLines } = await passStream(
    stream,
    visitor,
    run.request.signal,
    streams.ahead.take(at),
  )
  if (count) run.tally.skippedLines += skippedLines
  return { events: visitor.events(), lastEventAt: index.lastEventAt }
}

/** The visitor writing one stream's events as JSONL lines: bytes copied, or filtered events' text. */
function jsonlVisitor(sink: FileSink, run: Run, onEvent?: (event: ParsedEvent) => void): CountingVisitor {
  if (!filtersEvents(run.request)) return copyingVisitor(sink, run.progress)
  return parsingVisitor(
    eventFilter(run.request),
    (event) => {
      onEvent?.(event)
      return sink.write(`${event.raw}\n`)
    },
    run.progress,
  )
}

const writers: Record<Exclude<ExportFormat, 'store'>, Writer> = {
  async jsonl(sink, streams, run) {
    let events = 0
    const all = readAhead(streams)
    for (let at = 0; at < streams.length; at++)
      events += (await pass(all, at, jsonlVisitor(sink, run), run)).events
    return events
  },
  async json(sink, streams, run) {
    let events = 0
    await sink.write('[')
    const keep = eventFilter(run.request)
    const all = readAhead(streams)
    for (const [at, stream] of streams.entries()) {
      const write = (event: ParsedEvent): Promise<void> => {
        const read = exactEvent(event)
        const { version, type, occurredAt, id } = toNormalizedEvent(read)
        // Payload and metadata with their literals marked (exactEvent), unmarked as the text is written.
        const { payload, metadata } = read.envelope
        // The CSV's names, in its column order: snake_case, as the seed's own envelope names them.
        const head = {
          version,
          aggregate_id: stream.aggregateId,
          event_id: id,
          event_type: type,
          occurred_at: occurredAt,
        }
        // The payload as the line writes it: a parsed object would hoist integer-like keys.
        const source = payloadSourceOf(event.raw, event.style)
        const payloadText =
          source === null ? unmarkBigIntegers(JSON.stringify(payload)) : reindentJson(source, 0)
        const rest = unmarkBigIntegers(JSON.stringify({ metadata }))
        const item = `${JSON.stringify(head).slice(0, -1)},"payload":${payloadText},${rest.slice(1)}`
        const text = `${events === 0 ? '\n' : ',\n'}  ${item}`
        events++
        return sink.write(text)
      }
      await pass(all, at, parsingVisitor(keep, write, run.progress), run)
    }
    await sink.write(events === 0 ? ']\n' : '\n]\n')
    return events
  },
  // Two passes: CSV needs every column before the first row, and holding rows would hold the store.
  async csv(sink, streams, run) {
    const keep = eventFilter(run.request)
    const columns = new Set<string>()
    const collect = (event: ParsedEvent): Promise<void> => {
      for (const key of flattenPayload(exactEvent(event).envelope.payload).keys()) columns.add(key)
      return Promise.resolve()
    }
    const first = readAhead(streams)
    for (let at = 0; at < streams.length; at++)
      await pass(first, at, parsingVisitor(keep, collect, null), run, false)
    // columnName never gives a payload path an envelope column's name: every field has its own column.
    const payloadColumns = [...columns]
    const formulas = run.request.csvFormulas ?? 'neutralize'
    await sink.write(csvRecord([...envelopeColumns, ...payloadColumns], formulas))
    let events = 0
    const second = readAhead(streams)
    for (const [at, stream] of streams.entries()) {
      const write = (event: ParsedEvent): Promise<void> => {
        const cells = flattenPayload(exactEvent(event).envelope.payload)
        const { envelope } = event
        const head = [
          String(event.version),
          stream.aggregateId,
          envelope.id ?? '',
          envelope.type ?? '',
          envelope.occurredAt ?? '',
        ]
        events++
        return sink.write(
          csvRecord([...head, ...payloadColumns.map((column) => cells.get(column) ?? '')], formulas),
        )
      }
      await pass(second, at, parsingVisitor(keep, write, run.progress), run)
    }
    return events
  },
}

/**
 * The event read again with every number literal a double does not print back (integers beyond 2^53,
 * `1.0`, `-0.0`, `1E5`, `1e400`…) kept as markers that the JSON writer and the CSV cells turn back into
 * the literal as written; any other event as it was read.
 *
 * O(line) per event: one scan outside its strings (mayHoldUnfaithfulNumber), and only a line that may
 * hold such a literal is scanned exactly and parsed again.
 */
function exactEvent(event: ParsedEvent): ReadEvent {
  if (!mayHoldUnfaithfulNumber(event.raw)) return event
  const marked = markBigIntegers(event.raw)
  if (marked === event.raw) return event
  return { ...event, envelope: readEnvelope(JSON.parse(marked) as JsonObject, event.style) }
}

async function exportStore(
  streams: SelectedStream[],
  request: ExportRequest,
  progress: ExportProgress,
  tally: { skippedLines: number },
): Promise<{ events: number; bytes: number }> {
  const run: Run = { request, progress, tally }
  const temp = temporaryName(request.out)
  await mkdir(temp)
  try {
    let events = 0
    let bytes = 0
    const entries = []
    const all = readAhead(streams)
    for (const [at, stream] of streams.entries()) {
      const file = join(temp, `${stream.aggregateId}.events.jsonl`)
      const sink = await FileSink.forTarget(file)
      // Filtered: the last kept event's time; unfiltered: the stream's last event's, as the pass read it.
      let lastKept: string | null = null
      const visitor = jsonlVisitor(sink, run, (event) => {
        lastKept = event.envelope.occurredAt
      })
      const done = await pass(all, at, visitor, run).catch(async (error: unknown) => {
        await sink.discard()
        throw error
      })
      if (done.events === 0) {
        await sink.discard()
        continue
      }
      await sink.commit(file)
      bytes += sink.bytes
      events += done.events
      const lastEventAt = filtersEvents(request) ? lastKept : done.lastEventAt
      entries.push({ aggregateId: stream.aggregateId, eventCount: done.events, lastEventAt })
    }
    const index = await FileSink.forTarget(join(temp, 'index.json'))
    await index.write(newIndexText(entries))
    await index.commit(join(temp, 'index.json'))
    // assertFreeTarget allowed only a missing or empty directory; remove it so the rename can take its place.
    await rmdir(request.out).catch(() => {})
    await rename(temp, request.out)
    return { events, bytes: bytes + index.bytes }
  } catch (error) {
    await rm(temp, { recursive: true, force: true })
    throw error
  }
}
