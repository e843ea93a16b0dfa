// The IPC contract: every request channel with its input and output schema, every push event with its
// payload schema. Main and the browser-shell host validate every input against it; the renderer uses
// the inferred types. Channel names live in `channels.ts` so the preload can use them without zod.

import { z } from 'zod'
import type { PushEvent, RequestChannel } from './channels'
import { commandIds } from './commands'

const json = z.json()
export type Json = z.infer<typeof json>

const aggregateId = z.string().min(1).max(1024)
const version = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)
const offset = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)
const limit = z.number().int().min(1).max(1000)

export const envelopeStyle = z.object({
  /** "flat" (payload fields at the top level, the seed's style), "data" or "payload". */
  payload: z.enum(['flat', 'data', 'payload']),
  typeField: z.string().nullable(),
  idField: z.string().nullable(),
  timeField: z.string().nullable(),
  aggregateIdField: z.string().nullable(),
})
export type EnvelopeStyle = z.infer<typeof envelopeStyle>

export const problemKind = z.enum([
  'bad_line',
  'torn_tail',
  'not_object',
  'invalid_utf8',
  'line_too_long',
  'missing_type',
  'aggregate_mismatch',
  'index_count_mismatch',
  'index_last_event_mismatch',
  'missing_from_index',
  'missing_stream',
  'index_unreadable',
  'symlink_skipped',
  'not_a_file',
  'unreadable_stream',
  'stray_bom',
  'missing_id',
  'missing_time',
  'duplicate_event_id',
  'time_backwards',
  'index_total_mismatch',
  'blank_line',
  'too_deep',
  'payload_not_object',
  'number_out_of_range',
  'leftover_temp_file',
])
export type ProblemKind = z.infer<typeof problemKind>

export const problem = z.object({
  kind: problemKind,
  severity: z.enum(['error', 'warning']),
  /** 1-based line number in the stream file, or null for store-level findings. */
  line: z.number().int().nullable(),
  /** Byte offset of the line's first byte, or null. */
  offset: z.number().int().nullable(),
  message: z.string(),
  /** A short, bounded excerpt of the offending text. */
  snippet: z.string().nullable(),
})
export type Problem = z.infer<typeof problem>

export const aggregateStatus = z.enum(['pending', 'ok', 'warning', 'error'])
export type AggregateStatus = z.infer<typeof aggregateStatus>

export const aggregateRow = z.object({
  id: aggregateId,
  type: z.string().nullable(),
  /** Valid events counted in the stream; null until the stream has been read. */
  eventCount: z.number().int().nullable(),
  /** What index.json claims; null when the index has no entry. */
  indexedCount: z.number().int().nullable(),
  lastEventAt: z.string().nullable(),
  status: aggregateStatus,
  /** One-line descriptions of what is wrong, empty when nothing is. */
  issues: z.array(z.string()),
})
export type AggregateRow = z.infer<typeof aggregateRow>

/** What kind of store is open: a JSONL directory or a database. */
export const sourceKind = z.enum(['jsonl', 'postgres', 'sqlite'])
export type SourceKind = z.infer<typeof sourceKind>

/** An optional capability of the open store: whether it has it, and if not, why, in one line to show. */
export const storeCapability = z.object({ available: z.boolean(), reason: z.string().nullable() })
export type StoreCapability = z.infer<typeof storeCapability>

/**
 * What the open store can do beyond reading (which every store does: list, timeline, state, search,
 * export, the store-wide questions). The page hides or disables what is missing and shows its reason.
 */
export const storeCapabilities = z.object({
  /** events.append / events.preview / events.template. */
  append: storeCapability,
  /** Follow: onStoreChanged when another program writes. */
  follow: storeCapability,
  /** store.verify. */
  verify: storeCapability,
  /** store.repair. */
  repair: storeCapability,
  /** store.reindex. */
  reindex: storeCapability,
  /** Custom reducers and invariants kept in the store's `.eventscope/` folder (store.trust). */
  reducers: storeCapability,
})
export type StoreCapabilities = z.infer<typeof storeCapabilities>
export type StoreCapabilityName = keyof StoreCapabilities

/** Which store is open and what it can do. */
export const storeSource = z.object({
  kind: sourceKind,
  /** How to name the store to the user: its path, or "PostgreSQL at host:port/db" (never a password). */
  name: z.string(),
  /**
   * Whose tables a database store is in ("Emmett", "Marten", "Eventuous", "Message DB", or "the table
   * app.ledger" for a mapped one), shown in the header; null for a directory.
   */
  layout: z.string().max(300).nullable(),
  capabilities: storeCapabilities,
})
export type StoreSource = z.infer<typeof storeSource>

