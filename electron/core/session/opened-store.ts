// What the explorer's session asks of the store it has open, whatever its kind: the seam between the
// session (explorer-session.ts), which both shells and the CLI drive, and the two kinds of store
// behind it, a JSONL directory (directory-store.ts) and a database (database-store.ts).
//
// Every channel the page uses about the store's contents is a method here, answered in the contract's
// shapes; what one kind lacks is refused by `require` with the summary's one-line reason. Each store
// also exposes the generic Source (source/source.ts) over the same store, so a store-wide question
// written once against Source can be asked of either. The byte positions, index.json, the scan cache
// and the watchers of a directory stay inside the directory's store.

import type {
  AggregateRow,
  AppendInput,
  ChannelOutput,
  ExactIntegers,
  ExportSpec,
  NormalizedEvent,
  StoreCapabilityName,
  StoreSummary,
  StreamInfo,
} from '../../../shared/contract'
import type { ExportResult } from '../export/run-export'
import type { JsonObject } from '../json/json-value'
import type { StateAtVersion } from '../replay/replay'
import type { Source } from '../source/source'
import type { WindowQuery } from '../store/aggregate-catalog'

/** The kinds of open store: each answers the same questions, some of them otherwise (api/). */
export type OpenedStoreKind = 'directory' | 'database'

export interface StreamWindowInput {
  readonly aggregateId: string
  readonly offset: number
  readonly limit: number
  readonly fields?: readonly string[] | undefined
}

export interface PreviewInput {
  readonly aggregateId: string
  readonly payload: JsonObject
  readonly exact?: ExactIntegers | undefined
  readonly payloadText?: string | undefined
}

/** An export of events (every format but `state`, which the session writes from a state). */
export type EventsExportSpec = ExportSpec & { readonly format: Exclude<ExportSpec['format'], 'state'> }

export interface ExportOptions {
  readonly signal?: AbortSignal
  readonly onProgress?: (done: number, total: number) => void
}

/** A state at a version, with its stream's event count; integers beyond 2^53 exact (bigints). */
export type StateAnswer = StateAtVersion & { aggregateId: string; eventCount: number }

/** One open store, as the session talks to it. */
export interface OpenedStore {
  readonly kind: OpenedStoreKind
  /** The same store as a generic Source: store-wide questions written against Source work on it. */
  readonly source: Source
  summary(): StoreSummary
  /** Resolves once every stream has been read (a directory) or listed (a database). */
  whenReconciled(): Promise<StoreSummary>
  /** Every aggregate id, sorted: for a failure's message. */
  aggregateIds(): Promise<string[]>
  /** Every aggregate row, sorted by id (a database's waits for its whole listing). */
  aggregates(): AggregateRow[] | Promise<AggregateRow[]>
  aggregatesWindow(
    query: WindowQuery,
  ): ChannelOutput<'aggregates.window'> | Promise<ChannelOutput<'aggregates.window'>>
  streamOpen(aggregateId: string): Promise<StreamInfo>
  /** Stop reading a stream no one looks at any more (another was picked); its callers get `cancelled`. */
  abandon(aggregateId: string): void
  streamWindow(input: StreamWindowInput): Promise<ChannelOutput<'stream.window'>>
  /** Events after the first `fromVersion`, at most `limit` of them. */
  eventsRange(aggregateId: string, fromVersion: number, limit: number): Promise<NormalizedEvent[]>
  eventGet(input: { aggregateId: string; version: number }): Promise<NormalizedEvent>
  /** A damaged line read back whole; not_found where there is none (a database keeps none). */
  streamLine(input: { aggregateId: string; line: number }): Promise<ChannelOutput<'stream.line'>>
  /** The merge-patch state at a version (clamped to the stream's end) and what its event changed. */
  stateAt(input: { aggregateId: string; version: number }): Promise<StateAnswer>
  eventTypes(): ChannelOutput<'events.types'> | Promise<ChannelOutput<'events.types'>>
  eventTemplate(input: {
    eventType: string
    aggregateId?: string | undefined
  }): Promise<ChannelOutput<'events.template'>>
  /** The state after one more event with this payload; writes nothing. */
  preview(input: PreviewInput): Promise<ChannelOutput<'events.preview'>>
  append(input: AppendInput): Promise<ChannelOutput<'events.append'>>
  /** Write the selected events to `out` (nothing appears there unless it completes). */
  exportEvents(spec: EventsExportSpec, out: string, options: ExportOptions): Promise<ExportResult>
  /**
   * Work an export does on this store (a state export's replay): exports run until done even when
   * another store is opened, so close() lets go of what the store reads through only after it.
   */
  outliving<T>(work: Promise<T>): Promise<T>
  /** Refuse what this store cannot do, with the summary's one-line reason. */
  require(capability: StoreCapabilityName): void
  /** Stop watching and release what is held; the store is not used afterwards. */
  close(): Promise<void>
}
