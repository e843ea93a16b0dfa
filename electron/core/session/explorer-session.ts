// The explorer's whole back end for one user: the open store, its opened streams and replays. Both
// shells and the CLI drive it; it knows nothing of Electron, sockets or terminals.
//
// A JSONL directory is read here; a database address (shared/store-address.ts) opens a SourceSession
// (source-session.ts) and every channel it can answer is handed to it, in the same shapes. What only
// a directory has (files, findings, reducers) refuses on a database with the summary's reason.

import type { PushEvent } from '../../../shared/channels'
import type {
  AppendInput,
  ExportSpec,
  AggregateRow,
  ChannelOutput,
  ExactIntegers,
  NormalizedEvent,
  StoreCapabilityName,
  StoreSummary,
  StreamInfo,
} from '../../../shared/contract'
import { StoreError } from '../errors'
import { runExport, type ExportResult } from '../export/run-export'
import { writeStateExport } from '../export/state-export'
import { exportSource } from '../export/source-export'
import { toWire, toWireChanges } from '../json/exact-wire'
import { typedPayload } from '../write/typed-payload'
import { applyMergePatch } from '../json/merge-patch'
import type { ExactChange, ExactJson, JsonObject } from '../json/json-value'
import { initialState, stateAt, type KnownState, type StateAtVersion } from '../replay/replay'
import { appendEvent } from '../write/append'
import { IndexBehindError } from '../write/append-request'
import type { WindowQuery } from '../store/aggregate-catalog'
import { OpenStore, type StoreOpenOptions } from '../store/open-store'
import type { Freshness } from '../scan-cache/store-cache'
import { StoreWatcher } from '../store/store-watcher'
import { ReducerWatcher } from '../reducers/reducer-watcher'
import { expandPath } from '../settings/directory-policy'
import { readEvents, toNormalizedEvent } from '../stream/event-reader'
import { readLineAt } from '../stream/line-bytes'
import { payloadTextOf } from '../stream/payload-text'
import { extendStream, isStale, type StreamIndex } from '../stream/stream-index'
import { openStreamIndex } from '../worker/off-thread'
import { problemRows, timelineWindow } from '../stream/timeline'
import { OpenedStreams } from '../stream-facts/opened-streams'
import { cachedScan, keepScan } from '../stream-facts/cached-scan'
import { placeNow, recordPlace, type StorePlace } from './store-place'
import { TaskRegistry } from '../tasks/task-registry'
import { statIfPresent } from '../store/stat-if-present'
import { isDatabaseAddress } from '../../../shared/store-address'
import { SourceSession } from './source-session'
import { jsonlStoreSource } from './store-capabilities'

export interface SessionOptions {
  readonly onEvent?: (event: PushEvent, payload: unknown) => void
  /** Follow changes other programs make to the open store (off for one-shot CLI commands). */
  readonly watch?: boolean
  /**
   * Keep the scans of big streams read cold in the persistent scan cache when the session closes
   * (cached-scan.ts), for the next process: the CLI. Every session uses what is kept.
   */
  readonly keepScans?: boolean
  /** How often a database that is polled for new events is looked at, in milliseconds (Source.watch). */
  readonly watchIntervalMs?: number
}

interface OpenedStream {
  readonly index: StreamIndex
  readonly info: StreamInfo
}

/** A state at a version (at most the stream's last): what a state export writes. */
export type StateSource = (
  aggregateId: string,
  version: number,
) => Promise<{ readonly version: number; readonly state: ExactJson }>

export class ExplorerSession {
  private store: OpenStore | null = null
  /** The open database, when the store is one (then `store` is null). */
  private db: SourceSession | null = null
  private place: StorePlace | null = null
  private readonly streams = new OpenedStreams()
  /** Streams being read, by aggregate: callers asking meanwhile share the read. */
  private readonly opening = new Map<string, { promise: Promise<OpenedStream>; taskId: string }>()
  /** The aggregate the user opened last: opening another abandons its read if it is still going. */
  private focused: string | null = null
  private readonly infos = new WeakMap<StreamIndex, StreamInfo>()
  private lastState: (KnownState & { readonly index: StreamIndex }) | null = null
  private watcher: StoreWatcher | null = null
  private reducerWatcher: ReducerWatcher | null = null
  private refreshing: Promise<void> = Promise.resolve()
  /** Streams read cold (or read on) this session, to keep in the scan cache at close (keepScans). */
  private readonly unkept = new Set<StreamIndex>()
  /**
   * Every long piece of work about the open store (stream reads here; searches, projections,
   * verifications, exports and store-wide questions in the api handlers): closing or replacing the
   * store stops them all but exports.
   */
  readonly tasks: TaskRegistry

