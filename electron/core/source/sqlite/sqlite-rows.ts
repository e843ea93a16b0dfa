// Rows of Emmett's SQLite tables, as emmett-sqlite-layout.ts selects them, turned into the source's
// values. Pure.
//
// Payloads are the JSON text Emmett wrote, parsed exactly (integers beyond 2^53 and spellings such as
// `1.0` kept): SQLite keeps the text as it was written, so `raw` is the writer's own bytes.

import type { SourceEvent, StreamSummary } from '../source'
import type { FoldEvent } from '../source-states'
import {
  problemsOf,
  storedMetadata,
  storedPayload,
  unreadableBlob,
  type StoredObject,
} from '../stored-object'

export interface SqliteEventRow {
  readonly stream_id: string
  readonly version: number
  readonly global_text: string | null
  readonly type: string | null
  readonly id: string | null
  readonly occurred_at: string | null
  readonly data: string | null
  readonly metadata: string | null
  /** 1 where the column holds a blob SQLite cannot read as JSON (read as NULL). */
  readonly data_blob_bad: number
  readonly metadata_blob_bad: number
}

export interface SqliteSummaryRow {
  readonly id: string
  readonly type: string | null
  readonly event_count: number
  readonly last_event_at: string | null
}

export interface SqliteFoldRow {
  readonly version: number
  readonly data: string | null
  readonly data_blob_bad: number
}

export function eventFromSqliteRow(row: SqliteEventRow): SourceEvent {
  const raw = row.data ?? '{}'
  const payload = payloadOf(raw, row.data_blob_bad)
  const metadata = row.metadata_blob_bad
    ? { value: null, problem: unreadableBlob('message_metadata', 'metadata') }
    : storedMetadata(row.metadata, 'message_metadata')
  return {
    streamId: row.stream_id,
    version: row.version,
    globalPosition: row.global_text,
    type: row.type,
    id: row.id,
    occurredAt: isoOfSqliteTime(row.occurred_at),
    payload: payload.value ?? {},
    metadata: metadata.value,
    raw,
    ...problemsOf(payload.problem, metadata.problem),
  }
}

export function foldEventFromSqliteRow(row: SqliteFoldRow): FoldEvent {
  const raw = row.data ?? '{}'
  const payload = payloadOf(raw, row.data_blob_bad)
  return { version: row.version, payload: payload.value ?? {}, raw, ...problemsOf(payload.problem) }
}

// Emmett's text as it wrote it; the payload of a blob SQLite cannot read is reported, not parsed.
function payloadOf(raw: string, blobBad: number): StoredObject {
  if (blobBad) return { value: null, problem: unreadableBlob('message_data', 'payload') }
  return storedPayload(raw, 'message_data')
}

export function summaryFromSqliteRow(row: SqliteSummaryRow): StreamSummary {
  return {
    id: row.id,
    type: row.type,
    eventCount: row.event_count,
    lastEventAt: isoOfSqliteTime(row.last_event_at),
  }
}

const sqliteTimestamp = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)$/

/**
 * ISO 8601 from what `created` holds. Emmett leaves it to CURRENT_TIMESTAMP, which SQLite writes as
 * `YYYY-MM-DD HH:MM:SS` in UTC: that becomes `YYYY-MM-DDTHH:MM:SSZ`. Any other text (an ISO time an
 * import kept with its fraction and zone) is handed out as it is, so a copy gives back what it was given.
 */
export function isoOfSqliteTime(text: string | null): string | null {
  if (text === null) return null
  const match = sqliteTimestamp.exec(text)
  return match === null ? text : `${match[1]}T${match[2]}Z`
}