/** What reading a store has found so far (a JSONL store's own part of the summary: store/open-store.ts). */
export const storeFacts = z.object({
  /** The directory, or for a database its address without a password (shared/store-address.ts). */
  dir: z.string(),
  style: envelopeStyle.nullable(),
  aggregates: z.number().int(),
  /** Events counted in the streams read so far (all of them once reconciled). */
  events: z.number().int(),
  /** `total_events` from index.json, or null when there is no usable index. */
  indexedEvents: z.number().int().nullable(),
  /** `reading`: a big store's index.json is read right behind its first rows (an update follows). */
  index: z.enum(['ok', 'missing', 'unreadable', 'reading']),
  reconciled: z.boolean(),
  /** Store-level findings: index disagreements and unreadable files. */
  problems: z.array(problem),
  /**
   * Every finding reading the store has made so far, by severity: each stream's line findings, each
   * index disagreement and the store-level ones. What the health badge counts, as `verify` does.
   */
  findings: z.object({ errors: z.number().int(), warnings: z.number().int() }),
})
export type StoreFacts = z.infer<typeof storeFacts>

/** The open store as the page sees it: what reading it found, and which kind of store it is. */
export const storeSummary = storeFacts.extend({ source: storeSource })
export type StoreSummary = z.infer<typeof storeSummary>

export const sortColumn = z.enum(['id', 'type', 'eventCount', 'lastEventAt', 'status'])
export type SortColumn = z.infer<typeof sortColumn>

/**
 * What could not be read of a database row as stored (its payload no JSON, or no object; its metadata
 * no JSON): the event is shown with its payload read as empty, and this beside it.
 */
export const rowProblem = z.object({
  severity: z.enum(['error', 'warning']),
  message: z.string(),
})
export type RowProblem = z.infer<typeof rowProblem>

export const timelineEvent = z.object({
  kind: z.literal('event'),
  row: z.number().int(),
  version: z.number().int(),
  line: z.number().int(),
  type: z.string().nullable(),
  occurredAt: z.string().nullable(),
  id: z.string().nullable(),
  summary: z.string(),
  /** The asked-for payload fields, one short text each (null: the event has no such field). */
  cells: z.array(z.string().nullable()).optional(),
  /** A database row's problems (absent: none): shown on its row. */
  problems: z.array(rowProblem).optional(),
})
export const timelineProblem = z.object({
  kind: z.literal('problem'),
  row: z.number().int(),
  problem,
})
/**
 * A database stream's version the store counts but holds no row for (truncated, archived, deleted or
 * never written): shown in its place, so every version keeps its row (row = version - 1).
 */
export const timelineGap = z.object({
  kind: z.literal('gap'),
  row: z.number().int(),
  version: z.number().int(),
  message: z.string(),
})
export const timelineRow = z.discriminatedUnion('kind', [timelineEvent, timelineProblem, timelineGap])
export type TimelineRow = z.infer<typeof timelineRow>

/**
 * Numbers a value holds exactly as written where a double would print them otherwise (integers beyond
 * 2^53, `1.0`, `-0.0`, `1E5`, `0.10`, `1e400`): JSON Pointer (RFC 6901, into the value beside it) -> the
 * literal. The value itself has the nearest number there (null beyond the double range); show these.
 */
export const exactIntegers = z.record(
  z.string(),
  z.string().regex(/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/),
)
export type ExactIntegers = z.infer<typeof exactIntegers>

export const normalizedEvent = z.object({
  version: z.number().int(),
  line: z.number().int(),
  type: z.string().nullable(),
  occurredAt: z.string().nullable(),
  id: z.string().nullable(),
  aggregateId: z.string().nullable(),
  payload: z.record(z.string(), json),
  metadata: z.record(z.string(), json).nullable(),
  raw: z.string(),
  /** Numbers of the payload kept as written (`1.0`, `-0.0`, beyond 2^53…), by pointer into `payload`. */
  exact: exactIntegers.optional(),
  /** The same for `metadata`. */
  exactMetadata: exactIntegers.optional(),
  /** A database row's problems (absent: none), and its payload's text as stored when it has one. */
  problems: z.array(rowProblem).optional(),
  storedPayload: z.string().optional(),
})
export type NormalizedEvent = z.infer<typeof normalizedEvent>

export const change = z.object({
  path: z.array(z.string()),
  kind: z.enum(['added', 'removed', 'changed']),
  before: json.optional(),
  after: json.optional(),
  /** Exact digits of big integers in `before` and `after` (pointers into each; `''` is the value). */
  exactBefore: exactIntegers.optional(),
  exactAfter: exactIntegers.optional(),
})
export type Change = z.infer<typeof change>

