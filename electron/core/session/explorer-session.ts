// The explorer's whole back end for one user: the open store, its opened streams and replays. Both
// shells and the CLI drive it; it knows nothing of Electron, sockets or terminals.
//
// What both kinds of store share lives here: opening one (a directory path, or a database address:
// shared/store-address.ts), which one is open, the aggregate the user is reading (picking another
// abandons the read still going), the task registry, the check that a directory is still where it
// was, and the push events. Every question about the store's contents goes to the open store through
// one interface (opened-store.ts): a directory (directory-store.ts) or a database (database-store.ts).
// What only a directory has (its files, findings, scan cache, reducers) is reached through
// `directory()`, which refuses on a database with the capability's one-line reason.

import type { PushEvent } from '../../../shared/channels'
import type {
  AggregateRow,
  AppendInput,
  ChannelOutput,
  ExportSpec,
  NormalizedEvent,
  StoreCapabilityName,
  StoreSummary,
  StreamInfo,
} from '../../../shared/contract'
import { isDatabaseAddress } from '../../../shared/store-address'
import { StoreError } from '../errors'
import type { ExportResult } from '../export/run-export'
import type { ExactJson } from '../json/json-value'
import type { Freshness } from '../scan-cache/store-cache'
import type { CachedRows } from '../store/cached-rows'
import { expandPath } from '../settings/directory-policy'
import type { WindowQuery } from '../store/aggregate-catalog'
import type { StoreOpenOptions } from '../store/open-store'
import { listingAhead, readFolder, type FolderNames } from '../store/store-opening'
import { statIfPresent } from '../store/stat-if-present'
import type { StreamIndex } from '../stream/stream-index'
import { TaskRegistry } from '../tasks/task-registry'
import { warmWorkers } from '../worker/warm-workers'
import { workerFile, workerThresholds } from '../worker/worker-settings'
import type { DatabaseStore } from './database-store'
import { DirectoryStore } from './directory-store'
import type { PreviewInput, StateAnswer, StreamWindowInput } from './opened-store'
import { placeNow, recordPlace, type StorePlace } from './store-place'

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

/** The open store, as one of its kinds: `kind` tells which (api/ answers some channels by kind). */
export type AnyOpenedStore = DirectoryStore | DatabaseStore

/** A state at a version (at most the stream's last): what a state export writes. */
export type StateSource = (
  aggregateId: string,
  version: number,
) => Promise<{ readonly version: number; readonly state: ExactJson }>

export class ExplorerSession {
  private current: AnyOpenedStore | null = null
  /** Where the open directory really is (none for a database): checked before every request. */
  private place: StorePlace | null = null
  /** The aggregate the user opened last: opening another abandons its read if it is still going. */
  private focused: string | null = null
  /** A folder listed ahead of its opening (listAhead); let go by the next open or close. */
  private listedAhead: { readonly path: string; readonly read: Promise<FolderNames> } | null = null
  /**
   * Every long piece of work about the open store (stream reads here; searches, projections,
   * verifications, exports and store-wide questions in the api handlers): closing or replacing the
   * store stops them all but exports.
   */
  readonly tasks: TaskRegistry

  constructor(private readonly options: SessionOptions = {}) {
    this.tasks = new TaskRegistry((progress) => this.emit('onProgress', progress))
    if (options.watch === true) this.warmThreads()
  }

  /**
   * An app's session (it watches) keeps its stream threads started while the user looks or chooses:
   * a reopened store's stat of every stream, a big stream's scan and a search run on them, and each
   * thread takes 50-150 ms to boot (Node's modules, a heap of its own) when started by its task. They
   * wait unref'd (warm-workers.ts), never holding the process; a task that takes them is topped up
   * again once the store it was for has been read through.
   */
  private warmThreads(): void {
    const file = workerFile()
    if (file !== null) warmWorkers(file, workerThresholds().scanThreads)
  }