  constructor(private readonly options: SessionOptions = {}) {
    this.tasks = new TaskRegistry((progress) => this.emit('onProgress', progress))
  }

  /**
   * Open a store directory; replaces the store open before. `namedOnly` (one-shot commands about one
   * stream): no stream is read but those asked for, and neither index.json nor the listing (open-store.ts).
   */
  async open(dir: string, options: StoreOpenOptions = {}): Promise<StoreSummary> {
    if (isDatabaseAddress(dir)) return this.openDatabase(dir)
    const path = expandPath(dir)
    const info = await statIfPresent(path)
    if (!info) throw new StoreError('not_found', `No such directory: ${path}`)
    if (!info.isDirectory()) throw new StoreError('invalid_input', `Not a directory: ${path}`)
    this.close()
    const place = await recordPlace(path)
    const store = await OpenStore.open(
      path,
      ({ done, total }) => {
        if (this.store === store) this.tasks.progress('store.open', 'Reading streams', done, total)
      },
      // A shell's page asks for its first rows at once: nothing heavy runs before they are served.
      { pageFirst: this.options.watch === true, ...options },
    ).catch((error: NodeJS.ErrnoException) => {
      throw new StoreError('io_error', `Cannot read ${path} (${error.code ?? 'error'})`)
    })
    this.store = store
    this.place = place
    void store.reconciled.then(() => {
      if (this.store === store) this.emit('onStoreChanged', { summary: summaryOf(store), aggregateIds: [] })
    })
    if (this.options.watch) {
      const watcher = new StoreWatcher(path, (names) => this.storeFilesChanged(store, names))
      this.watcher = watcher
      // Not awaited: fs.watch listens as soon as start() is called; its first listing of the directory
      // (a readdir of every stream: over a second for 100,000 streams on a busy machine) goes on behind
      // the answer instead of holding back the first rows.
      void watcher.start()
      // An edited reducer changes the state of the aggregate being looked at: say so, so it is asked again.
      const reducers = new ReducerWatcher(path, () => {
        if (this.store === store)
          this.emit('onStoreChanged', {
            summary: summaryOf(store),
            aggregateIds: this.focused === null ? [] : [this.focused],
          })
      })
      this.reducerWatcher = reducers
      await reducers.start()
    }
    return summaryOf(store)
  }

  /** Open a database by its address (with its password, which goes no further than the source). */
  private async openDatabase(address: string): Promise<StoreSummary> {
    this.close()
    const db = await SourceSession.open(address, {
      watch: this.options.watch ?? false,
      ...(this.options.watchIntervalMs === undefined
        ? {}
        : { watchIntervalMs: this.options.watchIntervalMs }),
      onEvent: (event, payload) => {
        if (this.db === db) this.emit(event, payload)
      },
    })
    // Another open or a close while connecting wins: this one is let go.
    if (this.store !== null || this.db !== null) {
      void db.close()
      throw new StoreError('cancelled', `Opening ${db.source.displayName} was replaced by another store.`)
    }
    this.db = db
    return db.summary()
  }

  /** The open database's half, or null when the open store is a directory (or none is open). */
  database(): SourceSession | null {
    return this.db
  }

  /**
   * The open database's half; a JSONL-only channel (files, findings, reducers) refused with `capability`'s
   * reason; null for a directory.
   */
  databaseLacking(capability: StoreCapabilityName): SourceSession | null {
    this.db?.require(capability)
    return this.db
  }

  /**
   * Refuse to go on when the open store's folder is no longer the one opened (moved, removed, or
   * replaced by a link): the store is closed and the page must open it again. Every request but the
   * opening ones checks this first (api/handlers), and so does every change the watcher reports.
   */
  async ensureInPlace(): Promise<void> {
    const place = this.place
    if (place === null || (await placeNow(place)) !== 'changed') return
    if (this.place === place) this.close()
    throw new StoreError(
      'forbidden',
      `${place.dir} is no longer the folder that was opened (moved, removed or replaced by a link); open it again.`,
    )
  }

