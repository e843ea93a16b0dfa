// A database as the session's open store (opened-store.ts): every channel the page uses, answered
// from its Source (source/source.ts) in the same contract shapes as a directory's (directory-store.ts).
//
// A database keeps no damaged lines, no index.json and no `.eventscope/` folder, so the timeline has
// only events (row = version - 1, `line` = version), the summary has no findings, and the tools that
// work on files are refused with their one-line reason (store-capabilities.ts). States come from the
// source's own checkpoints (source-states.ts): the nearest one plus at most K events per answer.

import type { PushEvent } from '../../../shared/channels'
import type {
  AggregateRow,
  AppendInput,
  ChannelOutput,
  NormalizedEvent,
  ReducerStatusDto,
  StoreCapabilityName,
  StoreSummary,
  StreamInfo,
} from '../../../shared/contract'
import { addressWithoutPassword } from '../../../shared/store-address'
import { StoreError } from '../errors'
import { toWire } from '../json/exact-wire'
import type { ExactChange, ExactJsonObject, JsonObject } from '../json/json-value'
import { applyMergePatch } from '../json/merge-patch'
import { mergePatchReducer } from '../replay/reducer'
import { initialState, type StateAtVersion } from '../replay/replay'
import { exportSource } from '../export/source-export'
import type { ExportResult } from '../export/run-export'
import { openDatabaseSource } from '../source/open-database'
import type { Source, SourceEvent, StreamSummary } from '../source/source'
import type { WindowQuery } from '../store/aggregate-catalog'
import { typedPayload } from '../write/typed-payload'
import { SourceListing } from './source-listing'
import { envelopeOf, normalizedEvent, windowRows } from './source-event-shapes'
import { noRowCause } from '../source/stored-object'
import { databaseStoreSource } from './store-capabilities'
import { sourceEventTypes } from './source-event-types'
import { followSource } from './database-follow'
import { appendPreview } from './append-preview'
import type { EventsExportSpec, ExportOptions, OpenedStore, PreviewInput } from './opened-store'

export interface DatabaseStoreOptions {
  readonly onEvent?: (event: PushEvent, payload: unknown) => void
  /** Follow what other programs append (Source.watch), when the source can. */
  readonly watch?: boolean
  /** How often a source that polls looks, in milliseconds (tests make it short). */
  readonly watchIntervalMs?: number
}

export class DatabaseStore implements OpenedStore {
  readonly kind = 'database' as const
  private readonly stopped = new AbortController()
  /** Exports reading through the source now: closing waits for them. */
  /** Exports' work, which close() waits for before the connections go (outliving). */
  private readonly exports = new Set<Promise<unknown>>()
  // Made by open once the watch (if any) is ready, before any caller sees the session.
  private listing!: SourceListing
  private listingMade: () => void = () => {}
  private readonly listingReady = new Promise<void>((resolve) => {
    this.listingMade = resolve
  })
  private readonly summaries = new Map<string, Promise<StreamSummary>>()
  private stopWatching: (() => void) | null = null
  private closed = false
  private types: Promise<ChannelOutput<'events.types'>['types']> | null = null

  private constructor(
    readonly source: Source,
    /** The address without its password: `dir` in the summary, what a shell may remember and show. */
    readonly dir: string,
    private readonly options: DatabaseStoreOptions,
  ) {}

  /** Connect to the database at `address` and read the first page of its streams. */
  static async open(address: string, options: DatabaseStoreOptions = {}): Promise<DatabaseStore> {
    const source = await openDatabaseSource(address)
    const session = new DatabaseStore(source, addressWithoutPassword(address), options)
    try {
      // Watching starts before the listing is read: what is appended in between is reported, not lost.
      if (options.watch && source.capabilities.watch && source.watch) {
        const following = followSource(source.watch.bind(source), {
          intervalMs: options.watchIntervalMs,
          listed: session.listingReady,
          stopped: () => session.closed,
          take: async (ids) => {
            for (const id of ids) await session.streamChanged(id, false)
            session.emitChanged([...ids])
          },
          notice: (message) => options.onEvent?.('onStoreNotice', { dir: session.dir, message }),
        })
        session.stopWatching = following.stop
        await following.ready
      }
      session.listing = new SourceListing(source, session.stopped.signal)
      session.listingMade()
      await session.listing.first()
    } catch (error) {
      await session.close()
      throw error
    }
    void session.listing.listed.then(
      () => session.emitChanged([]),
      () => {},
    )
    return session
  }

