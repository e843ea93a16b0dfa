// A JSONL store directory as the session's open store (opened-store.ts): the table from the catalog
// of OpenStore (index.json, then every stream reconciled behind it, the scan cache), the streams the
// user opens read by byte position (directory-streams.ts), the watchers that follow what other
// programs write, and the locked append. Every byte position, index.json and cache detail stays here.
//
// Its `source` is the JSONL Source over the same directory (source/jsonl/jsonl-source.ts): what is
// written once against Source reads this store through it. The page's channels are answered from the
// catalog and the stream indexes instead, which know what the Source would read the files again for.

import type { PushEvent } from '../../../shared/channels'
import type {
  AggregateRow,
  AppendInput,
  ChannelOutput,
  NormalizedEvent,
  StoreCapabilityName,
  StoreSummary,
  StreamInfo,
} from '../../../shared/contract'
import { StoreError } from '../errors'
import type { FolderStamp } from '../scan-cache/snapshot-codec'
import type { ExportResult } from '../export/run-export'
import type { appendEvent } from '../write/append'
import type { IndexBehindError } from '../write/append-request'
import { toWire } from '../json/exact-wire'
import type { JsonObject } from '../json/json-value'
import { ReducerWatcher } from '../reducers/reducer-watcher'
import { initialState, stateAt, type KnownState } from '../replay/replay'
import { jsonlSourceAt } from '../source/jsonl/jsonl-source'
import type { Source } from '../source/source'
import type { Freshness } from '../scan-cache/store-cache'
import type { CachedRows } from '../store/cached-rows'
import type { WindowQuery } from '../store/aggregate-catalog'
import { OpenStore, type StoreOpenOptions } from '../store/open-store'
import { StoreWatcher } from '../store/store-watcher'
import { readEvents, toNormalizedEvent } from '../stream/event-reader'
import { readLineAt } from '../stream/line-bytes'
import { payloadTextOf } from '../stream/payload-text'
import type { StreamIndex } from '../stream/stream-index'
import { timelineWindow } from '../stream/timeline'
import type { TaskRegistry } from '../tasks/task-registry'
import { typedPayload } from '../write/typed-payload'
import { appendPreview } from './append-preview'
import { DirectoryStreams } from './directory-streams'
import type {
  EventsExportSpec,
  ExportOptions,
  OpenedStore,
  PreviewInput,
  StateAnswer,
  StreamWindowInput,
} from './opened-store'
import { jsonlStoreSource } from './store-capabilities'

export interface DirectoryStoreOptions {
  readonly tasks: TaskRegistry
  /** Push events, as the session sends them (it drops those of a store no longer open). */
  readonly emit: (event: PushEvent, payload: unknown) => void
  /** Follow what other programs write to the store and its reducers (the shells, not one-shot commands). */
  readonly watch?: boolean
  /** Keep the scans of big streams read cold in the persistent scan cache at close (the CLI). */
  readonly keepScans: boolean
  /** The aggregate the user looks at: an edited reducer changes its state. */
  readonly focused: () => string | null
  /** Refuse (and close the session) when the folder was moved or replaced meanwhile (store-place.ts). */
  readonly ensureInPlace: () => Promise<void>
}

// The append and export code is loaded when first used: a command that only reads (`state`, `events`)
// starts without it, one of the larger parts of a CLI process's module loading.
async function writeCode(): Promise<{
  appendEvent: typeof appendEvent
  IndexBehindError: typeof IndexBehindError
}> {
  const [{ appendEvent }, { IndexBehindError }] = await Promise.all([
    import('../write/append'),
    import('../write/append-request'),
  ])
  return { appendEvent, IndexBehindError }
}

export class DirectoryStore implements OpenedStore {
  readonly kind = 'directory' as const
  readonly source: Source
  // Set by open before anyone sees the store.
  private store!: OpenStore
  private streams!: DirectoryStreams
  private lastState: (KnownState & { readonly index: StreamIndex }) | null = null
  private watcher: StoreWatcher | null = null
  private reducerWatcher: ReducerWatcher | null = null
  private refreshing: Promise<void> = Promise.resolve()
  private closed = false

  private constructor(
    readonly dir: string,
    private readonly options: DirectoryStoreOptions,
  ) {
    this.source = jsonlSourceAt(dir)
  }