  /** Resolves once every stream of the open store has been read and compared with the index. */
  async whenReconciled(): Promise<StoreSummary> {
    if (this.db) return this.db.whenReconciled()
    const store = this.requireStore()
    await store.whenReconciled()
    return summaryOf(store)
  }

  summary(): StoreSummary {
    if (this.db) return this.db.summary()
    return summaryOf(this.requireStore())
  }

  /** Every aggregate row, sorted by id. */
  aggregates(): AggregateRow[] {
    return this.requireStore().catalog.all()
  }

  /** Every aggregate id of the store, sorted: for a failure's message (a namedOnly store lists them now). */
  async aggregateIds(): Promise<string[]> {
    if (this.db) return this.db.aggregateIds()
    return this.requireStore().knownIds()
  }

  /** How an aggregate's row was had when the store was read through (scan cache or stream). */
  freshness(aggregateId: string): Freshness | undefined {
    return this.requireStore().freshness(aggregateId)
  }

  /** What the scan cache gave the open store ('hit', 'memory', 'miss: …', 'discarded: …'). */
  cacheState(): string | null {
    return this.requireStore().cacheState()
  }

  /** A window of a directory's table; a database's is `database().aggregatesWindow` (it may wait). */
  aggregatesWindow(query: WindowQuery): ChannelOutput<'aggregates.window'> {
    return this.requireStore().window(query)
  }

  /**
   * Open an aggregate's stream for exploring (the user picked it).
   *
   * A big stream is read on a worker thread with progress; picking another aggregate before it is
   * done abandons that read (its callers get a `cancelled` error) so the new pick is not queued behind it.
   */
  async streamOpen(aggregateId: string): Promise<StreamInfo> {
    if (this.focused !== null && this.focused !== aggregateId) this.abandon(this.focused)
    this.focused = aggregateId
    if (this.db) return this.db.streamOpen(aggregateId)
    return (await this.stream(aggregateId)).info
  }

  private abandon(aggregateId: string): void {
    const pending = this.opening.get(aggregateId)
    if (!pending) return
    this.opening.delete(aggregateId)
    this.tasks.cancel(
      pending.taskId,
      `Reading ${aggregateId} was abandoned: another aggregate or store was opened`,
    )
  }

  async streamWindow(input: {
    aggregateId: string
    offset: number
    limit: number
    fields?: readonly string[] | undefined
  }): Promise<ChannelOutput<'stream.window'>> {
    if (this.db) return this.db.streamWindow(input)
    const { index, info } = await this.stream(input.aggregateId)
    const rows = await timelineWindow(index, info.problems, input.offset, input.limit, input.fields)
    return { aggregateId: input.aggregateId, rowCount: info.rowCount, offset: input.offset, rows }
  }

  /** Events after the first `fromVersion` (the seed's `from_version`), at most `limit` of them. */
  async eventsRange(aggregateId: string, fromVersion: number, limit: number): Promise<NormalizedEvent[]> {
    if (this.db) return this.db.eventsRange(aggregateId, fromVersion, limit)
    const { index } = await this.stream(aggregateId)
    const events = await readEvents(index, fromVersion + 1, fromVersion + limit)
    return events.map(toNormalizedEvent)
  }

  async eventGet(input: { aggregateId: string; version: number }): Promise<NormalizedEvent> {
    if (this.db) return this.db.eventGet(input)
    const { index } = await this.stream(input.aggregateId)
    if (input.version > index.eventCount) {
      throw new StoreError(
        'not_found',
        `${input.aggregateId} has ${index.eventCount} events; there is no version ${input.version}`,
      )
    }
    const [event] = await readEvents(index, input.version, input.version)
    if (!event) throw new StoreError('not_found', `No version ${input.version} in ${input.aggregateId}`)
    return toNormalizedEvent(event)
  }