  /** Resolves once every stream has been listed. */
  async whenReconciled(): Promise<StoreSummary> {
    await this.listing.listed
    return this.summary()
  }

  summary(): StoreSummary {
    const { source } = this
    return {
      dir: this.dir,
      style: null,
      aggregates: this.listing.size,
      events: this.listing.events,
      indexedEvents: null,
      index: 'ok',
      reconciled: this.listing.isComplete,
      problems: [],
      findings: { errors: 0, warnings: 0 },
      source: databaseStoreSource({
        kind: source.kind === 'jsonl' ? 'postgres' : source.kind,
        name: source.displayName,
        layout: source.layoutTitle ?? null,
        append: source.capabilities.append && source.append !== undefined,
        watch: source.capabilities.watch && source.watch !== undefined,
        note: source.capabilities.note,
      }),
    }
  }

  /** Refuse a channel the source lacks, with the summary's one-line reason. */
  require(capability: StoreCapabilityName): void {
    const { available, reason } = this.summary().source.capabilities[capability]
    if (!available)
      throw new StoreError('unsupported', reason ?? `${this.source.displayName} cannot do that.`)
  }

  aggregatesWindow(query: WindowQuery): Promise<ChannelOutput<'aggregates.window'>> {
    return this.listing.window(query)
  }

  aggregates(): Promise<AggregateRow[]> {
    return this.listing.all()
  }

  async aggregateIds(): Promise<string[]> {
    return (await this.listing.all()).map((row) => row.id)
  }

  async streamOpen(aggregateId: string): Promise<StreamInfo> {
    const summary = await this.streamSummary(aggregateId)
    const first = summary.eventCount > 0 ? await this.firstEvent(aggregateId) : undefined
    return {
      aggregateId,
      type: summary.type,
      style: null,
      eventCount: summary.eventCount,
      rowCount: summary.eventCount,
      problems: [],
      problemCount: 0,
      firstEventAt: first?.occurredAt ?? null,
      lastEventAt: summary.lastEventAt,
      ...(summary.eventCount > 0 && first?.version !== 1
        ? { rowsFrom: first?.version ?? summary.eventCount + 1 }
        : {}),
    }
  }

  /** The stream's first row, at version 1 or, where the store holds none there (truncated), after. */
  private async firstEvent(aggregateId: string): Promise<SourceEvent | undefined> {
    const [first] = await this.source.readEvents(aggregateId, 0, 1)
    if (first) return first
    const reading = new AbortController()
    try {
      for await (const batch of this.source.streamEvents(aggregateId, 0, reading.signal))
        if (batch[0]) return batch[0]
      return undefined
    } finally {
      reading.abort()
    }
  }

  /** Nothing to abandon: a stream is opened by one summary and read a window at a time. */
  abandon(_aggregateId: string): void {}

  async streamWindow(input: {
    aggregateId: string
    offset: number
    limit: number
    fields?: readonly string[] | undefined
  }): Promise<ChannelOutput<'stream.window'>> {
    const summary = await this.streamSummary(input.aggregateId)
    const events = await this.source.readEvents(input.aggregateId, input.offset, input.limit)
    // Up to the count, or to the last row where rows go past it (a stream row not yet updated).
    const end = Math.max(
      Math.min(input.offset + input.limit, summary.eventCount),
      events.at(-1)?.version ?? 0,
    )
    const rows = windowRows(events, input.offset, end, input.fields)
    return { aggregateId: input.aggregateId, rowCount: summary.eventCount, offset: input.offset, rows }
  }

  /** Events after the first `fromVersion`, at most `limit` of them. */
  async eventsRange(aggregateId: string, fromVersion: number, limit: number): Promise<NormalizedEvent[]> {
    await this.streamSummary(aggregateId)
    return (await this.source.readEvents(aggregateId, fromVersion, limit)).map(normalizedEvent)
  }

