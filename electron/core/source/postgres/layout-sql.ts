// The statements that read a PostgreSQL event store, built from its layout description (pg-layout.ts):
// one set of SQL for Emmett, Marten, Eventuous, Message DB and a mapped table.
//
// Every stream read is keyset on the layout's stream position (its index), never OFFSET; listing pages
// are keyset on the sort key and the id. Pure: SQL text only, parameters always bound ($1 …), never
// spliced in.

import type { StreamSort } from '../source'
import { isoTime, type PgEvents, type PgLayout } from './pg-layout'

/** Which of some tables exist, and where ($1: names): schema, name, visible in the search path. */
export const tablesPresentSql = `SELECT n.nspname AS schema, c.relname AS name,
  pg_catalog.pg_table_is_visible(c.oid) AS visible,
  ARRAY(SELECT a.attname::text FROM pg_catalog.pg_attribute a
    WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) AS columns,
  ARRAY(SELECT pg_catalog.format_type(a.atttypid, a.atttypmod) FROM pg_catalog.pg_attribute a
    WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) AS types
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relname = ANY($1::text[]) AND c.relkind IN ('r', 'p', 'v', 'm', 'f')`

/** What is added to a stored position to make eventscope's 1-based version. */
function versionShift(events: PgEvents): number {
  return 1 - events.firstPosition
}

/** The position as eventscope's version, as text (ordering by a bigint's text would sort 10 before 9). */
function versionText(events: PgEvents): string {
  const shift = versionShift(events)
  return shift === 0 ? `${events.position}::text` : `(${events.position} + ${shift})::text`
}

/** "After version $N", on the position column itself so its index answers. */
function positionAfter(events: PgEvents, param: string): string {
  const shift = versionShift(events)
  return shift === 0 ? `${events.position} > ${param}` : `${events.position} > ${param}::bigint - ${shift}`
}

/** "Up to version `last`" (an SQL expression), on the position column itself. */
function positionAtMost(events: PgEvents, last: string): string {
  const shift = versionShift(events)
  return shift === 0 ? `${events.position} <= ${last}` : `${events.position} <= ${last} - ${shift}`
}

const orNull = (expression: string | null): string => (expression === null ? 'NULL' : `${expression}::text`)

/** Columns of one event row, as pg-rows.ts reads them (aliases never shadow the ORDER BY's `e.` names). */
export function eventColumns(events: PgEvents): string {
  return `${events.streamId} AS stream_id, ${versionText(events)} AS version,
  ${orNull(events.globalPosition)} AS global_text, ${orNull(events.type)} AS type, ${orNull(events.id)} AS id,
  ${events.time === null ? 'NULL' : isoTime(events.time)} AS occurred_at,
  coalesce(${events.data}::text, 'null') AS data, ${orNull(events.metadata)} AS metadata`
}

function where(...conditions: (string | null | false)[]): string {
  const kept = conditions.filter((condition): condition is string => typeof condition === 'string')
  return kept.length === 0 ? '' : `WHERE ${kept.join(' AND ')}`
}

/**
 * Events of one stream after a version ($1 stream, $2 after), oldest first; then, when `limited`, only
 * versions up to $2 + $3 (a window: a version with no row, truncated or archived, is absent, never
 * filled by a later one), else $3 (text[]) keeps only those types when `typed`.
 */
export function streamEventsSql(layout: PgLayout, limited: boolean, typed = false): string {
  const { events } = layout
  return `SELECT ${eventColumns(events)} FROM ${events.from}
  ${where(events.streamIs('$1'), events.live, positionAfter(events, '$2'), limited && positionAtMost(events, '$2::bigint + $3::bigint'), typed && (events.type === null ? 'false' : `${events.type} = ANY($3::text[])`))}
  ORDER BY ${events.position}${limited ? ' LIMIT $3' : ''}`
}

/**
 * What a merge-patch fold reads of a stream after a version ($1 stream, $2 after): the payload only.
 * No time formatting, ids or metadata: on a million events that halves what the server formats and
 * sends and what the client parses.
 */
export function foldEventsSql(layout: PgLayout): string {
  const { events } = layout
  return `SELECT ${versionText(events)} AS version, coalesce(${events.data}::text, 'null') AS data FROM ${events.from}
  ${where(events.streamIs('$1'), events.live, positionAfter(events, '$2'))}
  ORDER BY ${events.position}`
}

/**
 * Every event after a global position ($1), in global order; without a global position, every event
 * in time, stream and position order (no $1).
 *
 * A layout without an index on its global position makes the server sort (on disk when it must); a
 * cursor hands the rows out in batches, so memory here stays bounded whatever the store's size.
 */
export function scanSql(layout: PgLayout): string {
  const { events } = layout
  const global = events.globalPosition
  const order =
    global !== null
      ? global
      : [events.time?.column, events.streamId, events.position].filter(Boolean).join(', ')
  return `SELECT ${eventColumns(events)} FROM ${events.from}
  ${where(events.live, global !== null && `${global} > $1::bigint`)} ORDER BY ${order}`
}

/** One stream's summary ($1 stream). */
export function streamSql(layout: PgLayout): string {
  const { events, streamTypeOf } = layout
  if (streamTypeOf !== undefined) {
    // Its last event, by a backward walk of the (stream, position) index: O(1) however long it is.
    const time = events.time === null ? 'NULL' : isoTime(events.time)
    return `SELECT ${events.streamId} AS id, ${streamTypeOf(events.streamId)} AS type,
    (${events.position} + ${versionShift(events)})::text AS event_count, ${time} AS last_event_at
    FROM ${events.from} ${where(events.streamIs('$1'), events.live)} ORDER BY ${events.position} DESC LIMIT 1`
  }
  return `SELECT id, type, event_count_n::text AS event_count, last_event_at FROM (${layout.streams}) streams
  WHERE id = $1 LIMIT 1`
}

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
 * Sorted by id, the streams' id index answers it; by count or time the server reads every stream
 * row, which a store of 100,000 streams affords.
 */
export function listStreamsSql(layout: PgLayout, options: ListSqlOptions): string {
  const key = sortKeys[options.sort]
  const direction = options.descending ? 'DESC' : 'ASC'
  const compare = options.descending ? '<' : '>'
  const conditions: string[] = []
  let next = 2
  if (options.idContains) conditions.push(`id ILIKE $${next++} ESCAPE '\\'`)
  if (options.type) conditions.push(`type = $${next++}`)
  if (options.after) {
    // By id one parameter (the id); by another key two (the key as text, then the id).
    const bound = next
    conditions.push(
      key === 'id'
        ? `id ${compare} $${bound}`
        : `(${key}, id) ${compare} ($${bound}::${key === 'event_count_n' ? 'bigint' : 'text'}, $${bound + 1})`,
    )
  }
  return `SELECT id, type, event_count_n::text AS event_count, last_event_at FROM (${layout.streams}) streams
  ${where(...conditions)}
  ORDER BY ${key === 'id' ? `id ${direction}` : `${key} ${direction} NULLS LAST, id ${direction}`}
  LIMIT $1`
}

/** An ILIKE pattern matching text that contains `text` literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
}
