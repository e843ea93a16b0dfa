// Rows of Emmett's SQLite tables, as emmett-sqlite-layout.ts selects them, turned into the source's
// values. Pure.
//
// Payloads are the JSON text Emmett wrote, parsed exactly (integers beyond 2^53 and spellings such as
// `1.0` kept): SQLite keeps the text as it was written, so `raw` is the writer's own bytes.

import { parseJsonExact } from '../../json/big-integers'
import { isExactObject, type ExactJsonObject } from '../../json/json-value'
import type { SourceEvent, StreamSummary } from '../source'
import type { FoldEvent } from '../source-states'

export interface SqliteEventRow {
  readonly stream_id: string
  readonly version: number
  readonly global_text: string | null
  readonly type: string | null
  readonly id: string | null
  readonly occurred_at: string | null
  readonly data: string | null
  readonly metadata: string | null
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
}

export function eventFromSqliteRow(row: SqliteEventRow): SourceEvent {
  const raw = row.data ?? '{}'
  return {
    streamId: row.stream_id,
    version: row.version,
    globalPosition: row.global_text,
    type: row.type,
    id: row.id,
    occurredAt: isoOfSqliteTime(row.occurred_at),
    payload: objectOf(raw) ?? {},
    metadata: row.metadata === null ? null : objectOf(row.metadata),
    raw,
  }
}

export function foldEventFromSqliteRow(row: SqliteFoldRow): FoldEvent {
  const raw = row.data ?? '{}'
  return { version: row.version, payload: objectOf(raw) ?? {}, raw }
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

// A payload that is not a JSON object (or not JSON) is read as an empty one, as the JSONL reader does
// with `payload_not_object`; its text stays in `raw`.
function objectOf(text: string): ExactJsonObject | null {
  try {
    const value = parseJsonExact(text)
    return isExactObject(value) ? value : null
  } catch {
    return null
  }
}
