// A PostgreSQL event store as a Source, in any layout a description tells it (pg-layout.ts): read, and
// appended to and watched as the library itself does where the layout says how (Emmett's).
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
  EventFilter,
  ImportRequest,
  ScanFrom,
  Source,
  SourceCapabilities,
  SourceChange,
  SourceEvent,
  SourceState,
  StreamListQuery,
  StreamPage,
  StreamSummary,
  WatchOptions,
} from '../source'
import { postgresDisplayName } from '../source-address'
import { chooseLayout, tableNames, type PresentTable } from './detect-layout'
import { emmettLayout } from './emmett-layout'
import { globalWatchSql, watchGlobalPosition } from './global-watch'
import { checkSchemaName, splitLayoutParams } from './layout-params'
import { decodeCursor, encodeCursor, sortKey } from './page-cursor'
import { eventuousLayout } from './eventuous-layout'
import {
  containsPattern,
  foldEventsSql,
  listStreamsSql,
  scanSql,
  streamEventsSql,
  streamSql,
  tablesPresentSql,
} from './layout-sql'
import { firstPositionSql, mappedLayout, mappedTableName, type TableMapping } from './mapped-layout'
import type { PgLayout } from './pg-layout'
import { martenLayout } from './marten-layout'
import { messageDbLayout } from './message-db-layout'
import { foldChunks, foldChunkSql, type ChunkRow } from './fold-chunks'
import { findEventsSql, findTableOf, type FindTable } from './find-events-sql'
import { databaseError } from './pg-errors'
import { eventFromRow, foldEventFromRow, summaryFromRow, type EventRow, type SummaryRow } from './pg-rows'

/** Rows a cursor hands over at a time: big enough to amortize round trips, small enough to bound memory. */
const cursorBatch = 1000
/** Events a state read asks for in one query rather than through a cursor (a checkpoint is 512 at most). */
const boundedFold = 5000

/** The layouts a database is recognized as, in this order. */
export const knownLayouts: readonly PgLayout[] = [
  emmettLayout,
  martenLayout,
  eventuousLayout,
  messageDbLayout,
]

export interface PostgresSourceOptions {
  /**
   * Connections at most (default 5: a whole-stream fold keeps four chunks in flight, fold-chunks.ts,
   * and one stays free for the listing and windows meanwhile).
   */
  readonly maxConnections?: number
  /** A statement running longer is cancelled by the server, in milliseconds (default: none). */
  readonly statementTimeoutMs?: number
  /** Read the database as this layout only; absent: whichever known layout its tables are. */
  readonly layout?: PgLayout
  /** Read this table, its columns mapped (`--table`, `--columns`), instead of a library's layout. */
  readonly table?: TableMapping
  /**
   * Look for the tables in this schema (`--schema`, `eventscope-schema`): the connection's search path
   * is set to it, as a library told to keep its tables there (Marten's DatabaseSchemaName, Eventuous'
   * PostgresStoreOptions.Schema) finds them.
   */
  readonly schema?: string
}

/** The known layout of this name (`emmett`, `marten`, `eventuous`, `message-db`), if there is one. */
export function layoutNamed(name: string): PgLayout | undefined {
  return knownLayouts.find((layout) => layout.name === name)
}

/**
 * Connect and find the layout the database holds (or check it holds `options.layout`); throws a
 * one-line StoreError when it cannot connect or holds no layout eventscope reads.
 */
export async function openPostgresSource(
  given: string,
  givenOptions: PostgresSourceOptions = {},
): Promise<Source> {
  const { address, options } = withAddressLayout(given, givenOptions)
  if (options.schema !== undefined) checkSchemaName(options.schema, 'the schema')
  const pool = createPool(address, options)
  const displayName = postgresDisplayName(address)
  try {
    if (options.table !== undefined)
      return new PostgresSource(pool, displayName, await mapTable(pool, options.table, displayName))
    const candidates = options.layout === undefined ? knownLayouts : [options.layout]
    const { rows } = await pool.query<PresentTable>(tablesPresentSql, [tableNames(candidates)])
    return new PostgresSource(pool, displayName, chooseLayout(candidates, rows, displayName))
  } catch (error) {
    await pool.end().catch(() => undefined)
    throw databaseError(error, displayName)
  }
}

// The address's own eventscope-layout / eventscope-table (layout-params.ts), unless options say.
function withAddressLayout(
  given: string,
  options: PostgresSourceOptions,
): { readonly address: string; readonly options: PostgresSourceOptions } {
  const named = splitLayoutParams(given)
  if (named.schema !== null && options.schema === undefined) options = { ...options, schema: named.schema }
  if (options.layout !== undefined || options.table !== undefined) return { address: named.address, options }
  if (named.table !== null)
    return {
      address: named.address,
      options: { ...options, table: { table: named.table, columns: named.columns } },
    }
  const layout = named.layout === null ? undefined : layoutNamed(named.layout)
  return { address: named.address, options: layout === undefined ? options : { ...options, layout } }
}

