// A PostgreSQL database in Emmett's layout as a Source: read, and appended to as Emmett appends.
//
// One small pool of connections (pg); windows of a stream and pages of the stream list are keyset
// queries on the tables' own indexes; whole-stream and whole-store reads go through a server-side
// cursor (pg-cursor), a batch at a time, so nothing is ever loaded whole. Every error the server or the
// socket raises leaves here as a one-line StoreError (pg-errors.ts).

import pg from 'pg'
import Cursor from 'pg-cursor'
import { StoreError } from '../../errors'
import { SourceStates } from '../source-states'
import type {
  AppendRequest,
  ScanFrom,
  Source,
  SourceChange,
  SourceEvent,
  SourceState,
  StreamListQuery,
  StreamPage,
  StreamSummary,
  WatchOptions,
} from '../source'
import { postgresDisplayName } from '../source-address'
import {
  containsPattern,
  emmettTables,
  foldEventsSql,
  listStreamsSql,
  scanSql,
  streamEventsSql,
  streamSql,
  tablesPresentSql,
} from './emmett-layout'
import { appendToEmmettStream } from './emmett-append'
import { watchEmmettStore } from './emmett-watch'
import { databaseError } from './pg-errors'
import { eventFromRow, foldEventFromRow, summaryFromRow, type EventRow, type SummaryRow } from './pg-rows'

/** Rows a cursor hands over at a time: big enough to amortize round trips, small enough to bound memory. */
const cursorBatch = 1000
/** A fold's rows are payloads only, so more of them fit in the same memory: fewer round trips. */
const foldBatch = 5000

export interface PostgresSourceOptions {
  /** Connections at most (default 4). */
  readonly maxConnections?: number
  /** A statement running longer is cancelled by the server, in milliseconds (default: none). */
  readonly statementTimeoutMs?: number
}

/**
 * Connect and check that the database holds Emmett's tables; throws a one-line StoreError when it
 * cannot connect or the tables are not there.
 */
export async function openPostgresSource(
  address: string,
  options: PostgresSourceOptions = {},
): Promise<Source> {
  const source = new PostgresSource(address, options)
  try {
    await source.checkLayout()
    return source
  } catch (error) {
    await source.close()
    throw error
  }
}

class PostgresSource implements Source {
  readonly kind = 'postgres' as const
  readonly displayName: string
  readonly capabilities = {
    append: true,
    watch: true,
    note: null,
  }
  private readonly pool: pg.Pool
  private readonly watchers = new Set<() => void>()
  private readonly states = new SourceStates((id, from, signal) =>
    this.cursor(foldEventsSql, [id, from], foldEventFromRow, foldBatch, signal),
  )

  constructor(address: string, options: PostgresSourceOptions) {
    this.displayName = postgresDisplayName(address)
    this.pool = new pg.Pool({
      connectionString: address,
      max: options.maxConnections ?? 4,
      application_name: 'eventscope',
      ...(options.statementTimeoutMs === undefined ? {} : { statement_timeout: options.statementTimeoutMs }),
    })
    // An idle connection the server drops must not crash the process: the next query reports it.
    this.pool.on('error', () => undefined)
  }

  async checkLayout(): Promise<void> {
    const rows = await this.query<{ name: string }>(tablesPresentSql, [emmettTables])
    const present = new Set(rows.map((row) => row.name))
    const missing = emmettTables.filter((table) => !present.has(table))
    if (missing.length > 0)
      throw new StoreError(
        'no_store',
        `${this.displayName} holds no Emmett event store: no ${missing.join(' or ')} table`,
      )
  }

  async listStreams(query: StreamListQuery): Promise<StreamPage> {
    const sort = query.sort ?? 'id'
    const after = query.after === undefined ? null : decodeCursor(query.after)
    const sql = listStreamsSql({
      sort,
      descending: query.descending ?? false,
      idContains: query.idContains !== undefined && query.idContains !== '',
      type: query.type !== undefined,
      after: after !== null,
    })
    const params: unknown[] = [query.limit + 1]
    if (query.idContains !== undefined && query.idContains !== '')
      params.push(containsPattern(query.idContains))
    if (query.type !== undefined) params.push(query.type)
    if (after !== null && sort !== 'id') params.push(after.key)
    if (after !== null) params.push(after.id)
    const rows = await this.query<SummaryRow>(sql, params)
    const streams = rows.slice(0, query.limit).map(summaryFromRow)
    const last = streams.at(-1)
    const more = rows.length > query.limit && last !== undefined
    return { streams, next: more ? encodeCursor(sortKey(last, sort), last.id) : null }
  }

