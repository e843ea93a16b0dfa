// Emmett's PostgreSQL layout (@event-driven-io/emmett-postgresql), as a layout description.
//
// Emmett keeps one row per stream in `emt_streams` (stream_id, stream_position = its last position,
// stream_type, partition, is_archived) and one row per message in `emt_messages` (stream_id,
// stream_position from 1, global_position from a sequence, message_type, message_id, message_data and
// message_metadata as jsonb, created). Both are partitioned by `partition`; archived rows are not part
// of a stream's history as Emmett reads it. The primary key (stream_id, stream_position, partition,
// is_archived) is the index every stream read walks: keyset on stream_position, never OFFSET.
//
// Stream ids are assumed unique across partitions (Emmett's default is one partition, `emt:default`).
// The only layout eventscope writes to: Emmett's own append function, a polling watch, and the import
// a copy writes with (emmett-import.ts).

import { appendToEmmettStream } from './emmett-append'
import { importToEmmettStream } from './emmett-import'
import { watchEmmettStore } from './emmett-watch'
import { isoTime, type PgLayout } from './pg-layout'

const created = { column: 'm.created', zone: 'tz' } as const

export const emmettLayout: PgLayout = {
  name: 'emmett',
  title: 'Emmett',
  tables: [
    { schema: null, name: 'emt_streams', columns: ['stream_id', 'stream_position', 'stream_type'] },
    { schema: null, name: 'emt_messages', columns: ['stream_id', 'stream_position', 'message_data'] },
  ],
  events: {
    from: 'emt_messages e',
    streamId: 'e.stream_id',
    streamIs: (param) => `e.stream_id = ${param}`,
    position: 'e.stream_position',
    firstPosition: 1,
    globalPosition: 'e.global_position',
    type: 'e.message_type',
    id: 'e.message_id',
    time: { column: 'e.created', zone: 'tz' },
    data: 'e.message_data',
    metadata: 'e.message_metadata',
    live: 'NOT e.is_archived',
  },
  // The last event's time: one probe of the primary key per stream.
  streams: `SELECT s.stream_id AS id, s.stream_type AS type, s.stream_position AS event_count_n,
    (SELECT ${isoTime(created)} FROM emt_messages m
      WHERE m.stream_id = s.stream_id AND m.partition = s.partition AND NOT m.is_archived
        AND m.stream_position = s.stream_position) AS last_event_at
    FROM emt_streams s WHERE NOT s.is_archived`,
  writes: { append: appendToEmmettStream, watch: watchEmmettStore, import: importToEmmettStream },
}
