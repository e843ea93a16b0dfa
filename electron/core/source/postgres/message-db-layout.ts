// Message DB (message-db/message-db, shipped on npm as @eventide/message-db), as a layout description;
// read-only here.
//
// Message DB keeps every message in one table, `message_store.messages` (global_position bigserial,
// position from 0 within its stream, time: a timestamp without zone in UTC, stream_name, type, data and
// metadata as jsonb, id uuid); there is no table of streams. The unique index messages_stream
// (stream_name, position) is what stream reads and the listing walk. Read from the package's
// database/tables/messages.sql and indexes/messages-stream.sql (version 1.3.1).
//
// A stream's type is its category (`category()`: the part before the first '-'); its event count the
// last position + 1, as `stream_version()` + 1. Listing streams groups the messages by stream name
// along that index: page by page, not the whole table at once, when sorted by id.

import { categoryOf } from './category'
import { isoTime, type PgLayout } from './pg-layout'

export const messageDbLayout: PgLayout = {
  name: 'message-db',
  title: 'Message DB',
  tables: [
    {
      schema: 'message_store',
      name: 'messages',
      columns: ['global_position', 'position', 'time', 'stream_name', 'type', 'data', 'metadata', 'id'],
    },
  ],
  events: {
    from: 'message_store.messages e',
    streamId: 'e.stream_name',
    streamIs: (param) => `e.stream_name = ${param}`,
    position: 'e.position',
    firstPosition: 0,
    globalPosition: 'e.global_position',
    type: 'e.type',
    id: 'e.id',
    time: { column: 'e.time', zone: 'utc' },
    data: 'e.data',
    metadata: 'e.metadata',
    live: null,
  },
  streams: `SELECT m.stream_name AS id, ${categoryOf('m.stream_name')} AS type,
    max(m.position) + 1 AS event_count_n, ${isoTime({ column: 'max(m.time)', zone: 'utc' })} AS last_event_at
    FROM message_store.messages m GROUP BY m.stream_name`,
  streamTypeOf: categoryOf,
  writes: null,
}
