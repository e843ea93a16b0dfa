// Reads a range of events back from a stream file using the positions recorded by the scan: one read
// call per range, parsing only the lines asked for.

import { openRegularFile } from '../store/regular-file'
import type { EnvelopeStyle, NormalizedEvent } from '../../../shared/contract'
import { StoreError } from '../errors'
import { parseExact } from '../json/big-integers'
import { toWire } from '../json/exact-wire'
import { mayHoldUnfaithfulNumber } from '../../../shared/number-literals'
import { isExactObject, isJsonObject, type ExactJsonObject, type JsonObject } from '../json/json-value'
import { detectStyle, readEnvelope, type EventEnvelope } from './envelope'
import type { StreamIndex } from './stream-index'

/** One event read back: its version, line, raw text, and envelope. */
export interface ReadEvent {
  readonly version: number
  readonly line: number
  readonly raw: string
  readonly envelope: EventEnvelope
}

/**
 * Read events `from`..`to` (1-based versions, inclusive).
 *
 * O(bytes of those events): one `read` of the span between the first event's start and the last one's end.
 */
export async function readEvents(index: StreamIndex, from: number, to: number): Promise<ReadEvent[]> {
  const last = Math.min(to, index.eventCount)
  if (from < 1 || from > last) return []
  const start = index.positions.offsetOf(from)
  const end = index.positions.offsetOf(last) + index.positions.lengthOf(last)
  const buffer = Buffer.allocUnsafe(end - start)
  const { handle } = await openRegularFile(index.file)
  try {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, start)
    if (bytesRead < buffer.length) throw changedUnderUs(index)
  } finally {
    await handle.close()
  }
  const events: ReadEvent[] = []
  for (let version = from; version <= last; version++) {
    const offset = index.positions.offsetOf(version) - start
    const raw = buffer.toString('utf8', offset, offset + index.positions.lengthOf(version))
    events.push({ version, line: index.positions.lineOf(version), raw, envelope: parseEnvelope(raw, index) })
  }
  return events
}

function parseEnvelope(raw: string, index: StreamIndex): EventEnvelope {
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    throw changedUnderUs(index)
  }
  if (!isJsonObject(value)) throw changedUnderUs(index)
  return readEnvelope(value as JsonObject, index.style ?? detectStyle(value as JsonObject))
}

// The scan found valid JSON at these bytes; anything else now means the file was rewritten in between.
function changedUnderUs(index: StreamIndex): StoreError {
  return new StoreError('io_error', `Stream ${index.aggregateId} changed while it was being read; reopen it.`)
}

/** What exactEnvelope needs: the line, and its envelope as first parsed (a ReadEvent, a scanned or normalized event). */
export interface ExactSource {
  readonly raw: string
  readonly envelope: Pick<EventEnvelope, 'payload' | 'metadata' | 'id' | 'aggregateId'>
}

/**
 * The event's envelope read again from its line with every number literal kept as written (an integer
 * beyond 2^53 as a bigint, a numeric id or aggregate id as its digits, `1.0`, `-0.0`, `1E5`… as
 * NumberLiterals), or null when its line holds none (JSON.parse's value is then exact). For a few events
 * at a time (a timeline window, one event): one scan of the line outside its strings, a second parse
 * only for a line that needs it.
 */
export function exactEnvelope(
  event: ExactSource,
  style: EnvelopeStyle | null,
): (EventEnvelope & { readonly payload: ExactJsonObject }) | null {
  if (!mayHoldUnfaithfulNumber(event.raw)) return null
  const exact = parseExact(event.raw)
  if (!isExactObject(exact)) return null
  // readEnvelope only moves values about (and writes a bigint id as its digits): the literals pass through.
  const object = exact as JsonObject
  return readEnvelope(object, style ?? detectStyle(object)) as EventEnvelope & { payload: ExactJsonObject }
}

/** The normalized event as the CLI and the event panel show it; a numeric id keeps every digit. */
export function toNormalizedEvent(event: ReadEvent): NormalizedEvent {
  const { envelope } = event
  const exact = exactEnvelope(event, null)
  // Literals a double would print otherwise travel beside the payload, as a state's do (exact-wire.ts).
  const payload = exact ? toWire(exact.payload) : { value: envelope.payload, exact: undefined }
  const metadata = exact?.metadata ? toWire(exact.metadata) : { value: envelope.metadata, exact: undefined }
  return {
    version: event.version,
    line: event.line,
    type: envelope.type,
    occurredAt: envelope.occurredAt,
    id: exact?.id ?? envelope.id,
    aggregateId: exact?.aggregateId ?? envelope.aggregateId,
    payload: payload.value as JsonObject,
    metadata: metadata.value as JsonObject | null,
    raw: event.raw,
    ...(payload.exact ? { exact: payload.exact } : {}),
    ...(metadata.exact ? { exactMetadata: metadata.exact } : {}),
  }
}