  /**
   * Open a store directory or a database address; replaces the store open before. `namedOnly`
   * (one-shot commands about one stream): no stream is read but those asked for, and neither
   * index.json nor the listing (open-store.ts).
   */
  async open(dir: string, options: StoreOpenOptions = {}): Promise<StoreSummary> {
    if (isDatabaseAddress(dir)) return this.openDatabase(dir)
    const path = expandPath(dir)
    const info = await statIfPresent(path)
    if (!info) throw new StoreError('not_found', `No such directory: ${path}`)
    if (!info.isDirectory()) throw new StoreError('invalid_input', `Not a directory: ${path}`)
    const ahead = this.listedAhead?.path === path ? this.listedAhead.read : null
    this.close()
    const place = await recordPlace(path)
    // Listed ahead: used while the folder is the one recorded now (a link swapped meanwhile is not).
    const listing = ahead?.then(
      (read) => (read.folder.dev === place.dev && read.folder.ino === place.ino ? read : readFolder(path)),
      () => readFolder(path),
    )
    let opened: DirectoryStore | null = null
    opened = await DirectoryStore.open(
      path,
      // A shell's page asks for its first rows at once: nothing heavy runs before they are served.
      { pageFirst: this.options.watch === true, ...(listing ? { listing } : {}), ...options },
      {
        tasks: this.tasks,
        watch: this.options.watch === true,
        keepScans: this.options.keepScans === true,
        emit: (event, payload) => {
          if (opened !== null && this.current === opened) this.emit(event, payload)
        },
        focused: () => this.focused,
        ensureInPlace: () => this.ensureInPlace(),
      },
    )
    // Two opens at once: the later answer wins, and the store it replaces is let go.
    const replaced = this.current
    this.current = opened
    this.place = place
    void replaced?.close()
    // Not whenReconciled: that starts the reading at once, before the first rows are even out.
    if (this.options.watch === true)
      void opened.readThrough.then(
        () => this.warmThreads(),
        () => {},
      )
    return opened.summary()
  }

  /**
   * Start listing a directory the user chose while the choice is still being checked (real paths,
   * roots, a stat each: tens of milliseconds on a busy machine) when the scan cache has no snapshot of
   * it: for a store never seen, that readdir is most of the wait for the first rows (store-opening.ts
   * listingAhead). Only the next open of the same path takes it. Settles once the listing is taken
   * (or was not started, or failed: the opening then lists the folder itself).
   */
  listAhead(path: string): Promise<void> {
    const read = listingAhead(path)
    this.listedAhead = read && { path, read }
    return Promise.resolve(read).then(
      () => {},
      () => {},
    )
  }

  /** Open a database by its address (with its password, which goes no further than the source). */
  private async openDatabase(address: string): Promise<StoreSummary> {
    this.close()
    // A database's code is loaded when one is first opened: a directory's session never needs it.
    const { DatabaseStore } = await import('./database-store')
    const db = await DatabaseStore.open(address, {
      watch: this.options.watch ?? false,
      ...(this.options.watchIntervalMs === undefined
        ? {}
        : { watchIntervalMs: this.options.watchIntervalMs }),
      onEvent: (event, payload) => {
        if (this.current === db) this.emit(event, payload)
      },
    })
    // Another open or a close while connecting wins: this one is let go.
    if (this.current !== null) {
      void db.close()
      throw new StoreError('cancelled', `Opening ${db.source.displayName} was replaced by another store.`)
    }
    this.current = db
    return db.summary()
  }

  /** The open store, directory or database; no_store when none is open. */
  opened(): AnyOpenedStore {
    if (!this.current) throw new StoreError('no_store', 'No store is open; open an events directory first.')
    return this.current
  }