  /**
   * Open the directory at `dir` (checked to be one): its rows from index.json and the listing now,
   * every stream read behind them. `namedOnly` (one-shot commands about one stream): no stream is read
   * but those asked for, and neither index.json nor the listing (open-store.ts).
   */
  static async open(
    dir: string,
    openOptions: StoreOpenOptions,
    options: DirectoryStoreOptions,
  ): Promise<DirectoryStore> {
    const directory = new DirectoryStore(dir, options)
    directory.store = await OpenStore.open(
      dir,
      ({ done, total }) => {
        if (!directory.closed) options.tasks.progress('store.open', 'Reading streams', done, total)
      },
      {
        ...openOptions,
        // A big store's index read behind its first rows changes them: the page asks again.
        onIndexRead: () => directory.emitChanged([]),
        // Watched from when anything is read behind the opening (after the first rows are out, before
        // any file is read): fs.watch takes ~13 ms of main thread on a folder of 100,000 entries (the
        // kernel marks every one), which the first rows need not wait for.
        ...(options.watch ? { onBackground: (listedAt) => directory.watch(listedAt) } : {}),
      },
    ).catch((error: NodeJS.ErrnoException) => {
      throw new StoreError('io_error', `Cannot read ${dir} (${error.code ?? 'error'})`)
    })
    directory.streams = new DirectoryStreams(directory.store, {
      tasks: options.tasks,
      keepScans: options.keepScans,
      onExtended: (index) => {
        if (directory.lastState?.index === index) directory.lastState = null
      },
    })
    void directory.store.reconciled.then(() => directory.emitChanged([]))
    return directory
  }

  // Follows what other programs write to the store and its reducers (the shells, not one-shot commands).
  // What moved in the folder since `listedAt` (its stamp as listed) is reported once the watch starts.
  private watch(listedAt: FolderStamp): void {
    if (this.closed) return
    const watcher = new StoreWatcher(
      this.dir,
      (names) => {
        void this.applyChanges(names).catch(() => {})
      },
      { listedAt, onGone: (gone) => this.emitNotice(gone ? goneNotice(this.dir) : null) },
    )
    this.watcher = watcher
    // Not awaited: fs.watch listens as soon as start() is called; its first poll (two stats) records
    // what is there.
    void watcher.start()
    // An edited reducer changes the state of the aggregate being looked at: say so, so it is asked again.
    const reducers = new ReducerWatcher(this.dir, () => {
      const focused = this.options.focused()
      this.emitChanged(focused === null ? [] : [focused])
    })
    this.reducerWatcher = reducers
    // Not awaited either: its first look at the reducers folder (a readdir and a stat a file) is the
    // state later polls compare with, and the store's answer need not wait for it.
    void reducers.start()
  }

  /** A directory's summary: what reading it found, and that it is a JSONL store that can do everything. */
  summary(): StoreSummary {
    return { ...this.store.summary(), source: jsonlStoreSource(this.dir) }
  }

  async whenReconciled(): Promise<StoreSummary> {
    await this.store.whenReconciled()
    return this.summary()
  }

  /** Settles once every stream was read through, as it happens: unlike whenReconciled, starts nothing. */
  get readThrough(): Promise<void> {
    return this.store.reconciled
  }

  /** A directory can do everything (store-capabilities.ts). */
  require(_capability: StoreCapabilityName): void {}

  aggregates(): AggregateRow[] {
    return this.store.catalog.all()
  }

  aggregateIds(): Promise<string[]> {
    return this.store.knownIds()
  }

  /** A window of the table, at once: the catalog holds every row it has. */
  aggregatesWindow(query: WindowQuery): ChannelOutput<'aggregates.window'> {
    return this.store.window(query)
  }

  /** The rows as they are if every stream is found as cached, once the cache is loaded (cached-rows.ts). */
  cachedRows(): Promise<CachedRows | null> {
    return this.store.cachedRows()
  }

  /** How an aggregate's row was had when the store was read through (scan cache or stream). */
  freshness(aggregateId: string): Freshness | undefined {
    return this.store.freshness(aggregateId)
  }

  /** What the scan cache gave the open store ('hit', 'memory', 'miss: …', 'discarded: …'). */
  cacheState(): string | null {
    return this.store.cacheState()
  }

  /**
   * Open an aggregate's stream: a big one is read on a worker thread with progress (abandon stops it).
   */
  async streamOpen(aggregateId: string): Promise<StreamInfo> {
    return (await this.streams.get(aggregateId)).info
  }

  abandon(aggregateId: string): void {
    this.streams.abandon(aggregateId)
  }

  /** An aggregate's stream index, read if it is not open yet: replays under other reducers start here. */
  async streamIndex(aggregateId: string): Promise<StreamIndex> {
    return (await this.streams.get(aggregateId)).index
  }

  async streamWindow(input: StreamWindowInput): Promise<ChannelOutput<'stream.window'>> {
    const { index, info } = await this.streams.get(input.aggregateId)
    const rows = await timelineWindow(index, info.problems, input.offset, input.limit, input.fields)
    return { aggregateId: input.aggregateId, rowCount: info.rowCount, offset: input.offset, rows }
  }

  async eventsRange(aggregateId: string, fromVersion: number, limit: number): Promise<NormalizedEvent[]> {
    const index = await this.streamIndex(aggregateId)
    const events = await readEvents(index, fromVersion + 1, fromVersion + limit)
    return events.map(toNormalizedEvent)
  }