// Custom reducers, projections and store-wide questions (electron/core/api/insight-handlers.ts).

export const reducerChoice = z.enum(['auto', 'merge-patch', 'custom'])

export const replayFailure = z.object({
  /** The event the reducer failed on; the state shown is the one before it. */
  version: z.number().int(),
  eventType: z.string().nullable(),
  kind: z.enum(['threw', 'timeout', 'memory', 'stack', 'not_json', 'load', 'error']),
  message: z.string(),
  /** `Account.js:12:7`, where QuickJS gave a stack. */
  location: z.string().nullable(),
})
export type ReplayFailureDto = z.infer<typeof replayFailure>

export const reducerStatus = z.object({
  aggregateId: z.string(),
  aggregateType: z.string().nullable(),
  dir: z.string(),
  trusted: z.boolean(),
  /** The reducer states are computed with. */
  reducer: z.object({
    kind: z.enum(['merge-patch', 'custom']),
    label: z.string(),
    file: z.string().nullable(),
    source: z.enum(['default', 'store', 'explicit']),
  }),
  /** A store reducer for this type that is not run because the directory is not trusted. */
  untrustedFile: z.string().nullable(),
  /** Why the custom reducer could not be loaded (the merge patch is used meanwhile). */
  loadError: z.string().nullable(),
})
export type ReducerStatusDto = z.infer<typeof reducerStatus>

const noInput = z.object({}).strict()
const eventTypeName = z.string().min(1).max(512)
/**
 * Names a long request (search, projection, export, verification), chosen by the window so it can
 * cancel it (task.cancel) before the answer arrives; progress reports carry it too.
 */
const taskId = z.string().min(1).max(100)
const isoTime = z.iso.datetime({ offset: true })

export const searchMatch = z.object({
  aggregateId: z.string(),
  version: z.number().int(),
  type: z.string().nullable(),
  occurredAt: z.string().nullable(),
  payload: json,
  /** Digits of the payload's integers beyond 2^53, by pointer into it (see exactIntegers). */
  exact: exactIntegers.optional(),
})
export type SearchMatchDto = z.infer<typeof searchMatch>

/** Lines of the store that hold no event, which a whole-store answer (search, projection) leaves out. */
export const linesLeftOut = z.object({
  lines: z.number().int(),
  streams: z.number().int(),
  /** The first such line met. */
  first: z.object({ aggregateId, line: z.number().int(), message: z.string() }).nullable(),
})
export type LinesLeftOut = z.infer<typeof linesLeftOut>

export const projectionFailure = z.object({
  kind: z.string(),
  message: z.string(),
  location: z.string().nullable(),
  aggregateId: z.string().nullable(),
  version: z.number().int().nullable(),
  eventType: z.string().nullable(),
})

export const correlatedEvent = z.object({
  aggregateId: z.string(),
  version: z.number().int(),
  type: z.string().nullable(),
  id: z.string().nullable(),
  occurredAt: z.string().nullable(),
  causationId: z.string().nullable(),
  payload: json,
})

export const histogram = z.object({
  unit: z.enum(['hour', 'day', 'week']),
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** Event types by total, largest first; each bucket's `counts` follow this order. */
  types: z.array(z.string()),
  buckets: z.array(
    z.object({ start: z.string(), total: z.number().int(), counts: z.array(z.number().int()) }),
  ),
  untimed: z.number().int(),
})
export type HistogramDto = z.infer<typeof histogram>