// The mapped table's layout; its positions start at 0 when one of its streams' does.
async function mapTable(pool: pg.Pool, mapping: TableMapping, displayName: string): Promise<PgLayout> {
  const { rows } = await pool.query<PresentTable>(tablesPresentSql, [[mappedTableName(mapping)]])
  const layout = mappedLayout(mapping, rows, displayName)
  const first = await pool.query<{ first: string | null }>(firstPositionSql(layout))
  return first.rows[0]?.first === '0' ? mappedLayout(mapping, rows, displayName, 0) : layout
}

function createPool(address: string, options: PostgresSourceOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: address,
    max: options.maxConnections ?? 5,
    application_name: 'eventscope',
    ...(options.statementTimeoutMs === undefined ? {} : { statement_timeout: options.statementTimeoutMs }),
    // A plain identifier (checkSchemaName), quoted so its case is kept; pg_catalog stays implicit.
    ...(options.schema === undefined ? {} : { options: `-c search_path="${options.schema}"` }),
  })
  // An idle connection the server drops must not crash the process: the next query reports it.
  pool.on('error', () => undefined)
  return pool
}

class PostgresSource implements Source {
  readonly kind = 'postgres' as const
  readonly capabilities: SourceCapabilities
  private readonly watchers = new Set<() => void>()
  private readonly states: SourceStates
  readonly layoutTitle: string
  private readonly watchSql: ReturnType<typeof globalWatchSql>
  private readonly findTable: FindTable
  // This layout's statements, built once.
  private readonly sql: {
    readonly stream: string
    readonly window: string
    readonly all: string
    readonly typed: string
    readonly fold: string
    readonly foldChunk: string
    readonly scan: string
  }

  constructor(
    private readonly pool: pg.Pool,
    readonly displayName: string,
    readonly layout: PgLayout,
  ) {
    this.layoutTitle = layout.title
    const writable = layout.writes !== null
    // A read-only layout is still followed, by its global position, where it keeps one.
    this.watchSql = writable ? null : globalWatchSql(layout)
    const watchable = writable || this.watchSql !== null
    this.capabilities = {
      append: writable,
      watch: watchable,
      note: writable
        ? null
        : (layout.readOnlyNote ??
          `${layout.title}'s layout is read-only here: eventscope reads it, never writes it`),
    }
    this.sql = {
      stream: streamSql(layout),
      window: streamEventsSql(layout, true),
      all: streamEventsSql(layout, false),
      typed: streamEventsSql(layout, false, true),
      fold: foldEventsSql(layout),
      foldChunk: foldChunkSql(foldEventsSql(layout)),
      scan: scanSql(layout),
    }
    this.findTable = findTableOf(layout)
    this.states = new SourceStates((id, from, signal, upTo) =>
      // A state between checkpoints needs at most a checkpoint's worth of events: one query with a
      // LIMIT (the server starts at the checkpoint's index entry and stops there), not a cursor set
      // up for the rest of the stream and a batch of 5,000 parsed to use 500.
      upTo !== undefined && upTo - from <= boundedFold
        ? this.bounded(`${this.sql.fold} LIMIT $3`, [id, from, upTo - from], foldEventFromRow)
        : foldChunks(
            (sql, params) => this.query<ChunkRow>(sql, params),
            this.sql.foldChunk,
            id,
            from,
            signal,
          ),
    )
    // Absent, not throwing: a caller that looks at the method itself sees what capabilities say.
    if (!writable) this.append = undefined
    if (!watchable) this.watch = undefined
    if (layout.writes?.import === undefined) this.importEvents = undefined
  }