  async eventGet(input: { aggregateId: string; version: number }): Promise<NormalizedEvent> {
    const index = await this.streamIndex(input.aggregateId)
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
    const index = await this.streamIndex(input.aggregateId)
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

  /** O(K) per step: the nearest checkpoint (or the last state asked, when nearer) plus the events after. */
  async stateAt(input: { aggregateId: string; version: number }): Promise<StateAnswer> {
    const index = await this.streamIndex(input.aggregateId)
    const known = this.lastState?.index === index ? this.lastState : undefined
    const result = await stateAt(index, input.version, known)
    this.lastState = { index, version: result.version, state: result.state }
    return { aggregateId: input.aggregateId, eventCount: index.eventCount, ...result }
  }

  eventTypes(): ChannelOutput<'events.types'> {
    return { types: this.store.eventTypes() }
  }

  async eventTemplate(input: {
    eventType: string
    aggregateId?: string | undefined
  }): Promise<ChannelOutput<'events.template'>> {
    const where = this.store.latestOfType(input.eventType, input.aggregateId)
    if (!where) return { payload: null }
    const event = await this.eventGet(where)
    // The payload's text as the line has it (key order, `1.0`, 2^64): appended untouched, it writes the
    // same data back, which the parsed payload alone cannot promise.
    const index = await this.streamIndex(where.aggregateId)
    const payloadText = index.style ? payloadTextOf(event.raw, index.style) : null
    return { payload: event.payload, ...(payloadText === null ? {} : { payloadText }) }
  }

  async preview(input: PreviewInput): Promise<ChannelOutput<'events.preview'>> {
    const current = this.store.streamFile(input.aggregateId)
      ? await this.stateAt({ aggregateId: input.aggregateId, version: Number.MAX_SAFE_INTEGER })
      : { version: 0, state: initialState() }
    return appendPreview(current, input)
  }

  /** Append an event (locked, fsync'd) and take it in at once (the watcher would, a moment later). */
  async append(input: AppendInput): Promise<ChannelOutput<'events.append'>> {
    const { exact, payload, payloadText, ...rest } = input
    // The page sends integers beyond 2^53 as their nearest number plus their digits, and the text as
    // typed: its key order and number literals are what is written (typed-payload.ts).
    const written = typedPayload(payload, exact, payloadText)
    const touched = new Set([`${input.aggregateId}.events.jsonl`, 'index.json'])
    const { appendEvent, IndexBehindError } = await writeCode()
    const result = await appendEvent({ dir: this.dir, ...rest, payload: written }).catch(
      async (error: unknown) => {
        // Appended, only the index is behind: the page must still see the new event before the error.
        if (error instanceof IndexBehindError) await this.applyChanges(touched)
        throw error
      },
    )
    if (!result.duplicate) await this.applyChanges(touched)
    return {
      aggregateId: result.aggregateId,
      version: result.version,
      event: toWire(result.event).value as JsonObject,
      duplicate: result.duplicate,
    }
  }

  /** JSONL and store exports copy each valid line's bytes; the files are read once (run-export.ts). */
  async exportEvents(spec: EventsExportSpec, out: string, options: ExportOptions): Promise<ExportResult> {
    const { signal, onProgress } = options
    const { runExport } = await import('../export/run-export')
    return runExport({
      ...spec,
      format: spec.format,
      dir: this.dir,
      out,
      ...(onProgress ? { onProgress } : {}),
      ...(signal ? { signal } : {}),
    })
  }

  /**
   * Take in files eventscope itself rewrote (repair cut a stream, reindex replaced index.json): the
   * index and the named stream files are read again and onStoreChanged is emitted, without waiting for
   * the watcher (which a one-shot session does not have).
   */
  async refreshAll(fileNames: readonly string[]): Promise<StoreSummary> {
    await this.applyChanges(new Set(['index.json', ...fileNames]))
    return this.summary()
  }

  /** Files need no letting go: an export reads them after close as before it. */
  outliving<T>(work: Promise<T>): Promise<T> {
    return work
  }

  async close(): Promise<void> {
    this.closed = true
    this.watcher?.close()
    this.watcher = null
    this.reducerWatcher?.close()
    this.reducerWatcher = null
    this.store.close()
    this.streams.close()
    this.lastState = null
  }

  // Changes are applied one batch at a time, in order, so two quick appends never race each other.
  private applyChanges(names: Set<string>): Promise<void> {
    this.refreshing = this.refreshing
      .catch(() => {})
      .then(async () => {
        if (this.closed) return
        await this.options.ensureInPlace()
        const aggregateIds = await this.store.refresh(names, (stream) =>
          this.streams.extendCached(stream.aggregateId),
        )
        this.emitChanged(aggregateIds)
      })
    return this.refreshing
  }

  private emitChanged(aggregateIds: string[]): void {
    if (!this.closed) this.options.emit('onStoreChanged', { summary: this.summary(), aggregateIds })
  }

  private emitNotice(message: string | null): void {
    if (!this.closed) this.options.emit('onStoreNotice', { dir: this.dir, message })
  }
}

/** The one line under the header while the open folder is gone (a database says "Following paused"). */
export function goneNotice(dir: string): string {
  return `Following paused: ${dir} is gone (moved or removed); watching for it to come back.`
}