const insightContract = {
  'reducer.status': {
    input: z.object({ aggregateId }).strict(),
    output: reducerStatus,
  },
  'store.trust': {
    input: z.object({ trusted: z.boolean() }).strict(),
    output: z.object({ dir: z.string(), trusted: z.boolean() }),
  },
  'state.diff': {
    input: z
      .object({ aggregateId, fromVersion: version, toVersion: version, reducer: reducerChoice.optional() })
      .strict(),
    output: z.object({
      aggregateId,
      /** The versions compared: those asked for, or the one before a failing event. */
      fromVersion: version,
      toVersion: version,
      changes: z.array(change),
      failure: replayFailure.nullable(),
      reducer: reducerStatus,
    }),
  },
  'projection.list': {
    input: noInput,
    output: z.object({
      builtin: z.array(z.object({ name: z.string(), label: z.string() })),
      /** `.eventscope/projections/<name>.js` of the open store. */
      custom: z.array(z.object({ name: z.string(), file: z.string() })),
      trusted: z.boolean(),
    }),
  },
  'projection.run': {
    input: z
      .object({
        taskId,
        kind: z.enum(['builtin', 'custom']),
        name: z.string().min(1).max(200),
      })
      .strict(),
    // Stopped (task.cancel, another store): the error `cancelled`, as every long request.
    output: z.object({
      /** An array of objects shows as a table, anything else as a JSON tree. */
      result: json,
      events: z.number().int(),
      failure: projectionFailure.nullable(),
      /** Lines the projection was not given: they hold no event. */
      leftOut: linesLeftOut,
    }),
  },
  'search.run': {
    input: z
      .object({
        taskId,
        eventTypes: z.array(eventTypeName).max(1000).optional(),
        aggregateTypes: z.array(z.string().min(1).max(512)).max(1000).optional(),
        aggregateIds: z.array(aggregateId).max(100_000).optional(),
        since: isoTime.optional(),
        until: isoTime.optional(),
        /** The payload predicate: `payload.amount > 100 and exists(payload.reason)`. */
        where: z.string().max(10_000).optional(),
        /** Case-insensitive substring of the raw line. */
        text: z.string().max(10_000).optional(),
        limit: z.number().int().min(1).max(10_000).optional(),
      })
      .strict(),
    output: z.object({
      taskId,
      matches: z.array(searchMatch),
      /** More matches exist beyond `limit`. */
      truncated: z.boolean(),
      scannedBytes: z.number().int(),
      totalBytes: z.number().int(),
      /** Lines that might have matched (they hold the query's bytes) but hold no event: not searched. */
      leftOut: linesLeftOut,
    }),
  },
  'correlation.list': {
    input: z.union([
      z.object({ correlationId: z.string().min(1).max(1024) }).strict(),
      /** The correlation id of this event. */
      z.object({ aggregateId, version: version.min(1) }).strict(),
    ]),
    output: z.object({
      correlationId: z.string().nullable(),
      events: z.array(correlatedEvent),
      /** Lines that hold the id's bytes but no event: they could not be followed. */
      leftOut: linesLeftOut,
    }),
  },
  'store.histogram': {
    input: z
      .object({
        since: isoTime.optional(),
        until: isoTime.optional(),
        unit: z.enum(['hour', 'day', 'week']).optional(),
      })
      .strict(),
    output: histogram,
  },
  'store.asOf': {
    input: z
      .object({
        at: isoTime,
        offset: offset.optional(),
        limit: z.number().int().min(1).max(100_000).optional(),
      })
      .strict(),
    output: z.object({
      at: z.string(),
      /** Aggregates with at least one event by then. */
      total: z.number().int(),
      aggregates: z.array(
        z.object({
          aggregateId: z.string(),
          type: z.string().nullable(),
          /** Events at or before `at`: replay to this version (state.at) for the state then. */
          version: z.number().int(),
          eventCount: z.number().int(),
          lastEventAt: z.string().nullable(),
          untimed: z.number().int(),
        }),
      ),
    }),
  },
} as const

// The debugger's questions over replayed history (electron/core/api/check-handlers.ts): invariants over
// the store, breakpoint hits and watch values over one stream. Expressions are the `--where` language
// with `state`, `prev`, `event`, `changed()`, `from() to()` (README "Expressions", `eventscope help check`).

const expressionText = z.string().min(1).max(10_000)

export const invariantInput = z
  .object({
    expression: expressionText,
    /** Aggregate types it applies to; absent or empty: every type. */
    types: z.array(z.string().min(1).max(512)).max(100).optional(),
    name: z.string().min(1).max(200).optional(),
  })
  .strict()

export const checkViolation = z.object({
  /** Index into the answer's `invariants`. */
  invariant: z.number().int(),
  aggregateId: z.string(),
  aggregateType: z.string().nullable(),
  /** The first version at which the invariant did not hold: open the aggregate here. */
  version: z.number().int(),
  event: z.object({
    id: z.string().nullable(),
    type: z.string().nullable(),
    occurredAt: z.string().nullable(),
    payload: json,
    exact: exactIntegers.optional(),
  }),
  /** The state before the event (version - 1) and after it (version). */
  before: json,
  after: json,
  exactBefore: exactIntegers.optional(),
  exactAfter: exactIntegers.optional(),
})
export type CheckViolationDto = z.infer<typeof checkViolation>

export const watchValue = z.object({
  expression: z.string(),
  /** The value at the version; absent when the expression names nothing there (or has an error). */
  value: json.optional(),
  exact: exactIntegers.optional(),
  /** A malformed expression: the message with its column. */
  error: z.string().nullable(),
})
export type WatchValueDto = z.infer<typeof watchValue>

