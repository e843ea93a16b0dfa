// One statement for a store-wide search: every event that may match, in stream id and position order,
// with the search's filters (streams, stream types, event types, time range, text, `--where`) said in
// SQL so the server drops what cannot match (where-sql.ts explains how `--where` stays exact).
//
// One cursor over the events table instead of one query per stream: a search over 100,000 streams is
// one statement, and a selective `--where` sends only its few rows. Pure: SQL text and parameters.

import type { EventFilter } from '../source'
import { eventColumns } from './layout-sql'
import { isoTime, type PgLayout } from './pg-layout'
import { compactParams, SqlParams } from './sql-params'
import { caselessContains, whereToSql, type WhereColumns } from './where-sql'

/** What the statement needs of a layout's tables. */
export interface FindTable {
  /** The SELECT list of an event row as pg-rows.ts reads it (EventRow). */
  readonly columns: string
  /** The FROM item holding the events. */
  readonly from: string
  /** A condition every row read must meet (Emmett's `NOT is_archived`), or null. */
  readonly live: string | null
  readonly streamId: string
  readonly position: string
  /** The event type as text, or null where the layout keeps none. */
  readonly type: string | null
  /** The event's time as a timestamptz expression, or null. */
  readonly time: string | null
  /** A SELECT of the listed streams with the columns id and type (text). */
  readonly streams: string
  /** The fields `--where` may name. */
  readonly fields: WhereColumns
  /** The payload as the source hands out its text (`raw`), which `--text` looks in. */
  readonly rawPayload: string
}

/** A layout's tables as the search reads them. */
export function findTableOf(layout: PgLayout): FindTable {
  const { events } = layout
  const text = (column: string | null): string | null => (column === null ? null : `(${column})::text`)
  const time = events.time
  return {
    columns: eventColumns(events),
    from: events.from,
    live: events.live,
    streamId: events.streamId,
    position: events.position,
    type: text(events.type),
    // A time kept without a zone holds UTC (pg-layout.ts): read as such; a mapped text column as ISO text.
    time:
      time === null
        ? null
        : time.zone === 'tz'
          ? time.column
          : time.zone === 'utc'
            ? `(${time.column} AT TIME ZONE 'UTC')`
            : `(${time.column})::timestamptz`,
    streams: layout.streams,
    fields: {
      payload: `(${events.data})::jsonb`,
      metadata: events.metadata === null ? null : `(${events.metadata})::jsonb`,
      type: text(events.type),
      id: text(events.id),
      occurredAt: time === null ? null : isoTime(time),
      version: `(${events.position} + ${1 - events.firstPosition})`,
      streamId: `(${events.streamId})::text`,
      // The known layouts keep payloads as jsonb: a number reads back as jsonb prints it.
      numbersAsPrinted: layout.name !== 'custom',
    },
    rawPayload: `(${events.data})::text`,
  }
}

export interface FindSql {
  readonly sql: string
  readonly params: readonly unknown[]
  /** Whether the server's filter is the search's own (then every row it sends matches). */
  readonly exact: boolean
}

/** The statement that finds the events `filter` may match in `table`. */
export function findEventsSql(table: FindTable, filter: EventFilter): FindSql {
  const params = new SqlParams()
  const conditions: string[] = []
  let exact = true
  if (table.live !== null) conditions.push(table.live)
  if (filter.streamIds !== undefined)
    conditions.push(`${table.streamId} = ANY(${params.add(filter.streamIds)}::text[])`)
  // Only listed streams are searched, as a listing would show them (of those types, when asked).
  const streamTypes =
    filter.streamTypes === undefined
      ? ''
      : ` WHERE COALESCE(listed.type, '') = ANY(${params.add(filter.streamTypes)}::text[])`
  conditions.push(`${table.streamId} IN (SELECT listed.id FROM (${table.streams}) listed${streamTypes})`)
  if (filter.eventTypes !== undefined)
    conditions.push(
      table.type === null
        ? `'' = ANY(${params.add(filter.eventTypes)}::text[])`
        : `COALESCE(${table.type}, '') = ANY(${params.add(filter.eventTypes)}::text[])`,
    )
  if (filter.since !== undefined || filter.until !== undefined) {
    if (table.time === null) conditions.push('FALSE')
    else {
      // eventscope compares whole milliseconds (Date.parse); a time within the last one still counts.
      const since = filter.since === undefined ? null : timestampText(filter.since)
      const until = filter.until === undefined ? null : timestampText(filter.until + 1)
      if (since !== null) conditions.push(`${table.time} >= ${params.add(since)}::timestamptz`)
      if (until !== null) conditions.push(`${table.time} < ${params.add(until)}::timestamptz`)
      // Far-off years print in a form Date.parse refuses: eventscope tests each row anyway.
      exact = false
    }
  }
  if (filter.text !== undefined && filter.text !== '') {
    const text = caselessContains(table.rawPayload, filter.text, params)
    conditions.push(text.maybe)
    exact &&= text.exact
  }
  if (filter.where !== undefined) {
    const where = whereToSql(filter.where, table.fields, params)
    conditions.push(where.maybe)
    exact &&= where.exact
  }
  const sql = `SELECT ${table.columns} FROM ${table.from}
  WHERE ${conditions.map((condition) => `(${condition})`).join(' AND ')}
  ORDER BY ${table.streamId}, ${table.position}`
  return { ...compactParams(sql, params.values), exact }
}

// A bound outside years 1-9999 is left to eventscope's own test: PostgreSQL reads ISO years of four digits.
function timestampText(ms: number): string | null {
  const text = new Date(ms).toISOString()
  return /^\d{4}-/.test(text) && !text.startsWith('0000') ? text : null
}
