// An event line of a JSONL stream as a Source hands it out. Pure.
//
// The payload is read again from its own text in the line (payload-text.ts), exactly: its key order
// and number literals (1.0, integers beyond 2^53) as written, which `payloadText` also carries, so a
// copy writes the same bytes elsewhere.

import type { EnvelopeStyle } from '../../../../shared/contract'
import { parseJsonExact } from '../../json/big-integers'
import { isExactObject, type ExactJsonObject } from '../../json/json-value'
import type { EventEnvelope } from '../../stream/envelope'
import { payloadSourceOf } from '../../stream/payload-text'
import type { SourceEvent } from '../source'

/** What a reader knows of one event line. */
export interface EventLine {
  readonly streamId: string
  readonly version: number
  /** The line's content (no line feed, CR or BOM). */
  readonly raw: string
  readonly style: EnvelopeStyle
  readonly envelope: EventEnvelope
}

/** The line as a SourceEvent: no global position (a directory has no global order of its own). */
export function sourceEventOf(line: EventLine): SourceEvent {
  const text = payloadSourceOf(line.raw, line.style)
  const parsed: unknown = text === null ? null : parseJsonExact(text)
  const payload: ExactJsonObject = isExactObject(parsed) ? parsed : {}
  return {
    streamId: line.streamId,
    version: line.version,
    globalPosition: null,
    type: line.envelope.type,
    id: line.envelope.id,
    occurredAt: line.envelope.occurredAt,
    payload,
    metadata: line.envelope.metadata,
    raw: line.raw,
    // A payload field that is not an object is read as {} (payload_not_object): its text is that too.
    payloadText: text !== null && isExactObject(parsed) ? text : '{}',
  }
}