  /** A damaged line of the stream, read back whole from its offset; only lines with a finding. */
  async streamLine(input: { aggregateId: string; line: number }): Promise<ChannelOutput<'stream.line'>> {
    if (this.db)
      throw new StoreError(
        'not_found',
        `A database keeps no damaged lines: line ${input.line} has no finding.`,
      )
    const { index } = await this.stream(input.aggregateId)
    const found = index.problems.find((p) => p.line === input.line && p.offset !== null)
    if (!found || found.offset === null) {
      throw new StoreError('not_found', `Line ${input.line} of ${input.aggregateId} has no finding to show`)
    }
    const read = await readLineAt(index.file, found.offset)
    return {
      aggregateId: input.aggregateId,
      line: input.line,
      offset: found.offset,
      ...read,
      segments: [...read.segments],
    }
  }

  /**
   * The merge-patch state at a version, integers beyond 2^53 exact (bigints): turn it into contract
   * values with toWire (exact-wire.ts) or text with stringifyExact before it leaves main.
   */
  async stateAt(input: {
    aggregateId: string
    version: number
  }): Promise<StateAtVersion & { aggregateId: string; eventCount: number }> {
    if (this.db) return this.db.stateAt(input)
    const { index } = await this.stream(input.aggregateId)
    const known = this.lastState?.index === index ? this.lastState : undefined
    const result = await stateAt(index, input.version, known)
    this.lastState = { index, version: result.version, state: result.state }
    return { aggregateId: input.aggregateId, eventCount: index.eventCount, ...result }
  }

  /** Event types of the store, most frequent first (for the append form's suggestions). */
  eventTypes(): ChannelOutput<'events.types'> | Promise<ChannelOutput<'events.types'>> {
    if (this.db) return this.db.eventTypes()
    return { types: this.requireStore().eventTypes() }
  }

  /** The payload of the latest event of a type, preferably in the given aggregate: a template to edit. */
  async eventTemplate(input: {
    eventType: string
    aggregateId?: string | undefined
  }): Promise<ChannelOutput<'events.template'>> {
    if (this.db) return this.db.eventTemplate(input)
    const where = this.requireStore().latestOfType(input.eventType, input.aggregateId)
    if (!where) return { payload: null }
    const event = await this.eventGet(where)
    // The payload's text as the line has it (key order, `1.0`, 2^64): appended untouched, it writes the
    // same data back, which the parsed payload alone cannot promise.
    const { index } = await this.stream(where.aggregateId)
    const payloadText = index.style ? payloadTextOf(event.raw, index.style) : null
    return { payload: event.payload, ...(payloadText === null ? {} : { payloadText }) }
  }

  /** The state the aggregate would have after one more event with this payload; writes nothing. */
  async preview(input: {
    aggregateId: string
    payload: JsonObject
    exact?: ExactIntegers | undefined
    payloadText?: string | undefined
  }): Promise<ChannelOutput<'events.preview'>> {
    if (this.db) return this.db.preview(input)
    const store = this.requireStore()
    const current = store.streamFile(input.aggregateId)
      ? await this.stateAt({ aggregateId: input.aggregateId, version: Number.MAX_SAFE_INTEGER })
      : { version: 0, state: initialState() }
    const changes: ExactChange[] = []
    const state = toWire(
      applyMergePatch(
        current.state,
        // Built as append writes it (typed-payload.ts): the typed `1.0` previews as 1.0, not 1.
        typedPayload(input.payload, input.exact, input.payloadText),
        changes,
      ),
    )
    return {
      version: current.version + 1,
      state: state.value,
      ...(state.exact ? { exact: state.exact } : {}),
      changes: toWireChanges(changes),
    }
  }

  /** Append an event to the open store and take it in at once (the watcher would, a moment later). */
  async append(input: AppendInput): Promise<ChannelOutput<'events.append'>> {
    if (this.db) return this.db.append(input)
    const store = this.requireStore()
    const { exact, payload, payloadText, ...rest } = input
    // The page sends integers beyond 2^53 as their nearest number plus their digits, and the text as
    // typed: its key order and number literals are what is written (typed-payload.ts).
    const written = typedPayload(payload, exact, payloadText)
    const result = await appendEvent({ dir: store.dir, ...rest, payload: written }).catch(
      async (error: unknown) => {
        // Appended, only the index is behind: the page must still see the new event before the error.
        if (error instanceof IndexBehindError)
          await this.applyChanges(store, new Set([`${input.aggregateId}.events.jsonl`, 'index.json']))
        throw error
      },
    )
    if (!result.duplicate)
      await this.applyChanges(store, new Set([`${input.aggregateId}.events.jsonl`, 'index.json']))
    return {
      aggregateId: result.aggregateId,
      version: result.version,
      event: toWire(result.event).value as JsonObject,
      duplicate: result.duplicate,
    }
  }

