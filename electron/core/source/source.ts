// The seam between eventscope and a kind of event store: what every reader (the CLI, `copy`, and the
// session's open store, whose `source` this is: session/opened-store.ts) may ask of a store without
// knowing whether it is a JSONL directory or a database.
//
// Versions are 1-based positions in a stream, as everywhere in eventscope; version 0 is the state before
// the first event. A source that cannot do something says so in `capabilities` instead of throwing
// half-way (a read-only database layout has no `append`; a store without notifications may still be
// watched by polling). Errors are StoreErrors whose message is one line fit to show as it is.

import type { ExactJsonObject } from '../json/json-value'
import type { Expression } from '../search/expression'
import type { FoldDamage } from './source-states'
import type { RowProblem } from './stored-object'

/** What kind of store a source reads. */
export type SourceKind = 'jsonl' | 'postgres' | 'sqlite'

/** Which optional operations this source offers; the UI and the CLI hide or refuse the others. */
export interface SourceCapabilities {
  /** Appending with an expected version. */
  readonly append: boolean
  /** Watching for new events (`watch`). */
  readonly watch: boolean
  /** Why the missing ones are missing, in one line ("Emmett's PostgreSQL layout is read-only here"). */
  readonly note: string | null
}

/** One stream as a listing shows it. */
export interface StreamSummary {
  readonly id: string
  readonly type: string | null
  readonly eventCount: number
  /** ISO 8601, or null when the store keeps no time. */
  readonly lastEventAt: string | null
}

export type StreamSort = 'id' | 'eventCount' | 'lastEventAt'

/** A window of the stream listing: keyset paging, so page N costs what page 1 does. */
export interface StreamListQuery {
  readonly sort?: StreamSort
  readonly descending?: boolean
  /** Streams whose id contains this text (case-insensitive). */
  readonly idContains?: string
  /** Streams of exactly this type. */
  readonly type?: string
  readonly limit: number
  /** The `next` of the previous page, or absent for the first. */
  readonly after?: string
}

export interface StreamPage {
  readonly streams: readonly StreamSummary[]
  /** Opaque: pass as `after` for the next page; null after the last page. */
  readonly next: string | null
}

/** One event as a source hands it out: its envelope fields named, its payload exact (big numbers kept). */
export interface SourceEvent {
  readonly streamId: string
  /** 1-based position in its stream. */
  readonly version: number
  /** Position in the store's global order, as decimal text (a database's bigint); null when it has none. */
  readonly globalPosition: string | null
  readonly type: string | null
  readonly id: string | null
  readonly occurredAt: string | null
  readonly payload: ExactJsonObject
  readonly metadata: ExactJsonObject | null
  /** The payload as the store holds it (a JSONL line, a jsonb column's text). */
  readonly raw: string
  /**
   * The payload's own exact text where `raw` holds more than the payload (a JSONL line: the payload
   * member, or a flat line's payload fields as `{…}`); absent where `raw` is the payload's text.
   */
  readonly payloadText?: string
  /**
   * What could not be read as stored (a database row's payload that is no object or no JSON, read as
   * empty): shown in the event's place, as a JSONL line's findings are. Absent: nothing.
   */
  readonly problems?: readonly RowProblem[]
}

/** The state of a stream at a version, rebuilt by the merge patch. */
export interface SourceState {
  readonly streamId: string
  readonly version: number
  readonly eventCount: number
  readonly state: ExactJsonObject
  /** Events up to `version` whose payload could not be read (folded as empty); absent: none. */
  readonly damage?: FoldDamage
  /**
   * The last version the stream's rows hold, where they end before the version asked although the
   * store counts more (`eventCount`): archived, deleted or never-written rows. Absent: they do not.
   */
  readonly rowsEndAt?: number
}

/** Where a store-wide scan starts: after this global position (absent: from the beginning). */
export interface ScanFrom {
  readonly afterGlobalPosition?: string
}

/**
 * What a store-wide search narrows by (search-query.ts's fields, `where` parsed, times in epoch ms).
 * Absent fields do not narrow.
 */
export interface EventFilter {
  readonly streamIds?: readonly string[]
  /** Types of the streams, as the listing shows them ('' for a stream without one). */
  readonly streamTypes?: readonly string[]
  /** Event types ('' for an event without one). */
  readonly eventTypes?: readonly string[]
  /** Inclusive bounds on the event's time, whole milliseconds as Date.parse reads it. */
  readonly since?: number
  readonly until?: number
  /** Case-insensitive text of the stored payload. */
  readonly text?: string
  readonly where?: Expression
}

/** A new event in the store, as `watch` reports it. */
export interface SourceChange {
  readonly streamId: string
  readonly version: number
  readonly globalPosition: string | null
}

export interface WatchOptions {
  /** How often a source that polls looks, in milliseconds. */
  readonly intervalMs?: number
  /** A look that failed (the database stopped, the connection dropped); watching goes on. */
  readonly onError?: (error: unknown) => void
  /** A look succeeded after one or more failed: following goes on, changes meanwhile included. */
  readonly onResumed?: () => void
  /**
   * Watching stopped for good (a SQLite file removed or replaced: the source reads what it opened);
   * no change comes after this. Called once, with a one-line StoreError.
   */
  readonly onEnded?: (error: unknown) => void
  /**
   * Called once the watch knows where the store is, before any change: events appended from then on
   * are reported, so a reader that reads what is there after this misses none.
   */
  readonly onReady?: () => void
}

