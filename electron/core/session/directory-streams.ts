// The streams of an open directory that the user has opened for exploring: each one's StreamIndex
// (byte offsets of its lines, checkpoints), read once (from the scan cache, or on a worker thread
// with progress), shared by every caller asking meanwhile, kept while the store is open, and taken
// further when its file grows. Part of the directory's store (directory-store.ts): no database has
// byte positions.

import type { StreamInfo } from '../../../shared/contract'
import { StoreError } from '../errors'
import type { OpenStore } from '../store/open-store'
import { cachedScan, keepScan } from '../stream-facts/cached-scan'
import { OpenedStreams } from '../stream-facts/opened-streams'
import { extendStream, isStale, type StreamIndex } from '../stream/stream-index'
import { problemRows } from '../stream/timeline'
import type { TaskRegistry } from '../tasks/task-registry'
import { openStreamIndex } from '../worker/off-thread'

export interface OpenedStream {
  readonly index: StreamIndex
  readonly info: StreamInfo
}

export interface DirectoryStreamsOptions {
  readonly tasks: TaskRegistry
  /** Keep the scans of streams read cold in the persistent scan cache at close (the CLI). */
  readonly keepScans: boolean
  /** An opened stream was taken further: what was derived from its old length is stale. */
  readonly onExtended: (index: StreamIndex) => void
}

export class DirectoryStreams {
  private readonly streams = new OpenedStreams()
  /** Streams being read, by aggregate: callers asking meanwhile share the read. */
  private readonly opening = new Map<string, { promise: Promise<OpenedStream>; taskId: string }>()
  private readonly infos = new WeakMap<StreamIndex, StreamInfo>()
  /** Streams read cold (or read on) while open, to keep in the scan cache at close (keepScans). */
  private readonly unkept = new Set<StreamIndex>()
  private closed = false

  constructor(
    private readonly store: OpenStore,
    private readonly options: DirectoryStreamsOptions,
  ) {}

  /** An aggregate's stream, read if it is not open yet, taken further if its file grew. */
  async get(aggregateId: string): Promise<OpenedStream> {
    const { store } = this
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
    // An entry named like the stream that is a link or no file is refused for safety, and said so.
    const missing = async (): Promise<StoreError> => {
      const refused = store.refusedEntry(aggregateId)
      if (refused !== null) return new StoreError('forbidden', refused)
      return new StoreError(
        'not_found',
        (await store.knows(aggregateId))
          ? `The stream file of ${aggregateId} is missing`
          : `No aggregate ${aggregateId} in this store`,
      )
    }
    if (!store.streamFile(aggregateId)) throw await missing()
    const { tasks } = this.options
    const taskId = tasks.newId('stream.read')
    // The listing has names only: the entry is checked to be a file (not a link) before it is read.
    // Progress only after 200 ms: small streams open without a flicker.
    const opening = tasks
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
        if (!this.closed) {
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

  /** Take in what was appended to an opened stream; null when it is not open or cannot be extended. */
  async extendCached(aggregateId: string): Promise<StreamIndex | null> {
    const cached = this.streams.get(aggregateId)
    if (!cached || !(await isStale(cached))) return cached ?? null
    if (!(await extendStream(cached))) return null
    this.infos.delete(cached)
    this.options.onExtended(cached)
    return cached
  }

  /** Stop reading a stream still being read: its callers get a `cancelled` error. */
  abandon(aggregateId: string): void {
    const pending = this.opening.get(aggregateId)
    if (!pending) return
    this.opening.delete(aggregateId)
    this.options.tasks.cancel(
      pending.taskId,
      `Reading ${aggregateId} was abandoned: another aggregate or store was opened`,
    )
  }

  /** Let every stream go; the scans read cold are kept for the next process when asked to (keepScans). */
  close(): void {
    this.closed = true
    // After the answer (the CLI closes once it has printed), so that writing the cache never delays it.
    for (const index of this.unkept) void keepScan(this.store.dir, index).catch(() => false)
    this.unkept.clear()
    this.streams.clear()
    for (const aggregateId of [...this.opening.keys()]) this.abandon(aggregateId)
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
}
