// What the PostgreSQL source needs to know about one library's tables: a layout description that
// Emmett's, Marten's, Eventuous', Message DB's layouts and a table mapped on the command line each fill
// in, so the statements (layout-sql.ts) and the source (postgres-source.ts) are written once.
//
// Pure data. Every string is a fragment of SQL written by eventscope (never by the user unquoted: a
// mapped table's names are quoted by quoteIdent before they get here). Event rows are read from
// `events.from`, in which the events table is aliased `e`; stream rows from `streams`, a relation with
// the columns id, type, event_count_n (bigint) and last_event_at (ISO text).

import type pg from 'pg'
import type { AppendRequest, ImportRequest, SourceChange, WatchOptions } from '../source'

/** The libraries' layouts eventscope knows, by the name `--layout` takes. */
export const knownLayoutNames = ['emmett', 'marten', 'eventuous', 'message-db'] as const

/** A layout's name; `custom` is a table mapped from the command line. */
export type PgLayoutName = (typeof knownLayoutNames)[number] | 'custom'

/**
 * A time column: `timestamptz`, `timestamp` (without zone) holding UTC as its writer keeps it, or
 * text shown as it is written (a mapped table's ISO strings).
 */
export interface PgTime {
  readonly column: string
  readonly zone: 'tz' | 'utc' | 'text'
}

/** Where a layout keeps its events and which column holds what. */
export interface PgEvents {
  /** The FROM item of event rows, the events table aliased `e` (joins allowed). */
  readonly from: string
  /** The stream id as text. */
  readonly streamId: string
  /** The condition "this row belongs to the stream $N" (`param` is `$1`, `$2`, …), index-friendly. */
  readonly streamIs: (param: string) => string
  /** The position in its stream: ordered, indexed together with the stream. */
  readonly position: string
  /** The position a stream's first event has: 1 (Emmett, Marten) or 0 (Eventuous, Message DB). */
  readonly firstPosition: 0 | 1
  /** The store-wide order (a sequence), or null when the table has none. */
  readonly globalPosition: string | null
  readonly type: string | null
  readonly id: string | null
  readonly time: PgTime | null
  /** The payload, jsonb or json (or text holding JSON). */
  readonly data: string
  readonly metadata: string | null
  /** A condition every row read must meet (Emmett's `NOT e.is_archived`), or null. */
  readonly live: string | null
}

/** Writing and watching as one library does; only a layout that has them offers them. */
export interface PgWrites {
  readonly append: (
    client: pg.PoolClient,
    request: AppendRequest,
  ) => Promise<{ readonly nextVersion: number }>
  readonly watch: (
    pool: pg.Pool,
    onChange: (change: SourceChange) => void,
    options?: WatchOptions,
  ) => () => void
  /** Writing events as they are, ids and times kept (eventscope copy); absent: copy cannot write here. */
  readonly import?: (
    client: pg.PoolClient,
    request: ImportRequest,
  ) => Promise<{ readonly nextVersion: number }>
}

/** One table the layout needs, with the columns that tell it from another library's table. */
export interface PgRequiredTable {
  /** The schema it is looked for in; null: the connection's search path. */
  readonly schema: string | null
  /** Also found by its bare name on the search path (a library whose schema is configurable). */
  readonly orOnSearchPath?: boolean
  readonly name: string
  readonly columns: readonly string[]
}

export interface PgLayout {
  readonly name: PgLayoutName
  /** The library, for messages: "Emmett", "Marten", "Message DB". */
  readonly title: string
  /** What the database must hold to be read as this layout. */
  readonly tables: readonly PgRequiredTable[]
  readonly events: PgEvents
  /**
   * A SELECT of the streams with the columns id (text), type (text or null), event_count_n (bigint)
   * and last_event_at (ISO text or null); filters and keyset bounds are put around it, and the server
   * pushes them into it.
   */
  readonly streams: string
  /**
   * For a layout without a table of streams: the SQL type of a stream from its id column (`e.…`),
   * so one stream's summary is read from its last event alone (layout-sql.ts's streamSql) instead of
   * grouping all its events. Absent: the summary is `streams` filtered by id.
   */
  readonly streamTypeOf?: (streamId: string) => string
  /** Whether a stream id can name a stream at all (Marten's uuid ids); absent: any text can. */
  readonly acceptsStreamId?: (id: string) => boolean
  /** Why it is read-only, when `writes` is null and the usual "X's layout is read-only" does not fit. */
  readonly readOnlyNote?: string
  /** Append and watch as the library does; null: this layout is read-only here. */
  readonly writes: PgWrites | null
  /** The layout as this database has it (a column's type, an optional column), once it is chosen. */
  readonly adapt?: (present: readonly PresentTable[]) => PgLayout
}

/** A table as the catalog lists it (layout-sql.ts's tablesPresentSql). */
export interface PresentTable {
  readonly schema: string
  readonly name: string
  /** Whether the connection's search path finds it by its bare name. */
  readonly visible: boolean
  readonly columns: readonly string[]
  /** Each column's type as format_type names it (`uuid`, `character varying(500)`), in `columns`' order. */
  readonly types: readonly string[]
}

/** `to_char` of a time as ISO 8601 in UTC with its microseconds (a JavaScript Date would drop them). */
export function isoTime(time: PgTime): string {
  if (time.zone === 'text') return `${time.column}::text`
  const utc = time.zone === 'tz' ? `${time.column} AT TIME ZONE 'UTC'` : time.column
  return `to_char(${utc}, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
}

/** An identifier quoted for SQL, whatever its characters: `"a""b"`. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}