  async eventGet(input: { aggregateId: string; version: number }): Promise<NormalizedEvent> {
    return normalizedEvent(await this.sourceEvent(input))
  }

  /** A database keeps no damaged lines: every row of its timeline is an event. */
  async streamLine(input: { aggregateId: string; line: number }): Promise<ChannelOutput<'stream.line'>> {
    throw new StoreError('not_found', `A database keeps no damaged lines: line ${input.line} has no finding.`)
  }

  /** The merge-patch state at a version (clamped), and what the event at that version changed. */
  async stateAt(input: {
    aggregateId: string
    version: number
  }): Promise<StateAtVersion & { aggregateId: string; eventCount: number }> {
    const { aggregateId } = input
    const summary = await this.streamSummary(aggregateId)
    const version = Math.max(0, Math.min(input.version, summary.eventCount))
    const base = { aggregateId, eventCount: summary.eventCount }
    if (version === 0) return { ...base, version: 0, state: initialState(), changes: [] }
    const [before, [event]] = await Promise.all([
      this.source.stateAt(aggregateId, version - 1),
      this.source.readEvents(aggregateId, version - 1, 1),
    ])
    // No row at this version: the state is the one before, and nothing changed it.
    if (!event) return { ...base, version, state: before.state, changes: [] }
    const changes: ExactChange[] = []
    const state = applyMergePatch(before.state, event.payload, changes) as ExactJsonObject
    return { ...base, version, state, changes }
  }

  /** Event types of the store, most frequent first (a bounded look: source-event-types.ts). */
  async eventTypes(): Promise<ChannelOutput<'events.types'>> {
    this.types ??= sourceEventTypes(this.source, this.stopped.signal)
    return { types: await this.types }
  }

  /** The payload of the latest event of a type in the aggregate: a template to edit. */
  async eventTemplate(input: {
    eventType: string
    aggregateId?: string | undefined
  }): Promise<ChannelOutput<'events.template'>> {
    this.require('append')
    if (input.aggregateId === undefined || !(await this.source.stream(input.aggregateId)))
      return { payload: null }
    let latest: SourceEvent | undefined
    for await (const batch of this.source.streamEvents(input.aggregateId, 0, this.stopped.signal, [
      input.eventType,
    ]))
      latest = batch.at(-1) ?? latest
    if (!latest) return { payload: null }
    const wire = toWire(latest.payload)
    return { payload: wire.value as JsonObject, ...(wire.exact ? { exact: wire.exact } : {}) }
  }

  /** The state the aggregate would have after one more event with this payload; writes nothing. */
  async preview(input: PreviewInput): Promise<ChannelOutput<'events.preview'>> {
    this.require('append')
    const current = (await this.source.stream(input.aggregateId))
      ? await this.stateAt({ aggregateId: input.aggregateId, version: Number.MAX_SAFE_INTEGER })
      : { version: 0, state: initialState() }
    return appendPreview(current, input)
  }

