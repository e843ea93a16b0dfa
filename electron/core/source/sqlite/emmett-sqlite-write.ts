// Writing to Emmett's SQLite layout the way Emmett itself does (emmett-sqlite 0.42,
// src/eventStore/schema/appendToStream.ts): in one `BEGIN IMMEDIATE` transaction, check the stream's
// position, insert its `emt_streams` row or move its stream_position, and insert the messages at the
// positions after it. Only on a source opened for writing.
//
// Field by field as Emmett writes them: message_kind 'E'; message_data and message_metadata as JSON
// text, the metadata holding Emmett's `streamName`, `messageId` and `streamPosition` (the event's
// place in its batch, as text) before the writer's own keys; message_schema_version the expected
// version as text; messages in partition 'emt:default'; a new stream row with stream_metadata '[]'
// and the partition Emmett's own append writes there. Emmett 0.42 writes `[object Object]` (it binds
// an object where it means the default), and its next append to that stream looks the row up by that
// partition: a row written with any other would make Emmett's own next append fail. So a new row
// takes the partition the store's other stream rows have, else Emmett 0.42's.
//
// `append` makes a new id (a UUID) per event and leaves `created` to CURRENT_TIMESTAMP, as Emmett
// does; `importEvents` keeps the id, the time, the payload's bytes and the metadata it is given (a
// copy; `{}` for none, the column being NOT NULL), adding none of Emmett's keys.

import { createHash, randomUUID } from 'node:crypto'
import type Database from 'better-sqlite3'
import { stringifyExact } from '../../json/big-integers'
import type { ExactJsonObject } from '../../json/json-value'
import { StoreError } from '../../errors'
import { emmettDefaultPartition, emmettStreamType } from '../postgres/emmett-append'
import type { AppendRequest, ImportRequest } from '../source'

/** The stream-row partition emmett-sqlite 0.42's append writes (see above). */
const emmettStreamRowPartition = '[object Object]'

/** One message row, as both writes insert it. */
interface MessageRow {
  readonly type: string
  readonly id: string
  readonly data: string
  /** Written as it is (append puts Emmett's keys in it; an import keeps what it was given). */
  readonly metadata: ExactJsonObject
  /** `created` as text; null leaves it to CURRENT_TIMESTAMP. */
  readonly created: string | null
}

interface WriteBatch {
  readonly streamId: string
  readonly streamType: string
  readonly expectedVersion: number | null
  readonly rows: readonly MessageRow[]
}

const currentSql = `SELECT stream_position AS position, partition FROM emt_streams
  WHERE stream_id = ? AND NOT is_archived LIMIT 1`
const anyPartitionSql = `SELECT partition FROM emt_streams LIMIT 1`
const insertStreamSql = `INSERT INTO emt_streams
  (stream_id, stream_position, partition, stream_type, stream_metadata, is_archived)
  VALUES (?, ?, ?, ?, '[]', false)`
const moveStreamSql = `UPDATE emt_streams SET stream_position = stream_position + ?
  WHERE stream_id = ? AND partition = ? AND NOT is_archived`
const insertMessageSql = `INSERT INTO emt_messages (stream_id, stream_position, partition, message_kind,
  message_data, message_metadata, message_schema_version, message_type, message_id, is_archived, created)
  VALUES (?, ?, ?, 'E', ?, ?, ?, ?, ?, false, coalesce(?, CURRENT_TIMESTAMP))`

/** Append as Emmett's appendToStream does; throws version_conflict when the stream moved. */
export function appendToEmmettSqlite(db: Database.Database, request: AppendRequest): number {
  if (request.events.length === 0) throw new StoreError('invalid_input', 'nothing to append')
  return writeBatch(db, {
    streamId: request.streamId,
    streamType: emmettStreamType(request.streamId),
    expectedVersion: request.expectedVersion,
    rows: request.events.map((event, i) => {
      const id = randomUUID()
      // Emmett's own keys first, the writer's after (and winning), as Emmett's append spreads them.
      const emmett = { streamName: request.streamId, messageId: id, streamPosition: String(i + 1) }
      return {
        type: event.type,
        id,
        data: stringifyExact(event.payload),
        metadata: { ...emmett, ...(event.metadata ?? {}) },
        created: null,
      }
    }),
  })
}

/** Write events as they are (ids, times, payload bytes), after checking the stream's version. */
export function importToEmmettSqlite(db: Database.Database, request: ImportRequest): number {
  if (request.events.length === 0) throw new StoreError('invalid_input', 'nothing to import')
  return writeBatch(db, {
    streamId: request.streamId,
    streamType: request.streamType ?? emmettStreamType(request.streamId),
    expectedVersion: request.expectedVersion,
    rows: request.events.map((event, i) => ({
      type: event.type,
      id: event.id ?? derivedId(request.streamId, request.expectedVersion + i + 1),
      data: event.payloadText,
      metadata: event.metadata ?? {},
      created: event.occurredAt,
    })),
  })
}

function writeBatch(db: Database.Database, batch: WriteBatch): number {
  const write = db.transaction((): number => {
    const current = db.prepare(currentSql).get(batch.streamId) as
      { position: number; partition: string } | undefined
    const at = current?.position ?? 0
    if (batch.expectedVersion !== null && batch.expectedVersion !== at) throw conflict(batch, at)
    const count = batch.rows.length
    if (current === undefined) {
      const other = db.prepare(anyPartitionSql).get() as { partition: string } | undefined
      const partition = other?.partition ?? emmettStreamRowPartition
      db.prepare(insertStreamSql).run(batch.streamId, count, partition, batch.streamType)
    } else db.prepare(moveStreamSql).run(count, batch.streamId, current.partition)
    const insert = db.prepare(insertMessageSql)
    batch.rows.forEach((row, i) => {
      insert.run(
        batch.streamId,
        at + i + 1,
        emmettDefaultPartition,
        row.data,
        stringifyExact(row.metadata),
        String(at),
        row.type,
        row.id,
        row.created,
      )
    })
    return at + count
  })
  return write.immediate()
}

function conflict(batch: WriteBatch, at: number): StoreError {
  return new StoreError(
    'version_conflict',
    `${JSON.stringify(batch.streamId)} is at version ${at}, not ${batch.expectedVersion}: another writer appended first`,
  )
}

/**
 * A stable id for an event that had none (a name-based UUID, version 5 layout, of the stream and
 * version), so a copy run again derives the same id and finds the event already there.
 */
export function derivedId(streamId: string, version: number): string {
  const hash = createHash('sha1').update(`eventscope:${streamId}:${version}`).digest()
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
