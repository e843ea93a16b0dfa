// The two ways an export takes the events of a pass: their bytes copied as they are (JSONL and store
// exports without a type or time filter), or each line parsed into an event (filters, JSON, CSV).

import type { EnvelopeStyle } from '../../../shared/contract'
import type { JsonObject } from '../json/json-value'
import { readEnvelope, type EventEnvelope } from '../stream/envelope'
import type { ReadEvent } from '../stream/event-reader'
import type { ExportProgress } from './export-progress'
import type { FileSink } from './file-sink'
import type { StreamVisitor } from './stream-pass'

const LF = 0x0a
const newline = Buffer.from('\n')

/** A visitor and how many events it has taken. */
export interface CountingVisitor extends StreamVisitor {
  readonly events: () => number
}

/**
 * Copy each valid event's line to `sink` followed by one line feed: what writing the line's text and
 * '\n' wrote, byte for byte (the content has no BOM or CR, and a valid line is valid UTF-8, which
 * decodes and encodes back to itself). No line is decoded or parsed again.
 *
 * Adjacent lines of a chunk (LF-terminated, no BOM: the usual case) form one run, written with one copy
 * and the line feeds already between them: O(runs) calls per 4 MiB chunk, not O(events).
 */
export function copyingVisitor(sink: FileSink, progress: ExportProgress): CountingVisitor {
  let events = 0
  let chunkEvents = 0
  // Runs of the current chunk as (buffer, start, end) triples; the open run is kept apart.
  const runs: (Buffer | number)[] = []
  let runBuffer: Buffer | null = null
  let runStart = 0
  let runEnd = 0
  return {
    onEvent(buffer, start, end) {
      chunkEvents++
      // Only a line feed lies between two adjacent contents in one buffer: start is one past it.
      if (buffer === runBuffer && start === runEnd + 1) {
        runEnd = end
        return
      }
      if (runBuffer !== null) runs.push(runBuffer, runStart, runEnd)
      runBuffer = buffer
      runStart = start
      runEnd = end
    },
    async afterChunk(bytes) {
      if (runBuffer !== null) runs.push(runBuffer, runStart, runEnd)
      runBuffer = null
      for (let i = 0; i < runs.length; i += 3) {
        const buffer = runs[i] as Buffer
        const start = runs[i + 1] as number
        const end = runs[i + 2] as number
        // The run's last line feed comes along when the file has one right there (no CR before it).
        if (buffer[end] === LF) await sink.writeBytes(buffer, start, end + 1)
        else {
          await sink.writeBytes(buffer, start, end)
          await sink.writeBytes(newline, 0, 1)
        }
      }
      runs.length = 0
      events += chunkEvents
      progress.advance(bytes, chunkEvents)
      chunkEvents = 0
    },
    events: () => events,
  }
}

/** An event as the parsing path reads it: the ReadEvent of event-reader.ts and the parsed line. */
export interface ParsedEvent extends ReadEvent {
  readonly value: JsonObject
  readonly style: EnvelopeStyle
}

/**
 * Parse each valid event of a chunk and hand those `keep` accepts to `take`, one at a time.
 *
 * A chunk's events are held as positions in it, each decoded and parsed when its turn comes, so
 * memory does not grow with a chunk's strings or parsed objects. `progress` null: a pass that reports nothing (CSV's
 * column pass), though a cancelled signal still stops it (stream-pass.ts).
 */
export function parsingVisitor(
  keep: (envelope: EventEnvelope) => boolean,
  take: (event: ParsedEvent) => Promise<void>,
  progress: ExportProgress | null,
): CountingVisitor {
  let events = 0
  // The chunk's events as (buffer, start, end, version, line) and their stream's style: decoded one at a time.
  const pending: (Buffer | number)[] = []
  let style: EnvelopeStyle | null = null
  return {
    onEvent(buffer, start, end, version, line, index) {
      // The pass set the stream's style at its first event, before handing that event over.
      style = index.style
      pending.push(buffer, start, end, version, line)
    },
    async afterChunk(bytes) {
      const read = pending.length / 5
      for (let i = 0; i < pending.length; i += 5) {
        const raw = (pending[i] as Buffer).toString(
          'utf8',
          pending[i + 1] as number,
          pending[i + 2] as number,
        )
        // The pass parsed this very text and found an object.
        const value = JSON.parse(raw) as JsonObject
        const envelope = readEnvelope(value, style as EnvelopeStyle)
        if (!keep(envelope)) continue
        events++
        const [version, line] = [pending[i + 3] as number, pending[i + 4] as number]
        await take({ version, line, raw, envelope, value, style: style as EnvelopeStyle })
      }
      pending.length = 0
      progress?.advance(bytes, read)
    },
    events: () => events,
  }
}
