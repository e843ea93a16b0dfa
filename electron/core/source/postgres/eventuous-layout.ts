// Eventuous' PostgreSQL event store (Eventuous.Postgresql), as a layout description; read-only here.
//
// Eventuous keeps, in its schema (`eventuous` unless PostgresStoreOptions.Schema says otherwise:
// found there, or in any schema on the search path), one row per stream in
// `streams` (stream_name, an integer stream_id, version: the last position, -1 when empty) and one per
// message in `messages` (message_id, message_type, stream_id, stream_position from 0, global_position
// from an identity, json_data and json_metadata as jsonb, created: a timestamp without zone in UTC).
// The unique (stream_id, stream_position) key is what stream reads walk, through the unique
// stream_name. Read from src/Postgres/src/Eventuous.Postgresql/Scripts/1_Schema.sql (commit
// d680a5e62c2d61916bc841f9be8efdb8d222c70f) and 6_ReadStreamForwards.sql (commit
// 7d3e94f848b5bdb3c86f8a896feff69b47e8d42e).
//
// A stream's type is its name's part before the first '-' (StreamName.For<T>(id) writes `T-id`).
// A truncated stream (truncate_stream) starts later than position 0: its first version is then
// higher than 1, and its count says how many positions it has used, as Eventuous' version does.

import { categoryOf } from './category'
import { isoTime, quoteIdent, type PgLayout, type PresentTable } from './pg-layout'

/** Eventuous' own default schema (Schema.DefaultSchema). */
const defaultSchema = 'eventuous'

/** The layout with its tables in `schema` (PostgresStoreOptions.Schema). */
export function eventuousLayoutIn(schema: string): PgLayout {
  const q = quoteIdent(schema)
  return {
    name: 'eventuous',
    title: 'Eventuous',
    tables: [
      { schema, name: 'streams', columns: ['stream_name', 'stream_id', 'version'] },
      { schema, name: 'messages', columns: messagesColumns },
    ],
    events: {
      from: `${q}.messages e JOIN ${q}.streams s ON s.stream_id = e.stream_id`,
      streamId: 's.stream_name',
      streamIs: (param) => `s.stream_name = ${param}`,
      position: 'e.stream_position',
      firstPosition: 0,
      globalPosition: 'e.global_position',
      type: 'e.message_type',
      id: 'e.message_id',
      time: { column: 'e.created', zone: 'utc' },
      data: 'e.json_data',
      metadata: 'e.json_metadata',
      live: null,
    },
    streams: `SELECT s.stream_name::text AS id, ${categoryOf('s.stream_name')} AS type,
    (s.version + 1)::bigint AS event_count_n,
    (SELECT ${isoTime({ column: 'm.created', zone: 'utc' })} FROM ${q}.messages m
      WHERE m.stream_id = s.stream_id AND m.stream_position = s.version) AS last_event_at
    FROM ${q}.streams s`,
    writes: null,
  }
}

const messagesColumns = [
  'message_id',
  'message_type',
  'stream_id',
  'stream_position',
  'global_position',
  'json_data',
]

/**
 * Eventuous as it is detected: its tables in its default schema, or in any schema on the connection's
 * search path (`eventscope-schema` sets it), and read where they were found.
 */
export const eventuousLayout: PgLayout = {
  ...eventuousLayoutIn(defaultSchema),
  tables: [
    {
      schema: defaultSchema,
      orOnSearchPath: true,
      name: 'streams',
      columns: ['stream_name', 'stream_id', 'version'],
    },
    { schema: defaultSchema, orOnSearchPath: true, name: 'messages', columns: messagesColumns },
  ],
  adapt: (present) => eventuousLayoutIn(schemaOf(present)),
}

// The schema holding both tables: one on the search path first (the one a user configured), else
// Eventuous' default.
function schemaOf(present: readonly PresentTable[]): string {
  const holds = (schema: string, visible: boolean): boolean =>
    ['streams', 'messages'].every((name) =>
      present.some((t) => t.name === name && t.schema === schema && (!visible || t.visible)),
    )
  const visible = present.find((t) => t.visible && t.name === 'messages' && holds(t.schema, true))
  return visible?.schema ?? defaultSchema
}