  async listStreams(query: StreamListQuery): Promise<StreamPage> {
    const sort = query.sort ?? 'id'
    const after = query.after === undefined ? null : decodeCursor(query.after)
    const sql = listStreamsSql(this.layout, {
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
    if (!this.names(id)) return null
    const [row] = await this.query<SummaryRow>(this.sql.stream, [id])
    return row === undefined ? null : summaryFromRow(row)
  }

  async readEvents(id: string, from: number, limit: number): Promise<SourceEvent[]> {
    if (!this.names(id)) return []
    const rows = await this.query<EventRow>(this.sql.window, [id, from, limit])
    return rows.map(eventFromRow)
  }

  streamEvents(
    id: string,
    from: number,
    signal?: AbortSignal,
    types?: readonly string[],
  ): AsyncIterable<readonly SourceEvent[]> {
    if (!this.names(id)) return empty()
    const typed = types !== undefined && types.length > 0
    const sql = typed ? this.sql.typed : this.sql.all
    return this.cursor(sql, typed ? [id, from, types] : [id, from], eventFromRow, cursorBatch, signal)
  }

  findEvents(filter: EventFilter, signal?: AbortSignal): AsyncIterable<readonly SourceEvent[]> {
    const { sql, params } = findEventsSql(this.findTable, filter)
    return this.cursor(sql, params, eventFromRow, cursorBatch, signal)
  }

  async stateAt(id: string, version: number): Promise<SourceState> {
    const summary = await this.stream(id)
    if (summary === null)
      throw new StoreError('not_found', `no stream ${JSON.stringify(id)} in ${this.displayName}`)
    return this.states.sourceState(id, version, summary.eventCount)
  }

  append?(request: AppendRequest): Promise<{ readonly nextVersion: number }> {
    const writes = this.layout.writes
    if (writes === null) throw new StoreError('unsupported', this.capabilities.note ?? 'read-only')
    return this.appendWith(writes.append, request)
  }

  private async appendWith<R>(
    write: (client: pg.PoolClient, request: R) => Promise<{ readonly nextVersion: number }>,
    request: R,
  ): Promise<{ readonly nextVersion: number }> {
    const client = await this.pool.connect().catch((error: unknown) => {
      throw databaseError(error, this.displayName)
    })
    try {
      // Checkpoints already kept stay valid: an append only adds events after them.
      return await write(client, request)
    } catch (error) {
      throw databaseError(error, this.displayName)
    } finally {
      client.release()
    }
  }

  importEvents?(request: ImportRequest): Promise<{ readonly nextVersion: number }> {
    const write = this.layout.writes?.import
    if (write === undefined)
      throw new StoreError('unsupported', `${this.layout.title}'s layout is not written by a copy here`)
    return this.appendWith(write, request)
  }

  watch?(onChange: (change: SourceChange) => void, options?: WatchOptions): () => void {
    const writes = this.layout.writes
    const watchOptions = {
      ...options,
      onError: (error: unknown) => options?.onError?.(databaseError(error, this.displayName)),
    }
    let stop: () => void
    if (writes !== null) stop = writes.watch(this.pool, onChange, watchOptions)
    else if (this.watchSql !== null)
      stop = watchGlobalPosition(this.pool, this.watchSql, onChange, watchOptions)
    else throw new StoreError('unsupported', `${this.displayName} keeps no global position to follow`)
    this.watchers.add(stop)
    return () => {
      this.watchers.delete(stop)
      stop()
    }
  }

  scan(from: ScanFrom, signal?: AbortSignal): AsyncIterable<readonly SourceEvent[]> {
    if (this.layout.events.globalPosition === null) {
      if (from.afterGlobalPosition !== undefined)
        throw new StoreError(
          'unsupported',
          `${this.displayName} keeps no global position to resume a scan from`,
        )
      return this.cursor(this.sql.scan, [], eventFromRow, cursorBatch, signal)
    }
    return this.cursor(this.sql.scan, [from.afterGlobalPosition ?? '0'], eventFromRow, cursorBatch, signal)
  }

  // Whether `id` can name a stream of this layout at all (a Marten uuid): others are simply not there.
  private names(id: string): boolean {
    return this.layout.acceptsStreamId?.(id) ?? true
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
  // One query's rows as one batch.
  private async *bounded<R extends pg.QueryResultRow, T>(
    sql: string,
    params: readonly unknown[],
    convert: (row: R) => T,
  ): AsyncGenerator<readonly T[]> {
    const rows = await this.query<R>(sql, params)
    if (rows.length > 0) yield rows.map(convert)
  }

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
    // The next batch is asked for before this one is converted and handed on, so the server formats
    // and sends it while this process parses: on a long read the two overlap instead of taking turns.
    const read = (): Promise<R[]> =>
      cursor.read(batch).catch((error: unknown) => {
        broken = true
        throw databaseError(error, this.displayName)
      })
    let next: Promise<R[]> | null = read()
    try {
      for (;;) {
        if (signal?.aborted) throw new StoreError('cancelled', 'the read was cancelled')
        const rows: R[] = await (next as Promise<R[]>)
        next = null
        if (rows.length === 0) return
        if (rows.length === batch) next = read()
        yield rows.map(convert)
        if (rows.length < batch) return
      }
    } finally {
      // A reader that stopped early leaves a batch in flight: it lands before the cursor closes.
      if (next !== null) await next.catch(() => undefined)
      await cursor.close().catch(() => {
        broken = true
      })
      // A connection whose cursor failed is not handed to the next reader.
      client.release(broken)
    }
  }
}

// A stream that cannot exist has no events.
async function* empty(): AsyncGenerator<readonly SourceEvent[]> {}