  /**
   * The open directory, for what only a directory has (files, findings, the scan cache, reducers): on a
   * database, refused with `capability`'s one-line reason when one is named, or as a directory-only tool.
   */
  directory(capability?: StoreCapabilityName): DirectoryStore {
    const store = this.opened()
    if (store.kind === 'directory') return store
    if (capability) store.require(capability)
    throw new StoreError(
      'unsupported',
      `${store.source.displayName} is a database: this works on a store directory only.`,
    )
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

  /** Resolves once every stream of the open store has been read (or listed) and compared with the index. */
  async whenReconciled(): Promise<StoreSummary> {
    return this.opened().whenReconciled()
  }

  summary(): StoreSummary {
    return this.opened().summary()
  }

  /** Every aggregate row of the open directory, sorted by id (a database's: `opened().aggregates()`). */
  aggregates(): AggregateRow[] {
    return this.directory().aggregates()
  }

  /** Every aggregate id of the store, sorted: for a failure's message (a namedOnly store lists them now). */
  async aggregateIds(): Promise<string[]> {
    return this.opened().aggregateIds()
  }

  /**
   * The open directory's rows as they are if every stream is found as cached, once its scan cache is
   * loaded (cached-rows.ts): `list` lays its table out from them while the streams are judged.
   */
  cachedRows(): Promise<CachedRows | null> {
    return this.directory().cachedRows()
  }

  /** How an aggregate's row was had when the store was read through (scan cache or stream). */
  freshness(aggregateId: string): Freshness | undefined {
    return this.directory().freshness(aggregateId)
  }

  /** What the scan cache gave the open store ('hit', 'memory', 'miss: …', 'discarded: …'). */
  cacheState(): string | null {
    return this.directory().cacheState()
  }

  /** A window of a directory's table, at once; any store's is `opened().aggregatesWindow` (it may wait). */
  aggregatesWindow(query: WindowQuery): ChannelOutput<'aggregates.window'> {
    return this.directory().aggregatesWindow(query)
  }

  /**
   * Open an aggregate's stream for exploring (the user picked it).
   *
   * A big stream is read on a worker thread with progress; picking another aggregate before it is
   * done abandons that read (its callers get a `cancelled` error) so the new pick is not queued behind it.
   */
  async streamOpen(aggregateId: string): Promise<StreamInfo> {
    const store = this.opened()
    if (this.focused !== null && this.focused !== aggregateId) store.abandon(this.focused)
    this.focused = aggregateId
    return store.streamOpen(aggregateId)
  }

  async streamWindow(input: StreamWindowInput): Promise<ChannelOutput<'stream.window'>> {
    return this.opened().streamWindow(input)
  }

  /** Events after the first `fromVersion` (the seed's `from_version`), at most `limit` of them. */
  async eventsRange(aggregateId: string, fromVersion: number, limit: number): Promise<NormalizedEvent[]> {
    return this.opened().eventsRange(aggregateId, fromVersion, limit)
  }

  async eventGet(input: { aggregateId: string; version: number }): Promise<NormalizedEvent> {
    return this.opened().eventGet(input)
  }

  /** A damaged line of the stream, read back whole from its offset; only lines with a finding. */
  async streamLine(input: { aggregateId: string; line: number }): Promise<ChannelOutput<'stream.line'>> {
    return this.opened().streamLine(input)
  }

  /**
   * The merge-patch state at a version, integers beyond 2^53 exact (bigints): turn it into contract
   * values with toWire (exact-wire.ts) or text with stringifyExact before it leaves main.
   */
  async stateAt(input: { aggregateId: string; version: number }): Promise<StateAnswer> {
    return this.opened().stateAt(input)
  }

  /** Event types of the store, most frequent first (for the append form's suggestions). */
  eventTypes(): ChannelOutput<'events.types'> | Promise<ChannelOutput<'events.types'>> {
    return this.opened().eventTypes()
  }

  /** The payload of the latest event of a type, preferably in the given aggregate: a template to edit. */
  async eventTemplate(input: {
    eventType: string
    aggregateId?: string | undefined
  }): Promise<ChannelOutput<'events.template'>> {
    return this.opened().eventTemplate(input)
  }

  /** The state the aggregate would have after one more event with this payload; writes nothing. */
  async preview(input: PreviewInput): Promise<ChannelOutput<'events.preview'>> {
    return this.opened().preview(input)
  }

  /** Append an event to the open store and take it in at once. */
  async append(input: AppendInput): Promise<ChannelOutput<'events.append'>> {
    return this.opened().append(input)
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
    const store = this.opened()
    if (spec.format === 'state') {
      const aggregateId = spec.aggregateIds[0]
      if (aggregateId === undefined || spec.aggregateIds.length !== 1)
        throw new StoreError('invalid_input', 'A state export takes exactly one aggregate.')
      // A database has no reducers: its state is the merge patch, whatever `stateOf` would say.
      const stateOf =
        store.kind === 'directory' && options.stateOf
          ? options.stateOf
          : (id: string, version: number) => store.stateAt({ aggregateId: id, version })
      const { version, state } = await store.outliving(
        stateOf(aggregateId, spec.version ?? Number.MAX_SAFE_INTEGER),
      )
      const { writeStateExport } = await import('../export/state-export')
      return writeStateExport(out, { aggregateId, version, state })
    }
    const { signal, onProgress } = options
    return store.exportEvents({ ...spec, format: spec.format }, out, {
      ...(signal ? { signal } : {}),
      ...(onProgress ? { onProgress } : {}),
    })
  }

  close(): void {
    const store = this.current
    this.current = null
    this.place = null
    this.focused = null
    this.listedAhead = null
    this.tasks.storeChanged()
    void store?.close()
  }

  private emit(event: PushEvent, payload: unknown): void {
    this.options.onEvent?.(event, payload)
  }

  /** The open store's directory. Throws no_store when none is open. */
  storeDir(): string {
    return this.directory().dir
  }

  /** An aggregate's stream index, read if it is not open yet: replays under other reducers start here. */
  async streamIndex(aggregateId: string): Promise<StreamIndex> {
    return this.directory().streamIndex(aggregateId)
  }

  /**
   * Take in files eventscope itself rewrote (repair cut a stream, reindex replaced index.json): the
   * index and the named stream files are read again and onStoreChanged is emitted, without waiting for
   * the watcher (which a one-shot session does not have).
   */
  async refreshAll(fileNames: readonly string[]): Promise<StoreSummary> {
    return this.directory().refreshAll(fileNames)
  }
}
