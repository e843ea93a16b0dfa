// `eventscope check` and the check.run channel: every version of every aggregate an invariant applies
// to, checked in version order, so the first violation reported is the first there is (never guessed by
// bisecting: an invariant need not stay broken once broken). A store of many or big streams is split
// into one shard per core, each checked on a worker thread; custom reducers run on this side.

import { availableParallelism } from 'node:os'
import { stat } from 'node:fs/promises'
import type { Reducer } from '../replay/reducer'
import type { ReplayFailure } from '../replay/replay-failure'
import { storeStreams } from '../scan/store-streams'
import { LinesLeftOut, type LinesLeftOutSummary } from '../scan/lines-left-out'
import type { StreamFile } from '../store/store-files'
import { runTask, workerFile, workerThresholds } from '../worker/run-task'
import type { CheckShardTask } from './check-shard'
import { checkStream, type StreamCheck, type Violation } from './check-stream'
import type { Invariant } from './invariants'

export type { Violation }

/** A custom reducer failed on an aggregate: versions from there on could not be checked. */
export interface CheckFailure {
  readonly aggregateId: string
  readonly aggregateType: string | null
  readonly failure: ReplayFailure
}

export interface CheckReport {
  /** Aggregates at least one invariant applied to. */
  readonly aggregates: number
  /** Versions checked. */
  readonly events: number
  readonly violations: Violation[]
  readonly failures: CheckFailure[]
  /** Lines that hold no event, met among the versions walked: no state was checked for them. */
  readonly leftOut: LinesLeftOutSummary
}

export interface CheckOptions {
  readonly signal?: AbortSignal
  /** Bytes of stream files done, of the total. */
  readonly onProgress?: (done: number, total: number) => void
  /** Each violation as it is found, in aggregate-id order (the CLI prints as it goes). */
  readonly onViolation?: (violation: Violation) => void
  /** Aggregate types `reducerFor` answers with a custom reducer (their streams stay on this thread). */
  readonly customTypes?: readonly string[]
}

/** Most shards, whatever the cores: each holds a worker thread and its heap. */
const maxShards = 8

/**
 * Check invariants over every stream of the store in `dir`, in aggregate-id order.
 *
 * O(store bytes) plus one evaluation per invariant per version, over min(cores, 8) workers when the
 * store has at least 200 streams or 8 MiB of them; a stream stops being read once every invariant that
 * applies to it is broken. `reducerFor` picks the reducer of an aggregate type.
 */
export async function checkStore(
  dir: string,
  invariants: readonly Invariant[],
  reducerFor: (aggregateType: string | null) => Reducer,
  options: CheckOptions = {},
): Promise<CheckReport> {
  const { streams, totalBytes } = await storeStreams(dir)
  const sizes = await Promise.all(streams.map((stream) => sizeOf(stream.file)))
  const progress = new Progress(totalBytes, options.onProgress)
  const shards = shardCount(streams.length, totalBytes)
  const sharded =
    shards > 1 ? await checkInShards(streams, sizes, shards, invariants, options, progress) : null
  const report: Omit<CheckReport, 'leftOut'> = { aggregates: 0, events: 0, violations: [], failures: [] }
  const leftOut = new LinesLeftOut()
  for (const [at, stream] of streams.entries()) {
    options.signal?.throwIfAborted()
    let result = sharded?.get(stream.aggregateId)
    if (result?.deferred) {
      // Its bytes were counted with its shard.
      result = await checkStream(
        stream,
        invariants,
        reducerFor,
        options.signal ? { signal: options.signal } : {},
      )
    } else if (!result) {
      const before = progress.done
      result = await checkStream(stream, invariants, reducerFor, {
        ...(options.signal ? { signal: options.signal } : {}),
        onBytes: (bytes) => progress.add(bytes),
      })
      progress.set(before + (sizes[at] as number))
    }
    take(report, result, options)
    leftOut.addCounted(stream.aggregateId, result.noEvent.lines, result.noEvent.first)
  }
  progress.finish()
  return { ...report, leftOut: leftOut.summary() }
}

function take(report: Omit<CheckReport, 'leftOut'>, result: StreamCheck, options: CheckOptions): void {
  const mutable = report as { aggregates: number; events: number }
  if (result.skipped) return
  mutable.aggregates++
  mutable.events += result.events
  for (const violation of result.violations) {
    report.violations.push(violation)
    options.onViolation?.(violation)
  }
  if (result.failure)
    report.failures.push({
      aggregateId: result.aggregateId,
      aggregateType: result.aggregateType,
      failure: result.failure,
    })
}

// Worth the threads (~50 ms each to start and load the core) for many streams or many bytes only.
function shardCount(streams: number, bytes: number): number {
  if (streams < 2 || workerFile() === null) return 1
  const { minStreams, minScanBytes } = workerThresholds()
  if (streams < minStreams && bytes < minScanBytes) return 1
  return Math.max(1, Math.min(availableParallelism(), maxShards, streams))
}

/** The merge-patch streams checked on workers, by aggregate id; streams of custom types come back deferred. */
async function checkInShards(
  streams: readonly StreamFile[],
  sizes: readonly number[],
  count: number,
  invariants: readonly Invariant[],
  options: CheckOptions,
  progress: Progress,
): Promise<Map<string, StreamCheck>> {
  // Biggest streams first, each to the lightest shard: shards end close together.
  const order = streams.map((_, at) => at).sort((a, b) => (sizes[b] as number) - (sizes[a] as number))
  const loads = Array.from({ length: count }, () => ({ bytes: 0, streams: [] as StreamFile[] }))
  for (const at of order) {
    const lightest = loads.reduce((best, load) => (load.bytes < best.bytes ? load : best))
    lightest.bytes += sizes[at] as number
    lightest.streams.push(streams[at] as StreamFile)
  }
  const specs = invariants.map(({ name, expression, types }) => ({ name, expression, types }))
  const shardDone = loads.map(() => 0)
  const results = new Map<string, StreamCheck>()
  await Promise.all(
    loads.map((load, shard) => {
      const task: CheckShardTask = {
        kind: 'check',
        streams: load.streams.map(({ aggregateId, file }) => ({ aggregateId, file })),
        invariants: specs,
        customTypes: options.customTypes ?? [],
      }
      let failed: Error | null = null
      return runTask(task, {
        offThread: true,
        ...(options.signal ? { signal: options.signal } : {}),
        onMessage: (message) => {
          if (message.kind === 'progress') {
            progress.add(message.done - (shardDone[shard] as number))
            shardDone[shard] = message.done
          } else if (message.kind === 'checked') {
            for (const result of message.results) results.set(result.aggregateId, result)
            progress.add(load.bytes - (shardDone[shard] as number))
            shardDone[shard] = load.bytes
          } else if (message.kind === 'failed') failed = new Error(message.message)
        },
      }).then(() => {
        if (failed) throw failed
      })
    }),
  )
  return results
}

/** Bytes done of the total, reported at most every 100 ms and once at the end. */
class Progress {
  done = 0
  private last = 0

  constructor(
    private readonly total: number,
    private readonly report?: (done: number, total: number) => void,
  ) {}

  add(bytes: number): void {
    this.set(this.done + bytes)
  }

  set(done: number): void {
    this.done = done
    const now = Date.now()
    if (now - this.last < 100) return
    this.last = now
    this.report?.(Math.min(this.done, this.total), this.total)
  }

  finish(): void {
    this.report?.(Math.min(this.done, this.total), this.total)
  }
}

function sizeOf(file: string): Promise<number> {
  return stat(file).then(
    (info) => info.size,
    () => 0,
  )
}
