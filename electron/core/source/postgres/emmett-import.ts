// Importing events into Emmett's PostgreSQL layout with their ids, types, times and payload bytes kept
// (eventscope copy), in one transaction.
//
// The statements are those Emmett's own `emt_append_to_stream` runs (emmett-postgresql 0.42: the
// stream row inserted at expected position 0, else moved from the expected position, which is the
// optimistic check; the messages inserted with positions from expected + 1, schema version '1', kind
// 'E', the transaction's id, the stream type from the id as Emmett derives it), written out here
// because that function takes neither a time (`created` is its default, now()) nor anything kept: each
// message also gets its own `created`, and what jsonb and timestamptz would lose goes into the
// metadata (kept-text.ts), decided by the server in the same statement.

import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { stringifyExact } from '../../json/big-integers'
import { StoreError } from '../../errors'
import type { ImportRequest } from '../source'
import { emmettDefaultPartition, emmettStreamType } from './emmett-append'
import { keptMember } from './kept-text'
import { isoTime } from './pg-layout'

const newStreamSql = `INSERT INTO emt_streams (stream_id, stream_position, partition, stream_type, stream_metadata, is_archived)
  VALUES ($1, $2, $3, $4, '{}', FALSE)`

const moveStreamSql = `UPDATE emt_streams SET stream_position = $2
  WHERE stream_id = $1 AND stream_position = $4 AND partition = $3 AND is_archived = FALSE`

// PostgreSQL's rendering of a time, as the Emmett layout's reads select it (pg-layout.ts).
const rendered = (column: string): string => isoTime({ column: `${column}::timestamptz`, zone: 'tz' })

// $1 stream, $2 expected position, $3 partition, $4..$9 arrays: ids, payload texts, metadata texts,
// types, parsable times (null where the text is none), time texts.
const insertSql = `INSERT INTO emt_messages (stream_id, stream_position, partition, message_data, message_metadata,
    message_schema_version, message_type, message_kind, message_id, transaction_id, created)
  SELECT $1, $2::bigint + u.n, $3, u.data::jsonb,
    CASE WHEN k.kept = '{}'::jsonb THEN u.meta::jsonb ELSE u.meta::jsonb || jsonb_build_object('${keptMember}', k.kept) END,
    '1', u.type, 'E', u.id, pg_current_xact_id(), COALESCE(u.time::timestamptz, now())
  FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
    WITH ORDINALITY AS u(id, data, meta, type, time, time_text, n)
  CROSS JOIN LATERAL (SELECT jsonb_strip_nulls(jsonb_build_object(
    'payloadText', CASE WHEN u.data::jsonb::text <> u.data THEN u.data END,
    'occurredAt', CASE WHEN u.time_text IS NOT NULL AND (u.time IS NULL OR ${rendered('u.time')} <> u.time_text)
      THEN u.time_text END)) AS kept) k
  ORDER BY u.n`

// ISO 8601 date-times PostgreSQL reads as timestamptz; other text is kept but not parsed (the server
// would refuse the whole statement over one odd time).
const isoTimeText = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i

/** Import in one transaction on `client`; returns the stream's new version, or throws version_conflict. */
export async function importToEmmettStream(
  client: pg.PoolClient,
  request: ImportRequest,
  newId: () => string = randomUUID,
): Promise<{ readonly nextVersion: number }> {
  const { events, streamId, expectedVersion } = request
  if (events.length === 0) throw new StoreError('invalid_input', 'nothing to import')
  const next = expectedVersion + events.length
  const partition = emmettDefaultPartition
  await client.query('BEGIN')
  try {
    // A time without an offset is UTC, whatever the server's default zone.
    await client.query(`SET LOCAL TimeZone = 'UTC'`)
    if (expectedVersion === 0)
      await client.query(newStreamSql, [
        streamId,
        next,
        partition,
        request.streamType ?? emmettStreamType(streamId),
      ])
    else {
      const moved = await client.query(moveStreamSql, [streamId, next, partition, expectedVersion])
      if (moved.rowCount !== 1) throw conflict(request)
    }
    await client.query(insertSql, [
      streamId,
      expectedVersion,
      partition,
      events.map((event) => event.id ?? newId()),
      events.map((event) => event.payloadText),
      events.map((event) => stringifyExact(event.metadata ?? {})),
      events.map((event) => event.type),
      events.map((event) =>
        event.occurredAt !== null && isoTimeText.test(event.occurredAt) ? event.occurredAt : null,
      ),
      events.map((event) => event.occurredAt),
    ])
    await client.query('COMMIT')
    return { nextVersion: next }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    if ((error as { code?: unknown }).code === '23505') throw conflict(request)
    throw error
  }
}

function conflict(request: ImportRequest): StoreError {
  return new StoreError(
    'version_conflict',
    `${JSON.stringify(request.streamId)} is no longer at version ${request.expectedVersion}: another writer wrote to it`,
  )
}
