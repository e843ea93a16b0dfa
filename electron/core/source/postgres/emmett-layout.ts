// Emmett's PostgreSQL layout (@event-driven-io/emmett-postgresql): the statements that read it.
//
// Emmett keeps one row per stream in `emt_streams` (stream_id, stream_position = its last position,
// stream_type, partition, is_archived) and one row per message in `emt_messages` (stream_id,
// stream_position from 1, global_position from a sequence, message_type, message_id, message_data and
// message_metadata as jsonb, created). Both are partitioned by `partition`; archived rows are not part
// of a stream's history as Emmett reads it. The primary key (stream_id, stream_position, partition,
// is_archived) is the index every stream read walks: keyset on stream_position, never OFFSET.
//
// Pure: SQL text and row conversion only. Stream ids are assumed unique across partitions (Emmett's
// default is one partition, `emt:default`).

import type { StreamSort } from '../source'

/** The tables a database must have to be read as an Emmett store. */
export const emmettTables = ['emt_streams', 'emt_messages'] as const

/** Which of Emmett's tables exist in the connection's search path ($1: the names). */
export const tablesPresentSql = `SELECT c.relname AS name FROM pg_catalog.pg_class c
  WHERE c.relname = ANY($1::text[]) AND pg_catalog.pg_table_is_visible(c.oid)`

// Microseconds kept, in UTC, as ISO 8601 text: a JavaScript Date would drop them.
const isoTime = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`

/**
 * Columns of one event row, as pg-rows.ts reads them. Aliases differ from the table's column names:
 * an ORDER BY names an output column first, and ordering by a bigint's text would sort 10 before 9.
 */
const eventColumns = `stream_id, stream_position::text AS version, global_position::text AS global_text,
  message_type AS type, message_id AS id, ${isoTime('created')} AS occurred_at,
  message_data::text AS data, message_metadata::text AS metadata`

/**
 * Events of one stream after a position ($1 stream, $2 after), oldest first; then $3 limits when
 * `limited`, else $3 (text[]) keeps only those message types when `typed`.
 */
export function streamEventsSql(limited: boolean, typed = false): string {
  return `SELECT ${eventColumns} FROM emt_messages
  WHERE stream_id = $1 AND NOT is_archived AND stream_position > $2${typed ? ' AND message_type = ANY($3::text[])' : ''}
  ORDER BY stream_position${limited ? ' LIMIT $3' : ''}`
}

/**
 * What a merge-patch fold reads of a stream after a position ($1 stream, $2 after): the payload only.
 * No time formatting, ids or metadata: on a million events that halves what the server formats and
 * sends and what the client parses.
 */
export const foldEventsSql = `SELECT stream_position::text AS version, message_data::text AS data FROM emt_messages
  WHERE stream_id = $1 AND NOT is_archived AND stream_position > $2
  ORDER BY stream_position`

/**
 * Every event after a global position ($1), in global order.
 *
 * Emmett has no index on global_position, so the server sorts (on disk when it must); a cursor hands
 * the rows out in batches, so memory here stays bounded whatever the store's size.
 */
export const scanSql = `SELECT ${eventColumns} FROM emt_messages
  WHERE NOT is_archived AND global_position > $1 ORDER BY global_position`

/** One stream's summary ($1 stream). */
export const streamSql = `SELECT s.stream_id AS id, s.stream_type AS type, s.stream_position::text AS event_count,
  (SELECT ${isoTime('m.created')} FROM emt_messages m
    WHERE m.stream_id = s.stream_id AND m.partition = s.partition AND NOT m.is_archived
      AND m.stream_position = s.stream_position) AS last_event_at
  FROM emt_streams s WHERE s.stream_id = $1 AND NOT s.is_archived LIMIT 1`

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
  eventCount: 'event_count_n',
  lastEventAt: 'last_event_at',
}

/**
 * A page of streams. Parameters in order: $1 limit, then the id filter (an ILIKE pattern), the type,
 * and the keyset bound (by id: the id; else the sort key as text and the id), each only when its
 * option is on.
 *
 * Sorted by id, the primary key's index answers it; by count or time the server reads every stream
 * row (one index probe per stream for its last time), which a store of 100,000 streams affords.
 */
export function listStreamsSql(options: ListSqlOptions): string {
  const key = sortKeys[options.sort]
  const direction = options.descending ? 'DESC' : 'ASC'
  const compare = options.descending ? '<' : '>'
  const where: string[] = []
  let next = 2
  if (options.idContains) where.push(`id ILIKE $${next++} ESCAPE '\\'`)
  if (options.type) where.push(`type = $${next++}`)
  if (options.after) {
    // By id one parameter (the id); by another key two (the key as text, then the id).
    const bound = next
    where.push(
      key === 'id'
        ? `id ${compare} $${bound}`
        : `(${key}, id) ${compare} ($${bound}::${key === 'event_count_n' ? 'bigint' : 'text'}, $${bound + 1})`,
    )
  }
  const lastTime = `(SELECT ${isoTime('m.created')} FROM emt_messages m
      WHERE m.stream_id = s.stream_id AND m.partition = s.partition AND NOT m.is_archived
        AND m.stream_position = s.stream_position)`
  return `SELECT id, type, event_count_n::text AS event_count, last_event_at FROM (
    SELECT s.stream_id AS id, s.stream_type AS type, s.stream_position AS event_count_n, ${lastTime} AS last_event_at
    FROM emt_streams s WHERE NOT s.is_archived) streams
  ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
  ORDER BY ${key === 'id' ? `id ${direction}` : `${key} ${direction} NULLS LAST, id ${direction}`}
  LIMIT $1`
}

/** An ILIKE pattern matching text that contains `text` literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
}
