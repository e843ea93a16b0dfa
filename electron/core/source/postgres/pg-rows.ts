// Rows of Emmett's tables, as the statements of emmett-layout.ts select them, turned into the source's
// values. Pure.
//
// Payloads and metadata arrive as jsonb's text, not as pg's parsed objects: jsonb keeps numbers as
// PostgreSQL numerics (any precision, `1.0` kept as written), and the exact parse keeps them so too,
// where JSON.parse would round an integer beyond 2^53.

import type { SourceEvent, StreamSummary } from '../source'
import type { FoldEvent } from '../source-states'
import { problemsOf, storedMetadata, storedPayload } from '../stored-object'
import { restoreKept } from './kept-text'

export interface EventRow {
  readonly stream_id: string
  readonly version: string
  readonly global_text: string | null
  readonly type: string | null
  readonly id: string | null
  readonly occurred_at: string | null
  readonly data: string
  readonly metadata: string | null
}

export interface SummaryRow {
  readonly id: string
  readonly type: string | null
  readonly event_count: string
  readonly last_event_at: string | null
}

export function eventFromRow(row: EventRow): SourceEvent {
  const payload = storedPayload(row.data, 'data')
  // What an import kept of the payload's text and the time comes back where it still holds.
  const kept = restoreKept({
    raw: row.data,
    payload: payload.value ?? {},
    metadata: storedMetadata(row.metadata, 'metadata').value,
    occurredAt: row.occurred_at,
  })
  return {
    streamId: row.stream_id,
    version: Number(row.version),
    globalPosition: row.global_text,
    type: row.type,
    id: row.id,
    ...kept,
    ...problemsOf(payload.problem),
  }
}

export interface FoldRow {
  readonly version: string
  readonly data: string
}

export function foldEventFromRow(row: FoldRow): FoldEvent {
  const payload = storedPayload(row.data, 'data')
  return {
    version: Number(row.version),
    payload: payload.value ?? {},
    raw: row.data,
    ...problemsOf(payload.problem),
  }
}

export function summaryFromRow(row: SummaryRow): StreamSummary {
  return {
    id: row.id,
    type: row.type,
    eventCount: Number(row.event_count),
    lastEventAt: row.last_event_at,
  }
}
