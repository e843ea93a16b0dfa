// A SQLite file in Emmett's layout as a Source, through better-sqlite3 (version 12: 13 needs Node 22).
//
// Read-only unless asked: the file is opened with SQLITE_OPEN_READONLY, so no statement can change it;
// `writable: true` (a copy's destination, an explicit --write) opens it for Emmett-style appends and
// imports. better-sqlite3 is synchronous: every read is a keyset page of at most a batch of rows on an
// index, so no call holds the thread or a statement for long, and the async iterables yield between
// pages. Every error leaves as a one-line StoreError naming the file (sqlite-errors.ts).

import { statSync } from 'node:fs'
import Database from 'better-sqlite3'
import { StoreError } from '../../errors'
import { SourceStates } from '../source-states'
import type {
  AppendRequest,
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
import { sqliteDisplayName } from '../source-address'
import {
  emmettSqliteTables,
  foldEventsSql,
  lastGlobalPositionSql,
  listStreamsSql,
  scanSql,
  streamEventsSql,
  streamSql,
  tablesPresentSql,
  windowSql,
} from './emmett-sqlite-layout'
import { appendToEmmettSqlite, importToEmmettSqlite } from './emmett-sqlite-write'
import { sqliteError } from './sqlite-errors'
import {
  eventFromSqliteRow,
  foldEventFromSqliteRow,
  summaryFromSqliteRow,
  type SqliteEventRow,
  type SqliteFoldRow,
  type SqliteSummaryRow,
} from './sqlite-rows'
import { pollSqliteStore } from './sqlite-watch'

/** Rows per page of a long read: big enough to amortize a statement, small enough to bound memory. */
const pageRows = 1000
/** A fold's rows are payloads only, so more of them fit in the same memory. */
const foldRows = 5000
/** Why a read-only SQLite store cannot append: the line the app shows beside its missing Append. */
const readOnlyNote = 'Opened read-only: eventscope writes to a SQLite file only when asked to.'

export interface SqliteSourceOptions {
  /** Open for appends and imports (default: read-only). */
  readonly writable?: boolean
  /** How long a statement waits for another program's lock before SQLITE_BUSY, in ms (default 5000). */
  readonly busyTimeoutMs?: number
}

/**
 * Open the SQLite file at `path` (absolute) and check that it holds Emmett's tables; throws a one-line
 * StoreError when it is missing, not a database, or not an Emmett store.
 */
export function openSqliteSource(path: string, options: SqliteSourceOptions = {}): Source {
  const displayName = sqliteDisplayName(path)
  // SQLite says only "unable to open database file" for both; a user needs to know which.
  const stat = statSync(path, { throwIfNoEntry: false })
  if (stat === undefined) throw new StoreError('not_found', `${displayName}: no such file`)
  if (stat.isDirectory())
    throw new StoreError('invalid_input', `${displayName} is a directory, not a SQLite file`)
  let db: Database.Database
  try {
    db = new Database(path, {
      readonly: options.writable !== true,
      fileMustExist: true,
      timeout: options.busyTimeoutMs ?? 5000,
    })
  } catch (error) {
    throw sqliteError(error, displayName)
  }
  try {
    const present = new Set((db.prepare(tablesPresentSql).all() as { name: string }[]).map((r) => r.name))
    const missing = emmettSqliteTables.filter((table) => !present.has(table))
    if (missing.length > 0)
      throw new StoreError(
        'no_store',
        `${displayName} holds no Emmett event store: no ${missing.join(' or ')} table`,
      )
    // SQLite's lower() knows ASCII only; the listing's filter is case-insensitive for every letter.
    db.function('eventscope_lower', { deterministic: true }, (text: unknown) =>
      typeof text === 'string' ? text.toLowerCase() : text,
    )
    return new SqliteSource(db, displayName, options.writable === true, {
      path,
      ino: stat.ino,
      dev: stat.dev,
    })
  } catch (error) {
    db.close()
    throw sqliteError(error, displayName)
  }
}

class SqliteSource implements Source {
  readonly kind = 'sqlite' as const
  readonly layoutTitle = 'Emmett'
  readonly capabilities: SourceCapabilities
  private readonly watchers = new Set<() => void>()
  private readonly states = new SourceStates((id, from, signal) =>
    this.pages<SqliteFoldRow, ReturnType<typeof foldEventFromSqliteRow>>(
      foldEventsSql,
      { stream: id },
      from,
      foldRows,
      foldEventFromSqliteRow,
      (event) => event.version,
      signal,
    ),
  )

  constructor(
    private readonly db: Database.Database,
    readonly displayName: string,
    writable: boolean,
    /** The file opened, as stat saw it: a watch notices it removed or replaced. */
    private readonly file: { readonly path: string; readonly ino: number; readonly dev: number },
  ) {
    this.capabilities = {
      append: writable,
      watch: true,
      note: writable ? null : readOnlyNote,
    }
  }

  async listStreams(query: StreamListQuery): Promise<StreamPage> {
    const sort = query.sort ?? 'id'
    const after = query.after === undefined ? null : decodeCursor(query.after)
    const contains = query.idContains !== undefined && query.idContains !== ''
    const sql = listStreamsSql({
      sort,
      descending: query.descending ?? false,
      idContains: contains,
      type: query.type !== undefined,
      after: after !== null,
    })
    const params: Record<string, unknown> = { limit: query.limit + 1 }
    if (contains) params.contains = (query.idContains ?? '').toLowerCase()
    if (query.type !== undefined) params.type = query.type
    if (after !== null) {
      params.afterId = after.id
      if (sort !== 'id')
        params.afterKey = sort === 'eventCount' && after.key !== null ? Number(after.key) : after.key
    }
    const rows = this.all<SqliteSummaryRow>(sql, params)
    const page = rows.slice(0, query.limit)
    const last = page.at(-1)
    const more = rows.length > query.limit && last !== undefined
    return {
      streams: page.map(summaryFromSqliteRow),
      // The key as the table holds it (a time's own text), so the next page compares like with like.
      next: more ? encodeCursor(rawSortKey(last, sort), last.id) : null,
    }
  }

  async stream(id: string): Promise<StreamSummary | null> {
    const [row] = this.all<SqliteSummaryRow>(streamSql, { stream: id })
    return row === undefined ? null : summaryFromSqliteRow(row)
  }

  async readEvents(id: string, from: number, limit: number): Promise<SourceEvent[]> {
    return this.all<SqliteEventRow>(windowSql, { stream: id, after: from, limit }).map(eventFromSqliteRow)
  }

  streamEvents(
    id: string,
    from: number,
    signal?: AbortSignal,
    types?: readonly string[],
  ): AsyncIterable<readonly SourceEvent[]> {
    const typed = types !== undefined && types.length > 0
    return this.pages<SqliteEventRow, SourceEvent>(
      streamEventsSql(typed),
      typed ? { stream: id, types: JSON.stringify(types) } : { stream: id },
      from,
      pageRows,
      eventFromSqliteRow,
      (event) => event.version,
      signal,
    )
  }

  async stateAt(id: string, version: number): Promise<SourceState> {
    const summary = await this.stream(id)
    if (summary === null)
      throw new StoreError('not_found', `no stream ${JSON.stringify(id)} in ${this.displayName}`)
    return this.states.sourceState(id, version, summary.eventCount)
  }

  scan(from: ScanFrom, signal?: AbortSignal): AsyncIterable<readonly SourceEvent[]> {
    // Global positions are SQLite integers: compared as numbers, carried as text (they may pass 2^53).
    return this.pages<SqliteEventRow, SourceEvent>(
      scanSql,
      {},
      BigInt(from.afterGlobalPosition ?? '0'),
      pageRows,
      eventFromSqliteRow,
      (event) => BigInt(event.globalPosition ?? '0'),
      signal,
    )
  }

  async append(request: AppendRequest): Promise<{ readonly nextVersion: number }> {
    this.requireWritable()
    try {
      // Checkpoints already kept stay valid: an append only adds events after them.
      return { nextVersion: appendToEmmettSqlite(this.db, request) }
    } catch (error) {
      throw sqliteError(error, this.displayName)
    }
  }

  async importEvents(request: ImportRequest): Promise<{ readonly nextVersion: number }> {
    this.requireWritable()
    try {
      return { nextVersion: importToEmmettSqlite(this.db, request) }
    } catch (error) {
      throw sqliteError(error, this.displayName)
    }
  }

  watch(onChange: (change: SourceChange) => void, options?: WatchOptions): () => void {
    const stop = pollSqliteStore(
      () => this.all<{ last: string | null }>(lastGlobalPositionSql, {})[0]?.last ?? '0',
      (after) =>
        this.all<SqliteEventRow>(scanSql, { after: BigInt(after), limit: pageRows }).map(eventFromSqliteRow),
      onChange,
      {
        ...options,
        onError: (error) => options?.onError?.(sqliteError(error, this.displayName)),
        gone: () => this.fileGone(),
      },
    )
    this.watchers.add(stop)
    return () => {
      this.watchers.delete(stop)
      stop()
    }
  }

  // Why the file opened is no longer the one at its path (one stat), or null when it still is.
  private fileGone(): StoreError | null {
    const now = statSync(this.file.path, { throwIfNoEntry: false })
    if (now === undefined) return new StoreError('not_found', `${this.displayName} was removed`)
    if (now.ino !== this.file.ino || now.dev !== this.file.dev)
      return new StoreError('not_found', `${this.displayName} was replaced by another file`)
    return null
  }

  async close(): Promise<void> {
    for (const stop of this.watchers) stop()
    this.watchers.clear()
    if (this.db.open) this.db.close()
  }

  private requireWritable(): void {
    if (!this.capabilities.append)
      throw new StoreError(
        'forbidden',
        `${this.displayName} was opened read-only; eventscope writes to a SQLite file only when asked to`,
      )
  }

  private all<R>(sql: string, params: Record<string, unknown>): R[] {
    try {
      return this.db.prepare(sql).all(params) as R[]
    } catch (error) {
      throw sqliteError(error, this.displayName)
    }
  }

  // Keyset pages after `from` (a stream position or a global position), yielding between pages.
  private async *pages<R, T>(
    sql: string,
    params: Record<string, unknown>,
    from: number | bigint,
    limit: number,
    convert: (row: R) => T,
    keyOf: (item: T) => number | bigint,
    signal?: AbortSignal,
  ): AsyncGenerator<readonly T[]> {
    let after = from
    for (;;) {
      if (signal?.aborted) throw new StoreError('cancelled', 'the read was cancelled')
      const items = this.all<R>(sql, { ...params, after, limit }).map(convert)
      if (items.length === 0) return
      yield items
      if (items.length < limit) return
      after = keyOf(items[items.length - 1] as T)
    }
  }
}

function rawSortKey(row: SqliteSummaryRow, sort: StreamListQuery['sort']): string | null {
  if (sort === 'eventCount') return String(row.event_count)
  if (sort === 'lastEventAt') return row.last_event_at
  return row.id
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