export const breakpointHits = z.object({
  expression: z.string(),
  /** Versions (1..eventCount) where the expression is true, ascending, at most `maxHits`. */
  versions: z.array(z.number().int()),
  truncated: z.boolean(),
  error: z.string().nullable(),
})
export type BreakpointHitsDto = z.infer<typeof breakpointHits>

/** Most versions one breakpoint reports: hit marks beyond that are not readable on a track anyway. */
export const maxHits = 100_000

const checkContract = {
  'check.run': {
    input: z
      .object({
        taskId,
        /** Absent: the store's `.eventscope/invariants.json` (no such file: the error `not_found`). */
        invariants: z.array(invariantInput).min(1).max(100).optional(),
      })
      .strict(),
    // Stopped (task.cancel, another store): the error `cancelled`. Progress: onProgress (bytes).
    output: z.object({
      taskId,
      invariants: z.array(z.object({ name: z.string(), expression: z.string(), types: z.array(z.string()) })),
      source: z.enum(['request', 'store']),
      /** Aggregates at least one invariant applied to, and the versions checked. */
      aggregates: z.number().int(),
      events: z.number().int(),
      /** Per aggregate and invariant broken, its first violation; aggregate-id order. */
      violations: z.array(checkViolation),
      /** More violations than the answer carries (the first 10,000 are kept). */
      truncated: z.boolean(),
      /** Custom reducers that failed: those aggregates were checked up to the event before. */
      failures: z.array(
        z.object({ aggregateId: z.string(), aggregateType: z.string().nullable(), failure: replayFailure }),
      ),
      /** Store reducers not run because the directory is not trusted (states by merge patch). */
      untrustedReducers: z.array(z.string()),
      /** Lines that hold no event, met among the versions walked: no state was checked for them. */
      leftOut: linesLeftOut,
    }),
  },
  'stream.hits': {
    input: z
      .object({
        aggregateId,
        /** Each breakpoint's versions; a malformed one gets its `error`, the others still answer. */
        breakpoints: z.array(expressionText).max(50).optional(),
        /** Each watch's value at `at`. */
        watches: z.array(expressionText).max(50).optional(),
        /** The version watches are read at (default: the latest). */
        at: version.optional(),
        reducer: reducerChoice.optional(),
        /** Names the walk over the stream for task.cancel; a newer stream.hits supersedes it anyway. */
        taskId: taskId.optional(),
      })
      .strict(),
    output: z.object({
      aggregateId,
      eventCount: z.number().int(),
      breakpoints: z.array(breakpointHits),
      /** The version the watches were read at: `at`, or the one before a custom reducer's failure. */
      at: version,
      watches: z.array(watchValue),
      /** A custom reducer failed: hits stop before this event, watches read at the version before. */
      failure: replayFailure.nullable(),
      reducer: reducerStatus,
    }),
  },
} as const

export const streamInfo = z.object({
  aggregateId,
  type: z.string().nullable(),
  style: envelopeStyle.nullable(),
  eventCount: z.number().int(),
  /** Events plus problem rows: the length of the timeline. */
  rowCount: z.number().int(),
  /** Problems in line order with the timeline row each one occupies (capped; see problemCount). */
  problems: z.array(z.object({ row: z.number().int(), problem })),
  problemCount: z.number().int(),
  firstEventAt: z.string().nullable(),
  lastEventAt: z.string().nullable(),
  /**
   * A database stream whose rows start after version 1 (truncated, archived): the first version the
   * store holds a row for, eventCount + 1 when it holds none. Absent: its rows start at 1.
   */
  rowsFrom: z.number().int().optional(),
})
export type StreamInfo = z.infer<typeof streamInfo>

const empty = z.object({}).strict()

export const verifyFinding = problem.extend({
  /** The aggregate the finding is about; null for store-level findings (total_events, links). */
  aggregateId: z.string().nullable(),
  /** The file it is about, relative to the store directory (a stream, or index.json). */
  file: z.string().nullable(),
})
export type VerifyFinding = z.infer<typeof verifyFinding>

export const verifyReport = z.object({
  /** No finding of severity error (warnings allowed). */
  ok: z.boolean(),
  aggregates: z.number().int(),
  events: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
  /** Distinct aggregates with at least one finding. */
  affectedAggregates: z.number().int(),
  /** The findings in file order, the first `maxVerifyFindings` of `problemCount`. */
  problems: z.array(verifyFinding),
  problemCount: z.number().int(),
})
export type VerifyReportDto = z.infer<typeof verifyReport>