  /**
   * Write an export of the open store to `out`. A state export writes the state `stateOf` gives (the
   * api handlers pass the custom-reducer-aware one, so it saves what the pane shows); the merge patch
   * when absent.
   */
  async exportTo(
    spec: ExportSpec,
    out: string,
    options: {
      readonly signal?: AbortSignal
      readonly onProgress?: (done: number, total: number) => void
      readonly stateOf?: StateSource
    } = {},
  ): Promise<ExportResult> {
    if (this.db) return this.exportDatabase(this.db, spec, out, options)
    const store = this.requireStore()
    if (spec.format === 'state') {
      const aggregateId = spec.aggregateIds[0]
      if (aggregateId === undefined || spec.aggregateIds.length !== 1)
        throw new StoreError('invalid_input', 'A state export takes exactly one aggregate.')
      const stateOf = options.stateOf ?? ((id, version) => this.stateAt({ aggregateId: id, version }))
      const { version, state } = await stateOf(aggregateId, spec.version ?? Number.MAX_SAFE_INTEGER)
      return writeStateExport(out, { aggregateId, version, state })
    }
    const { signal, onProgress } = options
    return runExport({
      ...spec,
      format: spec.format,
      dir: store.dir,
      out,
      ...(onProgress ? { onProgress } : {}),
      ...(signal ? { signal } : {}),
    })
  }

