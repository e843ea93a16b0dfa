// Export events of a store as JSONL (original lines, byte for byte), JSON (normalized events), CSV
// (envelope columns plus the flattened payload) or a new store directory in the seed's layout.
// Integers beyond 2^53 are written with every digit in all four (big-integers.ts).

import { mkdir, rename, rm, rmdir } from 'node:fs/promises'
import { join } from 'node:path'
import { IpcError } from '../../../shared/errors'
import { markBigIntegers, unmarkBigIntegers } from '../json/big-integers'
import type { JsonObject } from '../json/json-value'
import { detectStyle, readEnvelope } from '../stream/envelope'
import { toNormalizedEvent, type ReadEvent } from '../stream/event-reader'
import { newIndexText } from '../write/index-update'
import { csvRecord, envelopeColumns, flattenPayload } from './csv-row'
import { filteredEvents, selectStreams, type ExportFilter, type SelectedStream } from './export-selection'
import { assertFreeTarget, FileSink, temporaryName } from './file-sink'

export const exportFormats = ['jsonl', 'json', 'csv', 'store'] as const
export type ExportFormat = (typeof exportFormats)[number]

export interface ExportRequest extends ExportFilter {
  readonly dir: string
  readonly format: ExportFormat
  /** The file to write (a new directory for `store`). */
  readonly out: string
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
}

export class ExportCancelled extends IpcError {
  constructor() {
    super('io_error', 'Export cancelled; nothing was written.')
  }
}

/** Run an export to disk. O(bytes of the selected streams) time; memory one batch of events. */
export async function runExport(request: ExportRequest): Promise<ExportResult> {
  await assertFreeTarget(request.out, request.format === 'store' ? 'directory' : 'file')
  const streams = await selectStreams(request.dir, request, request.signal).catch((error: unknown) => {
    throw request.signal?.aborted ? new ExportCancelled() : error
  })
  const progress = new Progress(streams, request)
  const skippedLines = streams.reduce((sum, stream) => sum + stream.badLines, 0)
  if (request.format === 'store') {
    const { events, bytes } = await exportStore(streams, request, progress)
    return { out: request.out, format: 'store', streams: streams.length, events, skippedLines, bytes }
  }
  const sink = await FileSink.forTarget(request.out)
  try {
    const events = await writers[request.format](sink, streams, request, progress)
    await sink.commit(request.out)
    return {
      out: request.out,
      format: request.format,
      streams: streams.length,
      events,
      skippedLines,
      bytes: sink.bytes,
    }
  } catch (error) {
    await sink.discard()
    throw error
  }
}

class Progress {
  private readonly total: number
  private done = 0
  private lastReport = 0

  constructor(
    streams: SelectedStream[],
    private readonly request: ExportRequest,
  ) {
    this.total = streams.reduce((sum, stream) => sum + stream.index.eventCount, 0)
  }

  /** Count one event read; throws when the export was cancelled. */
  tick(): void {
    this.done++
    if (this.done - this.lastReport >= 5000 || this.done === this.total) {
      this.lastReport = this.done
      if (this.request.signal?.aborted) throw new ExportCancelled()
      this.request.onProgress?.(this.done, this.total)
    }
  }
}

type Writer = (
  sink: FileSink,
  streams: SelectedStream[],
  filter: ExportFilter,
  progress: Progress,
) => Promise<number>

const writers: Record<Exclude<ExportFormat, 'store'>, Writer> = {
  async jsonl(sink, streams, filter, progress) {
    let events = 0
    for (const stream of streams) {
      for await (const event of filteredEvents(stream, filter)) {
        progress.tick()
        await sink.write(`${event.raw}\n`)
        events++
      }
    }
    return events
  },
  async json(sink, streams, filter, progress) {
    let events = 0
    await sink.write('[')
    for (const stream of streams) {
      for await (const event of filteredEvents(stream, filter)) {
        progress.tick()
        const { version, type, occurredAt, id, payload, metadata } = toNormalizedEvent(
          exactEvent(event, stream),
        )
        const item = { aggregateId: stream.aggregateId, version, type, occurredAt, id, payload, metadata }
        await sink.write(`${events === 0 ? '\n' : ',\n'}  ${unmarkBigIntegers(JSON.stringify(item))}`)
        events++
      }
    }
    await sink.write(events === 0 ? ']\n' : '\n]\n')
    return events
  },
  // Two passes: CSV needs every column before the first row, and holding rows would hold the store.
  async csv(sink, streams, filter, progress) {
    const columns = new Set<string>()
    for (const stream of streams) {
      for await (const event of filteredEvents(stream, filter))
        for (const key of flattenPayload(exactEvent(event, stream).envelope.payload).keys()) columns.add(key)
    }
    const payloadColumns = [...columns].filter(
      (column) => !(envelopeColumns as readonly string[]).includes(column),
    )
    await sink.write(csvRecord([...envelopeColumns, ...payloadColumns]))
    let events = 0
    for (const stream of streams) {
      for await (const event of filteredEvents(stream, filter)) {
        progress.tick()
        const cells = flattenPayload(exactEvent(event, stream).envelope.payload)
        const { envelope } = event
        const head = [
          String(event.version),
          stream.aggregateId,
          envelope.id ?? '',
          envelope.type ?? '',
          envelope.occurredAt ?? '',
        ]
        await sink.write(csvRecord([...head, ...payloadColumns.map((column) => cells.get(column) ?? '')]))
        events++
      }
    }
    return events
  },
}

// An event whose line holds integers beyond 2^53, read again with those kept as markers that the JSON
// writer and the CSV cells turn back into their digits; any other event as it was read. O(1) extra per
// event without a 16-digit run.
function exactEvent(event: ReadEvent, stream: SelectedStream): ReadEvent {
  const marked = markBigIntegers(event.raw)
  if (marked === event.raw) return event
  const value = JSON.parse(marked) as JsonObject
  return { ...event, envelope: readEnvelope(value, stream.index.style ?? detectStyle(value)) }
}

async function exportStore(
  streams: SelectedStream[],
  request: ExportRequest,
  progress: Progress,
): Promise<{ events: number; bytes: number }> {
  const temp = temporaryName(request.out)
  await mkdir(temp)
  try {
    let events = 0
    let bytes = 0
    const entries = []
    for (const stream of streams) {
      const sink = await FileSink.forTarget(join(temp, `${stream.aggregateId}.events.jsonl`))
      let count = 0
      let lastEventAt: string | null = null
      for await (const event of filteredEvents(stream, request)) {
        progress.tick()
        await sink.write(`${event.raw}\n`)
        lastEventAt = event.envelope.occurredAt
        count++
      }
      if (count === 0) {
        await sink.discard()
        continue
      }
      await sink.commit(join(temp, `${stream.aggregateId}.events.jsonl`))
      bytes += sink.bytes
      events += count
      entries.push({ aggregateId: stream.aggregateId, eventCount: count, lastEventAt })
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