export const repairReport = z.object({
  dryRun: z.boolean(),
  /** Torn last lines cut (or, for a dry run, that would be), each after a backup next to its stream. */
  actions: z.array(
    z.object({
      aggregateId: z.string(),
      file: z.string(),
      line: z.number().int(),
      cutAt: z.number().int(),
      bytesRemoved: z.number().int(),
      backup: z.string(),
    }),
  ),
  /** Leftover `.index.json.*.tmp` files of killed writers removed (a dry run: that would be). */
  removedTemps: z.array(z.string()),
  /** Bad lines in the middle of streams, which repair never deletes. */
  leftAlone: z.array(
    z.object({
      aggregateId: z.string(),
      file: z.string(),
      line: z.number().int(),
      kind: z.string(),
      message: z.string(),
    }),
  ),
})
export type RepairReportDto = z.infer<typeof repairReport>

export const reindexReport = z.object({
  dryRun: z.boolean(),
  before: z.enum(['missing', 'ok', 'corrupt']),
  /** Where an unreadable index.json was copied (file name in the store), when it was. */
  corruptCopy: z.string().nullable(),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  updated: z.array(z.string()),
  totalBefore: z.number().int().nullable(),
  totalAfter: z.number().int(),
  /** Whether index.json was (or, for a dry run, would be) rewritten. */
  written: z.boolean(),
  /** Leftover `.index.json.*.tmp` files of killed writers removed (a dry run: that would be). */
  removedTemps: z.array(z.string()),
})
export type ReindexReportDto = z.infer<typeof reindexReport>

const jsonObject = z.record(z.string(), json)
const eventType = z.string().min(1).max(512)

export const exportFormat = z.enum(['jsonl', 'json', 'csv', 'store', 'state'])
export type ExportFormat = z.infer<typeof exportFormat>

export const exportSpec = z
  .object({
    taskId,
    format: exportFormat,
    /** Aggregates to export; empty: every aggregate of the store. */
    aggregateIds: z.array(aggregateId).max(100_000),
    types: z.array(eventType).max(1000).optional(),
    since: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
    /** For `state`: the version whose rebuilt state is exported (one aggregate). */
    version: version.optional(),
    /**
     * For `csv`: cells starting with = + - @, tab or CR (a spreadsheet formula) get a leading `'`
     * (neutralize, the default) or are written as they are (keep).
     */
    csvFormulas: z.enum(['neutralize', 'keep']).optional(),
  })
  .strict()
export type ExportSpec = z.infer<typeof exportSpec>

const appendInput = z
  .object({
    aggregateId,
    eventType,
    payload: jsonObject,
    /** Digits of the payload's integers beyond 2^53, by pointer into it: written exactly. */
    exact: exactIntegers.optional(),
    /**
     * The payload as the user typed it. A parsed object has lost what JSON.parse drops (integer-like
     * keys move first, `1.0` becomes `1`); main writes this text's keys and literals after checking it
     * holds the same values as `payload` (core/write/typed-payload.ts).
     */
    payloadText: z
      .string()
      .max(8 * 1024 * 1024)
      .optional(),
    metadata: jsonObject.nullable().optional(),
    /** The version the stream must be at; null: no check. */
    expectedVersion: version.nullable().optional(),
    eventId: z.string().min(1).max(200).optional(),
  })
  .strict()
export type AppendInput = z.infer<typeof appendInput>

/**
 * An opaque handle for a directory main chose: random per run (a v4 UUID), never persisted. The page
 * opens directories by these ids, so it never names a path main did not hand it.
 */
export const directoryId = z.uuid()

/**
 * A directory main handed out: its id, and its real path for display only. For a database, its address
 * without a password (main keeps the whole address behind the id).
 */
export const directoryChoice = z.object({ id: directoryId, path: z.string() })
export type DirectoryChoice = z.infer<typeof directoryChoice>

/**
 * What the page may ask to open: an id main handed out (for a directory or a database address), or
 * (browser shell only) a typed path under --root, or a path relative to the roots as a link names it
 * (shared/place-link.ts; '' is the first root), or a typed database address (`postgres://…`,
 * `sqlite:PATH`: shared/store-address.ts) where the shell takes one (`app.info` canTypeAddress).
 */
const aggregateSort = z.object({ column: sortColumn, direction: z.enum(['asc', 'desc']) }).strict()

/**
 * The first rows the page will show of the store it opens (its sort and filter), asked with the
 * opening: they come back in the same answer (`firstRows`), one round trip and one render sooner.
 */
const firstRowsQuery = z.object({ limit, sort: aggregateSort, filter: z.string().max(1024) }).strict()