export interface AppendRequest {
  readonly streamId: string
  readonly events: readonly {
    readonly type: string
    readonly payload: ExactJsonObject
    readonly metadata?: ExactJsonObject
  }[]
  /** The stream's version the writer saw; null appends whatever it is at. */
  readonly expectedVersion: number | null
}

/**
 * One event written as it is by `importEvents`: what another source handed out, nothing made new.
 *
 * Unlike `append`, which gives each event a new id and the time of writing, an import keeps the id,
 * the type, the time and the payload's exact text, so that a copy of a store is the same store and a
 * copy run again can tell by id what is already there.
 */
export interface ImportedEvent {
  /** The event's id as the source held it; null when it had none (a store that needs one derives it). */
  readonly id: string | null
  readonly type: string
  /** The event's time as text, as the source held it (ISO 8601); null when it had none. */
  readonly occurredAt: string | null
  readonly payload: ExactJsonObject
  /**
   * The payload's text as the source held it (key order, number spellings, escapes): it parses to
   * `payload`. A store that keeps text writes these bytes; one that does not (jsonb) keeps them where
   * it can read them back (README "Databases" says where), so a copy back gives the same bytes.
   */
  readonly payloadText: string
  readonly metadata: ExactJsonObject | null
}

export interface ImportRequest {
  readonly streamId: string
  /** The stream's type for a store that keeps one per stream (Emmett's `stream_type`); null: derive it. */
  readonly streamType: string | null
  /**
   * The version the stream is at before these events (0: it does not exist yet). Any other version
   * is a `version_conflict` and nothing is written: a copy checks what is there before it writes.
   */
  readonly expectedVersion: number
  /** In order; they become versions expectedVersion + 1 … expectedVersion + events.length. */
  readonly events: readonly ImportedEvent[]
}

/**
 * A store of event streams. Reads never write; every long read is windowed or streamed, never a whole
 * stream or store in memory at once.
 */
export interface Source {
  readonly kind: SourceKind
  /** How to name the store to a user: a path, or a connection with its password left out. */
  readonly displayName: string
  /**
   * Whose layout a database store is in, for the user: "Emmett", "Marten", "Eventuous", "Message DB",
   * "the table app.ledger" (a mapped one); absent for a directory.
   */
  readonly layoutTitle?: string
  readonly capabilities: SourceCapabilities
  /** A window of the streams, sorted and filtered by the store (an index, not a scan). */
  listStreams(query: StreamListQuery): Promise<StreamPage>
  /** One stream's summary, or null when there is no such stream. */
  stream(id: string): Promise<StreamSummary | null>
  /**
   * Events `from + 1` … `from + limit` of a stream: fewer at its end, and none for a version the store
   * holds no row for (truncated, archived, deleted), never a later version in its place.
   */
  readEvents(id: string, from: number, limit: number): Promise<SourceEvent[]>
  /**
   * Every event of a stream after version `from`, in batches, read with a cursor; with `types`, only
   * the events of those types (the store filters, so the others are never sent).
   */
  streamEvents(
    id: string,
    from: number,
    signal?: AbortSignal,
    types?: readonly string[],
  ): AsyncIterable<readonly SourceEvent[]>
  /** The merge-patch state after `version` (clamped to the stream's end). */
  stateAt(id: string, version: number): Promise<SourceState>
  /**
   * Every event of the listed streams that may match `filter`, in stream id and version order, in
   * batches: all the matches and perhaps more, which the caller tests exactly (source-search.ts).
   * Optional: a source without it is searched stream by stream.
   */
  findEvents?(filter: EventFilter, signal?: AbortSignal): AsyncIterable<readonly SourceEvent[]>
  /** Every event of the store in global order, in batches, read with a cursor. */
  scan(from: ScanFrom, signal?: AbortSignal): AsyncIterable<readonly SourceEvent[]>
  /** Append events with an optimistic check; present only when `capabilities.append`. */
  append?(request: AppendRequest): Promise<{ readonly nextVersion: number }>
  /**
   * Write events keeping their ids, types, times and payload bytes (a copy between stores), in one
   * transaction or lock hold, after checking the stream is at `request.expectedVersion`; present only
   * when the source was opened for writing. Returns the stream's version after the last event.
   */
  importEvents?(request: ImportRequest): Promise<{ readonly nextVersion: number }>
  /**
   * A copy found `streamId`'s events already here (an earlier run's): a store whose bookkeeping an
   * import brings up to date only now and then (a directory's index.json) checks it at its next settle,
   * since that run may have stopped before it did. Optional, with `settleImports`.
   */
  importFound?(streamId: string): Promise<void>
  /** Bring that bookkeeping up to date for everything imported or found; a copy calls it when it ends. */
  settleImports?(): Promise<void>
  /**
   * Call `onChange` for each event appended after the call, in the store's order; present only when
   * `capabilities.watch`. Returns the function that stops watching.
   */
  watch?(onChange: (change: SourceChange) => void, options?: WatchOptions): () => void
  /** Release connections; the source cannot be used afterwards. */
  close(): Promise<void>
}