  // A database's export reads it through its Source; its states are the merge patch (no reducers).
  private async exportDatabase(
    db: SourceSession,
    spec: ExportSpec,
    out: string,
    options: { readonly signal?: AbortSignal; readonly onProgress?: (done: number, total: number) => void },
  ): Promise<ExportResult> {
    if (spec.format === 'state') {
      const aggregateId = spec.aggregateIds[0]
      if (aggregateId === undefined || spec.aggregateIds.length !== 1)
        throw new StoreError('invalid_input', 'A state export takes exactly one aggregate.')
      const { version, state } = await db.stateAt({
        aggregateId,
        version: spec.version ?? Number.MAX_SAFE_INTEGER,
      })
      return writeStateExport(out, { aggregateId, version, state })
    }
    return exportSource(db.source, {
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
  }

  close(): void {
    void this.db?.close()
    this.db = null
    // After the answer (the CLI closes once it has printed), so that writing the cache never delays it.
    const store = this.store
    if (store) for (const index of this.unkept) void keepScan(store.dir, index).catch(() => false)
    this.unkept.clear()
    this.tasks.storeChanged()
    this.watcher?.close()
    this.watcher = null
    this.reducerWatcher?.close()
    this.reducerWatcher = null
    this.store?.close()
    this.store = null
    this.place = null
    this.streams.clear()
    for (const aggregateId of [...this.opening.keys()]) this.abandon(aggregateId)
    this.focused = null
    this.lastState = null
  }

  private storeFilesChanged(store: OpenStore, names: Set<string>): void {
    void this.applyChanges(store, names).catch(() => {})
  }

  // Changes are applied one batch at a time, in order, so two quick appends never race each other.
  private applyChanges(store: OpenStore, names: Set<string>): Promise<void> {
    this.refreshing = this.refreshing
      .catch(() => {})
      .then(async () => {
        if (this.store !== store) return
        await this.ensureInPlace()
        const aggregateIds = await store.refresh(names, (stream) => this.extendCached(stream.aggregateId))
        if (this.store === store) this.emit('onStoreChanged', { summary: summaryOf(store), aggregateIds })
      })
    return this.refreshing
  }

  /** Take in what was appended to an opened stream; null when it is not open or cannot be extended. */
  private async extendCached(aggregateId: string): Promise<StreamIndex | null> {
    const cached = this.streams.get(aggregateId)
    if (!cached || !(await isStale(cached))) return cached ?? null
    if (!(await extendStream(cached))) return null
    this.infos.delete(cached)
    if (this.lastState?.index === cached) this.lastState = null
    return cached
  }

  private async stream(aggregateId: string): Promise<OpenedStream> {
    const store = this.requireStore()
    const cached = this.streams.get(aggregateId)
    if (cached) {
      if (!(await isStale(cached))) return { index: cached, info: this.infoOf(cached) }
      if (await this.extendCached(aggregateId)) {
        store.takeScan(cached)
        return { index: cached, info: this.infoOf(cached) }
      }
    }
    const pending = this.opening.get(aggregateId)
    if (pending) return pending.promise
    const missing = async (): Promise<StoreError> =>
      new StoreError(
        'not_found',
        (await store.knows(aggregateId))
          ? `The stream file of ${aggregateId} is missing`
          : `No aggregate ${aggregateId} in this store`,
      )
    if (!store.streamFile(aggregateId)) throw await missing()
    const taskId = this.tasks.newId('stream.read')
    // The listing has names only: the entry is checked to be a file (not a link) before it is read.
    // Progress only after 200 ms: small streams open without a flicker.
    const opening = this.tasks
      .run(
        taskId,
        async (task) => {
          const file = await store.checkedStreamFile(aggregateId)
          if (!file) throw await missing()
          // A cache that cannot be read is a miss: the stream is read as if there were none.
          const cached = await cachedScan(store.dir, aggregateId, file).catch(() => null)
          if (cached && !cached.grown) return cached.index
          const index =
            cached?.index ??
            (await openStreamIndex(file, aggregateId, { signal: task.signal, onProgress: task.progress }))
          if (this.options.keepScans) this.unkept.add(index)
          return index
        },
        { label: `Reading stream ${aggregateId}`, quietMs: 200 },
      )
      .then((index) => {
        if (this.store === store) {
          this.streams.put(index)
          store.takeScan(index)
        }
        return { index, info: this.infoOf(index) }
      })
      .catch((error: NodeJS.ErrnoException) => {
        throw error instanceof StoreError
          ? error
          : new StoreError('io_error', `Cannot read the stream of ${aggregateId} (${error.code ?? 'error'})`)
      })
      .finally(() => {
        if (this.opening.get(aggregateId)?.promise === opening) this.opening.delete(aggregateId)
      })
    this.opening.set(aggregateId, { promise: opening, taskId })
    return opening
  }

  private infoOf(index: StreamIndex): StreamInfo {
    let info = this.infos.get(index)
    if (!info) {
      const problems = problemRows(index)
      info = {
        aggregateId: index.aggregateId,
        type: index.type,
        style: index.style,
        eventCount: index.eventCount,
        rowCount: index.eventCount + problems.length,
        problems,
        problemCount: index.problemCount,
        firstEventAt: index.firstEventAt,
        lastEventAt: index.lastEventAt,
      }
      this.infos.set(index, info)
    }
    return info
  }

  private requireStore(): OpenStore {
    if (this.db)
      throw new StoreError(
        'unsupported',
        `${this.db.source.displayName} is a database: this works on a store directory only.`,
      )
    if (!this.store) throw new StoreError('no_store', 'No store is open; open an events directory first.')
    return this.store
  }

  private emit(event: PushEvent, payload: unknown): void {
    this.options.onEvent?.(event, payload)
  }

  /** The open store's directory. Throws no_store when none is open. */
  storeDir(): string {
    return this.requireStore().dir
  }

  /** An aggregate's stream index, read if it is not open yet: replays under other reducers start here. */
  async streamIndex(aggregateId: string): Promise<StreamIndex> {
    return (await this.stream(aggregateId)).index
  }

  /**
   * Take in files eventscope itself rewrote (repair cut a stream, reindex replaced index.json): the
   * index and the named stream files are read again and onStoreChanged is emitted, without waiting for
   * the watcher (which a one-shot session does not have).
   */
  async refreshAll(fileNames: readonly string[]): Promise<StoreSummary> {
    const store = this.requireStore()
    await this.applyChanges(store, new Set(['index.json', ...fileNames]))
    return summaryOf(store)
  }
}

/** A directory's summary: what reading it found, and that it is a JSONL store that can do everything. */
function summaryOf(store: OpenStore): StoreSummary {
  return { ...store.summary(), source: jsonlStoreSource(store.dir) }
}