/** One window of the aggregates table, as `aggregates.window` answers. */
const aggregatesWindow = z.object({
  total: z.number().int(),
  unfiltered: z.number().int(),
  offset,
  rows: z.array(aggregateRow),
})

export const openTarget = z.union([
  z.object({ directoryId, firstRows: firstRowsQuery.optional() }).strict(),
  z.object({ dir: z.string().min(1).max(4096), firstRows: firstRowsQuery.optional() }).strict(),
  z.object({ rootPath: z.string().max(4096), firstRows: firstRowsQuery.optional() }).strict(),
  z.object({ address: z.string().min(1).max(4096), firstRows: firstRowsQuery.optional() }).strict(),
])
export type OpenTarget = z.infer<typeof openTarget>

export const contract = {
  ...insightContract,
  ...checkContract,
  'app.info': {
    input: empty,
    output: z.object({
      shell: z.enum(['electron', 'browser']),
      version: z.string(),
      initialDir: directoryChoice.nullable(),
      recentDirs: z.array(directoryChoice),
      canPickDirectory: z.boolean(),
      /** Whether `store.open` takes a typed `{ dir }` (the browser shell, under its roots). */
      canTypePath: z.boolean(),
      /** Whether `store.open` takes a typed `{ address }` of a database; absent: it does not. */
      canTypeAddress: z.boolean().optional(),
      /**
       * The place the shell was started at (`eventscope open DIR --aggregate ID --at N`, an
       * `eventscope://` link), as link text (shared/place-link.ts) in `initialDir`; null for none.
       */
      initialPlace: z.string().max(65_536).nullable().optional(),
      /** How a link names `initialDir` (its path under the browser shell's roots), so the page opens it by id. */
      initialRootPath: z.string().nullable().optional(),
    }),
  },
  'store.pickDirectory': {
    input: empty,
    /** Null when the user cancels the dialog. */
    output: directoryChoice.nullable(),
  },
  'store.open': {
    input: openTarget,
    /**
     * The summary, the id of the opened directory (for the recent list), and when the directory holds
     * no store (no index.json, no stream file), the subfolders that do, to be offered instead.
     */
    output: storeSummary.extend({
      directoryId,
      /** How a link names this store: its path relative to the shell's roots (browser shell), else null. */
      rootPath: z.string().nullable().optional(),
      notAStore: z.object({ storesBelow: z.array(directoryChoice) }).nullable(),
      /** The rows `firstRows` asked for, from offset 0; absent when not asked. */
      firstRows: aggregatesWindow.optional(),
    }),
  },
  'aggregates.window': {
    input: z
      .object({
        offset,
        limit,
        sort: aggregateSort,
        filter: z.string().max(1024),
        /** Only aggregates with at least one event in this time range (the histogram's selection). */
        activeSince: isoTime.optional(),
        activeUntil: isoTime.optional(),
      })
      .strict(),
    output: aggregatesWindow,
  },
  'stream.open': {
    input: z.object({ aggregateId }).strict(),
    output: streamInfo,
  },
  'stream.window': {
    input: z
      .object({
        aggregateId,
        offset,
        limit,
        /** Payload fields (dotted paths) to show as the timeline's columns: each event row gets `cells`. */
        fields: z.array(z.string().min(1).max(256)).max(12).optional(),
      })
      .strict(),
    output: z.object({ aggregateId, rowCount: z.number().int(), offset, rows: z.array(timelineRow) }),
  },
  'event.get': {
    input: z.object({ aggregateId, version: version.min(1) }).strict(),
    output: normalizedEvent,
  },
  /** A damaged line of the stream, whole (up to 1 MiB), its bytes that are not UTF-8 shown as hex. */
  'stream.line': {
    input: z.object({ aggregateId, line: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }).strict(),
    output: z.object({
      aggregateId,
      line: z.number().int(),
      offset: z.number().int(),
      shownBytes: z.number().int(),
      truncated: z.boolean(),
      segments: z.array(z.union([z.object({ text: z.string() }), z.object({ bytes: z.string() })])),
    }),
  },
  'state.at': {
    input: z.object({ aggregateId, version, reducer: reducerChoice.optional() }).strict(),
    output: z.object({
      aggregateId,
      version,
      eventCount: z.number().int(),
      state: json,
      /** Exact digits of the integers beyond 2^53 in `state`; absent when it holds none. */
      exact: exactIntegers.optional(),
      /** What the event at `version` changed; empty at version 0. */
      changes: z.array(change),
      /** Where a custom reducer stopped: `version` is then the one before the failing event. */
      failure: replayFailure.nullable().optional(),
      reducer: reducerStatus.optional(),
    }),
  },
  'events.types': {
    input: empty,
    output: z.object({
      types: z.array(
        z.object({ type: z.string(), count: z.number().int(), aggregateType: z.string().nullable() }),
      ),
    }),
  },
  'events.template': {
    input: z.object({ eventType, aggregateId: aggregateId.optional() }).strict(),
    output: z.object({
      payload: jsonObject.nullable(),
      /**
       * The payload's text as the event's line has it (key order, number literals as written),
       * re-indented by 2 spaces: what the form shows, so an untouched template appends the same data.
       */
      payloadText: z.string().optional(),
    }),
  },
  'events.preview': {
    input: z
      .object({
        aggregateId,
        payload: jsonObject,
        exact: exactIntegers.optional(),
        /** The payload as typed, previewed as append writes it (core/write/typed-payload.ts). */
        payloadText: z
          .string()
          .max(8 * 1024 * 1024)
          .optional(),
      })
      .strict(),
    output: z.object({ version, state: json, exact: exactIntegers.optional(), changes: z.array(change) }),
  },
  'events.append': {
    input: appendInput,
    output: z.object({ aggregateId, version, event: jsonObject, duplicate: z.boolean() }),
  },
  'export.run': {
    input: exportSpec,
    output: z.discriminatedUnion('status', [
      z.object({
        status: z.literal('saved'),
        path: z.string(),
        events: z.number().int(),
        skippedLines: z.number().int(),
        bytes: z.number().int(),
        /** A database's store export: streams numbered from 1 although the database skips versions. */
        renumberedStreams: z.number().int().optional(),
      }),
      z.object({ status: z.literal('download'), url: z.string() }),
      /** The user closed the save dialog: nothing ran. */
      z.object({ status: z.literal('dismissed') }),
    ]),
  },
  'store.verify': {
    input: z.object({ taskId }).strict(),
    output: verifyReport,
  },
  'task.cancel': {
    input: z.object({ taskId }).strict(),
    /** Whether a task was running under that id; it then answers the error `cancelled`. */
    output: z.object({ cancelled: z.boolean() }),
  },
  'store.repair': {
    input: z.object({ dryRun: z.boolean() }).strict(),
    output: repairReport,
  },
  'store.reindex': {
    input: z.object({ dryRun: z.boolean() }).strict(),
    output: reindexReport,
  },
} as const satisfies Record<RequestChannel, { input: z.ZodType; output: z.ZodType }>

