// Appending to Emmett's PostgreSQL layout the way Emmett itself does: one call of its own stored
// function `emt_append_to_stream` in one transaction, which checks the expected stream position,
// moves `emt_streams.stream_position` and inserts the messages with their positions together.
//
// What Emmett's appendToStream passes is followed field by field (emmett-postgresql 0.42): a new
// message id per event (a UUID, in `message_id`; the metadata stored without it), the payload and
// metadata as JSON text, schema version '1', kind 'E' (an event), the stream type taken from the
// stream id's part before its first '-' ('emt:unknown' when there is none), partition 'emt:default'.
// A conflict is the function answering success = false, or the unique key refusing a second writer
// that created the same new stream (SQLSTATE 23505).

import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { stringifyExact } from '../../json/big-integers'
import { StoreError } from '../../errors'
import type { AppendRequest } from '../source'

const appendSql = `SELECT success, next_stream_position::text AS next_position FROM emt_append_to_stream(
  $1::text[], $2::jsonb[], $3::jsonb[], $4::text[], $5::text[], $6::text[], $7::text, $8::text, $9::bigint, $10::text)`

/** Emmett's default partition (`${emmettPrefix}:default`). */
export const emmettDefaultPartition = 'emt:default'

/** The stream type Emmett's event store derives from a stream id: `shoppingCart-1` -> `shoppingCart`. */
export function emmettStreamType(streamId: string): string {
  const [first, ...rest] = streamId.split('-')
  return first && rest.length > 0 ? first : 'emt:unknown'
}

/** Append in one transaction on `client`; returns the stream's new version, or throws version_conflict. */
export async function appendToEmmettStream(
  client: pg.PoolClient,
  request: AppendRequest,
): Promise<{ readonly nextVersion: number }> {
  if (request.events.length === 0) throw new StoreError('invalid_input', 'nothing to append')
  const { events } = request
  const params = [
    events.map(() => randomUUID()),
    events.map((event) => stringifyExact(event.payload)),
    events.map((event) => stringifyExact(event.metadata ?? {})),
    events.map(() => '1'),
    events.map((event) => event.type),
    events.map(() => 'E'),
    request.streamId,
    emmettStreamType(request.streamId),
    request.expectedVersion,
    emmettDefaultPartition,
  ]
  await client.query('BEGIN')
  try {
    const result = await client.query<{ success: boolean; next_position: string | null }>(appendSql, params)
    const row = result.rows[0]
    if (row?.success !== true || row.next_position === null) throw conflict(request)
    await client.query('COMMIT')
    return { nextVersion: Number(row.next_position) }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    if ((error as { code?: unknown }).code === '23505') throw conflict(request)
    throw error
  }
}

function conflict(request: AppendRequest): StoreError {
  const expected =
    request.expectedVersion === null ? 'its current version' : `version ${request.expectedVersion}`
  return new StoreError(
    'version_conflict',
    `${JSON.stringify(request.streamId)} is no longer at ${expected}: another writer appended first`,
  )
}
