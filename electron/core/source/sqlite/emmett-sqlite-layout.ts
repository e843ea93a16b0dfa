// Emmett's SQLite layout (@event-driven-io/emmett-sqlite 0.42): the statements that read it.
//
// The same two tables as Emmett's PostgreSQL layout, in SQLite's types: `emt_streams` (stream_id,
// stream_position = its last position, partition, stream_type, stream_metadata, is_archived) and
// `emt_messages` (stream_id, stream_position from 1, partition, message_kind, message_data and
// message_metadata as JSON text, message_schema_version, message_type, message_id, is_archived,
// global_position INTEGER PRIMARY KEY (the rowid: global order for free), created DATETIME defaulting
// to CURRENT_TIMESTAMP, UNIQUE (stream_id, stream_position, partition, is_archived)).
//
// Emmett 0.42's SQLite append writes the stream row's partition as the text `[object Object]` and the
// messages' as `emt:default`, so the two tables are joined on stream_id alone (ids are unique across
// partitions in practice: Emmett's own getLastStreamPosition looks a stream up by id alone too).
//
// Every read is a keyset page on an index (the unique key for a stream, the rowid for the store): no
// statement is held open between pages, so a writer is never kept waiting by a reader that pauses.
// Pure: SQL text only.

import type { StreamSort } from '../source'

/** The tables a database must have to be read as an Emmett store. */
export const emmettSqliteTables = ['emt_streams', 'emt_messages'] as const

/** Which of Emmett's tables exist (no parameters). */
export const tablesPresentSql = `SELECT name FROM sqlite_master WHERE type = 'table'
  AND name IN ('emt_streams', 'emt_messages')`

// Emmett writes JSON text; SQLite's own JSONB (a blob) is turned into text, a stray number too. A blob
// that is no JSONB reads as NULL and is flagged (badBlob): json() of it would fail the whole statement,
// and with it every other row of the page.
const jsonText = (column: string): string =>
  `CASE typeof(${column}) WHEN 'blob' THEN CASE WHEN json_valid(${column}, 8) THEN json(${column}) END
    ELSE CAST(${column} AS TEXT) END`
const badBlob = (column: string): string => `(typeof(${column}) = 'blob' AND NOT json_valid(${column}, 8))`

/** Columns of one event row, as sqlite-rows.ts reads them. */
const eventColumns = `stream_id, stream_position AS version, CAST(global_position AS TEXT) AS global_text,
  message_type AS type, message_id AS id, CAST(created AS TEXT) AS occurred_at,
  ${jsonText('message_data')} AS data, ${jsonText('message_metadata')} AS metadata,
  ${badBlob('message_data')} AS data_blob_bad, ${badBlob('message_metadata')} AS metadata_blob_bad`

/**
 * Events of one stream after a position, oldest first, at most `limit`: @stream, @after, @limit, and
 * with `typed` the message types as a JSON array in @types.
 */
export function streamEventsSql(typed: boolean): string {
  return `SELECT ${eventColumns} FROM emt_messages
  WHERE stream_id = @stream AND NOT is_archived AND stream_position > @after${
    typed ? ' AND message_type IN (SELECT value FROM json_each(@types))' : ''
  }
  ORDER BY stream_position LIMIT @limit`
}

/**
 * A window of one stream: versions @after + 1 … @after + @limit (@stream). A version with no row
 * (archived, deleted) is absent, never filled by a later one.
 */
export const windowSql = `SELECT ${eventColumns} FROM emt_messages
  WHERE stream_id = @stream AND NOT is_archived AND stream_position > @after
    AND stream_position <= @after + @limit
  ORDER BY stream_position`

/** What a merge-patch fold reads: the payload only (@stream, @after, @limit). */
export const foldEventsSql = `SELECT stream_position AS version, ${jsonText('message_data')} AS data,
  ${badBlob('message_data')} AS data_blob_bad
  FROM emt_messages WHERE stream_id = @stream AND NOT is_archived AND stream_position > @after
  ORDER BY stream_position LIMIT @limit`

/** Every event after a global position, in global order, a page at a time (@after, @limit). */
export const scanSql = `SELECT ${eventColumns} FROM emt_messages
  WHERE NOT is_archived AND global_position > @after ORDER BY global_position LIMIT @limit`

/** The last global position, or null in an empty store. */
export const lastGlobalPositionSql = `SELECT CAST(max(global_position) AS TEXT) AS last FROM emt_messages`

// The time of a stream's last event, through the messages' unique key.
const lastTime = `(SELECT CAST(m.created AS TEXT) FROM emt_messages m
      WHERE m.stream_id = s.stream_id AND NOT m.is_archived AND m.stream_position = s.stream_position
      LIMIT 1)`

/** One stream's summary (@stream). */
export const streamSql = `SELECT s.stream_id AS id, s.stream_type AS type, s.stream_position AS event_count,
  ${lastTime} AS last_event_at
  FROM emt_streams s WHERE s.stream_id = @stream AND NOT s.is_archived LIMIT 1`

export interface ListSqlOptions {
  readonly sort: StreamSort
  readonly descending: boolean
  readonly idContains: boolean
  readonly type: boolean
  /** Whether a keyset bound (the previous page's last key and id) is given. */
  readonly after: boolean
}

const sortKeys: Readonly<Record<StreamSort, string>> = {
  id: 'id',
  eventCount: 'event_count',
  lastEventAt: 'last_event_at',
}

/**
 * A page of streams: @limit, then @contains (lower-cased text, matched with the registered
 * `eventscope_lower`, which lower-cases all of Unicode where SQLite's lower() knows only ASCII), @type,
 * and the keyset bound @afterKey / @afterId, each only when its option is on.
 *
 * By id the primary key's index answers; by count or time every stream row is read and sorted, which
 * a store of 100,000 streams affords. Nulls sort last either way, as in the PostgreSQL source.
 */
export function listStreamsSql(options: ListSqlOptions): string {
  const key = sortKeys[options.sort]
  const direction = options.descending ? 'DESC' : 'ASC'
  const compare = options.descending ? '<' : '>'
  const where: string[] = []
  if (options.idContains) where.push(`instr(eventscope_lower(id), @contains) > 0`)
  if (options.type) where.push(`type = @type`)
  if (options.after) {
    if (key === 'id') where.push(`id ${compare} @afterId`)
    else if (key === 'event_count') where.push(`(event_count, id) ${compare} (@afterKey, @afterId)`)
    else
      // A null time sorts after every time: past one, only nulls (by id) remain.
      where.push(
        `(CASE WHEN @afterKey IS NULL THEN last_event_at IS NULL AND id ${compare} @afterId
          ELSE last_event_at IS NULL OR (last_event_at, id) ${compare} (@afterKey, @afterId) END)`,
      )
  }
  const nullsLast = key === 'last_event_at' ? `last_event_at IS NULL, ` : ''
  return `SELECT id, type, event_count, last_event_at FROM (
    SELECT s.stream_id AS id, s.stream_type AS type, s.stream_position AS event_count, ${lastTime} AS last_event_at
    FROM emt_streams s WHERE NOT s.is_archived) streams
  ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
  ORDER BY ${key === 'id' ? `id ${direction}` : `${nullsLast}${key} ${direction}, id ${direction}`}
  LIMIT @limit`
}