export const events = {
  onStoreChanged: z.object({
    summary: storeSummary,
    /** Aggregates whose streams changed, so open views can refresh. */
    aggregateIds: z.array(z.string()),
  }),
  onProgress: z.object({
    /** The task the report is about: the id the window started it with, or one main chose. */
    taskId: z.string(),
    /** What it is doing, for the window to show ("Searching", "Reading streams"). */
    task: z.string(),
    done: z.number(),
    total: z.number().nullable(),
  }),
  onCommand: z.object({ id: z.enum(commandIds) }),
  /** The desktop app was handed an `eventscope://` link: open `directory` at `place` (link text). */
  onLinkOpened: z.object({ directory: directoryChoice, place: z.string().max(65_536) }),
  /**
   * One line about the store `dir` names (its summary's `dir`), shown until the next notice: following
   * a database paused (it went away; looked for again) or stopped (a SQLite file removed). `message`
   * null: following goes on again, nothing to show.
   */
  onStoreNotice: z.object({ dir: z.string(), message: z.string().max(2000).nullable() }),
  /**
   * The browser shell wrote the export a download asked for (by the export.run's `taskId`) and starts
   * sending it: what it holds, as a saved export's answer says, since the page cannot read the
   * download's own answer.
   */
  onDownloadReady: z.object({
    taskId,
    events: z.number().int(),
    skippedLines: z.number().int(),
    renumberedStreams: z.number().int().optional(),
  }),
} as const satisfies Record<PushEvent, z.ZodType>

export type Contract = typeof contract
export type ChannelInput<C extends RequestChannel> = z.input<Contract[C]['input']>
export type ChannelOutput<C extends RequestChannel> = z.infer<Contract[C]['output']>
export type EventPayload<E extends PushEvent> = z.infer<(typeof events)[E]>

/** The typed API both shells offer the renderer: one object in, one Promise out, per channel. */
export type EventscopeApi = { [C in RequestChannel]: (input: ChannelInput<C>) => Promise<ChannelOutput<C>> }

/** What a shell implements: the same shape, fed validated input. */
export type Handlers = {
  [C in RequestChannel]: (input: z.infer<Contract[C]['input']>) => Promise<ChannelOutput<C>>
}
