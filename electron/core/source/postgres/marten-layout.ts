// Marten's event store (JasperFx/marten, PostgreSQL), as a layout description; read-only here.
//
// Marten keeps one row per stream in `mt_streams` (id: a uuid by default, text with
// StreamIdentity.AsString; type: the aggregate's type name or null; version: the last event's
// version; is_archived) and one per event in `mt_events` (seq_id: the global sequence
// `mt_events_sequence`; id: the event's uuid; stream_id; version from 1; data jsonb; type: the event
// type's alias such as `members_joined`; timestamp timestamptz; tenant_id; mt_dotnet_type;
// is_archived; and, when enabled, correlation_id, causation_id, headers). The unique index
// (stream_id, version) is what stream reads walk. Read from src/Marten/Events/Schema/EventsTable.cs
// and StreamsTable.cs (commit 051ce40edb4b395b7eedcea82b0798773cd3596e).
//
// The metadata shown is every column that is not an envelope field (tenant, .NET type, the optional
// metadata columns, whatever a version adds), so a store with or without those columns reads alike.
// Stream ids are compared as text (`mt_streams.id::text`): a conjoined-tenancy store with the same id
// in two tenants shows it once per tenant, under the same id.

import { isoTime, type PgLayout } from './pg-layout'

const envelope = ['seq_id', 'id', 'stream_id', 'version', 'data', 'bdata', 'type', 'timestamp', 'is_archived']

export const martenLayout: PgLayout = {
  name: 'marten',
  title: 'Marten',
  tables: [
    { schema: null, name: 'mt_streams', columns: ['id', 'type', 'version', 'is_archived'] },
    {
      schema: null,
      name: 'mt_events',
      columns: ['seq_id', 'id', 'stream_id', 'version', 'data', 'type', 'timestamp'],
    },
  ],
  events: {
    from: 'mt_events e',
    streamId: 'e.stream_id::text',
    // Typed as the column is (uuid or text): the unique (stream_id, version) index answers.
    streamIs: (param) => `e.stream_id = ${param}`,
    position: 'e.version',
    firstPosition: 1,
    globalPosition: 'e.seq_id',
    type: 'e.type',
    id: 'e.id',
    time: { column: 'e.timestamp', zone: 'tz' },
    data: 'e.data',
    metadata: `jsonb_strip_nulls(to_jsonb(e) - ARRAY[${envelope.map((name) => `'${name}'`).join(', ')}])`,
    live: 'NOT e.is_archived',
  },
  streams: `SELECT s.id::text AS id, s.type AS type, coalesce(s.version, 0) AS event_count_n,
    (SELECT ${isoTime({ column: 'm.timestamp', zone: 'tz' })} FROM mt_events m
      WHERE m.stream_id = s.id AND m.version = s.version LIMIT 1) AS last_event_at
    FROM mt_streams s WHERE NOT s.is_archived`,
  writes: null,
  // With uuid stream ids (Marten's default) other text names no stream: PostgreSQL would refuse it.
  adapt: (present) => {
    const events = present.find((table) => table.name === 'mt_events' && table.visible)
    const type = events?.types[events.columns.indexOf('stream_id')]
    return type === 'uuid' ? { ...martenLayout, acceptsStreamId: (id) => uuidText.test(id) } : martenLayout
  },
}

const uuidText = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i