  /** Append an event as the source's library appends it (expected version checked in its transaction). */
  async append(input: AppendInput): Promise<ChannelOutput<'events.append'>> {
    this.require('append')
    const append = this.source.append?.bind(this.source)
    if (!append) throw new StoreError('unsupported', `${this.source.displayName} is read-only here.`)
    if (input.eventId !== undefined)
      throw new StoreError(
        'unsupported',
        `${this.source.displayName} makes its own event ids; append without one.`,
      )
    const payload = typedPayload(input.payload, input.exact, input.payloadText)
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload))
      throw new StoreError('invalid_input', 'The payload must be a JSON object.')
    const { nextVersion } = await append({
      streamId: input.aggregateId,
      events: [
        {
          type: input.eventType,
          payload: payload as ExactJsonObject,
          ...(input.metadata ? { metadata: input.metadata as ExactJsonObject } : {}),
        },
      ],
      expectedVersion: input.expectedVersion ?? null,
    })
    await this.streamChanged(input.aggregateId)
    const [event] = await this.source.readEvents(input.aggregateId, nextVersion - 1, 1)
    if (!event)
      throw new StoreError('io_error', `The event appended to ${input.aggregateId} cannot be read back.`)
    return {
      aggregateId: input.aggregateId,
      version: nextVersion,
      event: envelopeOf(event),
      duplicate: false,
    }
  }

  /** Read through the Source: each stream by its cursor, lines of the nested style (source-export.ts). */
  exportEvents(spec: EventsExportSpec, out: string, options: ExportOptions): Promise<ExportResult> {
    const running = exportSource(this.source, {
      format: spec.format,
      aggregateIds: spec.aggregateIds,
      types: spec.types,
      since: spec.since,
      until: spec.until,
      csvFormulas: spec.csvFormulas,
      out,
      signal: options.signal,
      onProgress: options.onProgress,
    })
    return this.outliving(running)
  }

  // An export outlives the store (README): close() waits for its work before the connections go.
  outliving<T>(work: Promise<T>): Promise<T> {
    this.exports.add(work)
    const done = (): void => {
      this.exports.delete(work)
    }
    work.then(done, done)
    return work
  }

  /** No custom reducers without a `.eventscope` folder: every state of a database is the merge patch. */
  async reducerStatus(aggregateId: string): Promise<ReducerStatusDto> {
    return {
      aggregateId,
      aggregateType: (await this.streamSummary(aggregateId)).type,
      dir: this.dir,
      trusted: false,
      reducer: { kind: 'merge-patch', label: mergePatchReducer.label, file: null, source: 'default' },
      untrustedFile: null,
      loadError: null,
    }
  }

  /** The stream's type as the table shows it, or null (not listed yet, or none). */
  typeOf(aggregateId: string): string | null {
    return this.listing.type(aggregateId)
  }

  /** One event as the source hands it out (metadata, payload exact); not_found past the stream's end. */
  async sourceEvent(input: { aggregateId: string; version: number }): Promise<SourceEvent> {
    const summary = await this.streamSummary(input.aggregateId)
    const [event] =
      input.version <= summary.eventCount
        ? await this.source.readEvents(input.aggregateId, input.version - 1, 1)
        : []
    if (event) return event
    if (input.version >= 1 && input.version <= summary.eventCount)
      throw new StoreError(
        'not_found',
        `${input.aggregateId} has no event at version ${input.version}: ${noRowCause}`,
      )
    throw new StoreError(
      'not_found',
      `${input.aggregateId} has ${summary.eventCount} events; there is no version ${input.version}`,
    )
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve()
    this.closed = true
    this.stopped.abort()
    this.stopWatching?.()
    this.stopWatching = null
    // Exports run until done or cancelled (their task outlives the store): the source they read
    // through is closed after them. Their failure is theirs to report, not the close's.
    const exports = [...this.exports].map((running) => running.catch(() => undefined))
    return Promise.all(exports).then(() => this.source.close())
  }

  /** The stream's summary (cached until it changes); not_found naming the store when there is none. */
  async streamSummary(aggregateId: string): Promise<StreamSummary> {
    let pending = this.summaries.get(aggregateId)
    if (!pending) {
      pending = this.source.stream(aggregateId).then((summary) => {
        if (summary === null)
          throw new StoreError('not_found', `No aggregate ${aggregateId} in ${this.source.displayName}`)
        return summary
      })
      pending.catch(() => this.summaries.delete(aggregateId))
      this.summaries.set(aggregateId, pending)
    }
    return pending
  }

  /** Take in a stream's new summary after an append (ours or another program's). */
  private async streamChanged(aggregateId: string, emit = true): Promise<void> {
    this.summaries.delete(aggregateId)
    const summary = await this.source.stream(aggregateId)
    if (summary === null || this.closed) return
    this.summaries.set(aggregateId, Promise.resolve(summary))
    this.listing.update(summary)
    if (emit) this.emitChanged([aggregateId])
  }

  private emitChanged(aggregateIds: string[]): void {
    if (this.closed) return
    this.options.onEvent?.('onStoreChanged', { summary: this.summary(), aggregateIds })
  }
}