  async stream(id: string): Promise<StreamSummary | null> {
    const [row] = await this.query<SummaryRow>(streamSql, [id])
    return row === undefined ? null : summaryFromRow(row)
  }

  async readEvents(id: string, from: number, limit: number): Promise<SourceEvent[]> {
    const rows = await this.query<EventRow>(streamEventsSql(true), [id, from, limit])
    return rows.map(eventFromRow)
  }

  streamEvents(
    id: string,
    from: number,
    signal?: AbortSignal,
    types?: readonly string[],
  ): AsyncIterable<readonly SourceEvent[]> {
    const typed = types !== undefined && types.length > 0
    const sql = streamEventsSql(false, typed)
    return this.cursor(sql, typed ? [id, from, types] : [id, from], eventFromRow, cursorBatch, signal)
  }

  async stateAt(id: string, version: number): Promise<SourceState> {
    const summary = await this.stream(id)
    if (summary === null)
      throw new StoreError('not_found', `no stream ${JSON.stringify(id)} in ${this.displayName}`)
    const at = Math.max(0, Math.min(version, summary.eventCount))
    const state = await this.states.stateAt(id, at)
    return { streamId: id, version: at, eventCount: summary.eventCount, state }
  }

  async append(request: AppendRequest): Promise<{ readonly nextVersion: number }> {
    const client = await this.pool.connect().catch((error: unknown) => {
      throw databaseError(error, this.displayName)
    })
    try {
      // Checkpoints already kept stay valid: an append only adds events after them.
      return await appendToEmmettStream(client, request)
    } catch (error) {
      throw databaseError(error, this.displayName)
    } finally {
      client.release()
    }
  }

  watch(onChange: (change: SourceChange) => void, options?: WatchOptions): () => void {
    const stop = watchEmmettStore(this.pool, onChange, {
      ...options,
      onError: (error) => options?.onError?.(databaseError(error, this.displayName)),
    })
    this.watchers.add(stop)
    return () => {
      this.watchers.delete(stop)
      stop()
    }
  }

  scan(from: ScanFrom, signal?: AbortSignal): AsyncIterable<readonly SourceEvent[]> {
    return this.cursor(scanSql, [from.afterGlobalPosition ?? '0'], eventFromRow, cursorBatch, signal)
  }

  async close(): Promise<void> {
    for (const stop of this.watchers) stop()
    this.watchers.clear()
    await this.pool.end().catch(() => undefined)
  }

  private async query<R extends pg.QueryResultRow>(sql: string, params: readonly unknown[]): Promise<R[]> {
    try {
      const result = await this.pool.query<R>(sql, params as unknown[])
      return result.rows
    } catch (error) {
      throw databaseError(error, this.displayName)
    }
  }

  // A server-side cursor on a connection of its own, closed however the reader stops (end, break, abort).
  private async *cursor<R extends pg.QueryResultRow, T>(
    sql: string,
    params: readonly unknown[],
    convert: (row: R) => T,
    batch: number,
    signal?: AbortSignal,
  ): AsyncGenerator<readonly T[]> {
    let client: pg.PoolClient
    try {
      client = await this.pool.connect()
    } catch (error) {
      throw databaseError(error, this.displayName)
    }
    const cursor = client.query(new Cursor<R>(sql, params as unknown[]))
    let broken = false
    try {
      for (;;) {
        if (signal?.aborted) throw new StoreError('cancelled', 'the read was cancelled')
        const rows = await cursor.read(batch).catch((error: unknown) => {
          broken = true
          throw databaseError(error, this.displayName)
        })
        if (rows.length === 0) return
        yield rows.map(convert)
      }
    } finally {
      await cursor.close().catch(() => {
        broken = true
      })
      // A connection whose cursor failed is not handed to the next reader.
      client.release(broken)
    }
  }
}

function sortKey(summary: StreamSummary, sort: StreamListQuery['sort']): string | null {
  if (sort === 'eventCount') return String(summary.eventCount)
  if (sort === 'lastEventAt') return summary.lastEventAt
  return summary.id
}

// Opaque to callers; base64url JSON so ids of any characters round-trip.
function encodeCursor(key: string | null, id: string): string {
  return Buffer.from(JSON.stringify([key, id]), 'utf8').toString('base64url')
}

function decodeCursor(text: string): { key: string | null; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[1] === 'string' &&
      (typeof value[0] === 'string' || value[0] === null)
    )
      return { key: value[0] as string | null, id: value[1] }
  } catch {
    // fall through to the one error below
  }
  throw new StoreError('invalid_input', 'not a page cursor this source handed out')
}
