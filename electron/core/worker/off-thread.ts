// The heavy reads of the explorer, off the main thread: opening a stream (one pass with replay) and
// reading every stream of a store (reconciliation). The main thread stays free to answer IPC meanwhile.

import { isAscii } from 'node:buffer'
import { stat } from 'node:fs/promises'
import { StoreError } from '../errors'
import { StreamIndex } from '../stream/stream-index'
import { scanInParallel } from './parallel-scan'
import { runTask, workerThresholds } from './run-task'
import { knownWidth, type KnownFile, type ReadOutcome, type WorkerMessage } from './worker-protocol'

export interface OpenControl {
  readonly signal?: AbortSignal | undefined
  /** Bytes read and the file size, at most every 50 ms. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined
}

/**
 * Scan a stream with replay, on a worker thread when it is big enough to be worth one, and in chunks
 * on as many threads as the machine has cores when it has more than one (parallel-scan.ts).
 *
 * O(file size) on the worker; the main thread then pays only the hand-over: position columns are
 * transferred (no copy) and checkpoint states structured-cloned: for the 3,628 checkpoints of a
 * 1M-event stream the main thread stalled at most 93 ms in all (event-loop lag measured while opening).
 */
export async function openStreamIndex(
  file: string,
  aggregateId: string,
  control: OpenControl = {},
): Promise<StreamIndex> {
  const size = (await stat(file)).size
  const { minScanBytes, scanThreads } = workerThresholds()
  if (size >= minScanBytes && scanThreads > 1) {
    const joined = await scanInParallel(file, aggregateId, scanThreads, control)
    if (joined) return joined
  }
  let index: StreamIndex | null = null
  let failed: Error | null = null
  await runTask(
    { kind: 'scan', file, aggregateId, replay: true },
    {
      signal: control.signal,
      offThread: size >= minScanBytes,
      onMessage: (message) => {
        if (message.kind === 'progress') control.onProgress?.(message.done, message.total)
        else if (message.kind === 'scanned') index = StreamIndex.fromTransfer(message.index)
        else if (message.kind === 'failed') failed = failure(message)
      },
    },
  )
  if (failed) throw failed
  if (!index) throw new StoreError('internal', `Reading the stream of ${aggregateId} ended without a result`)
  return index
}

/**
 * What a batch of streams came to: the streams at positions `from` to `to` (excluded) of the ids read;
 * `outcomes` names, in order, those not as known, and every other one of them is unchanged.
 */
export interface OutcomeBatch {
  readonly from: number
  readonly to: number
  readonly outcomes: readonly ReadOutcome[]
}

/** Every outcome of a batch, the unchanged ones spelled out (for callers that want objects). */
export function outcomesOf(ids: readonly string[], batch: OutcomeBatch): ReadOutcome[] {
  const all: ReadOutcome[] = []
  let named = 0
  for (let i = batch.from; i < batch.to; i++) {
    const outcome = batch.outcomes[named]
    const aggregateId = ids[i] as string
    if (outcome?.aggregateId === aggregateId) {
      all.push(outcome)
      named++
    } else all.push({ aggregateId, kind: 'unchanged' })
  }
  return all
}

export interface ReadStreamsControl {
  readonly signal?: AbortSignal | undefined
  /** Takes a batch of outcomes in; the next batch waits until a returned promise settles. */
  readonly onOutcomes: (batch: OutcomeBatch) => void | Promise<void>
  /** Streams done and streams in all. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined
}

/** The streams of a store to read: ids, and the files as last read where known. */
export interface StreamsToRead {
  readonly dir: string
  readonly ids: readonly string[]
  /** The file of each id as cached, or null (then it is read whatever it looks like). */
  readonly known?: ((aggregateId: string, i: number) => KnownFile | null) | undefined
  /** The same as columns, `knownWidth` numbers an id (NaN size: none); used instead of `known`. */
  readonly knownColumns?: Float64Array | null | undefined
}

/**
 * Read many streams without replay (counts, last times, problems), skipping those that did not change.
 *
 * A big store is cut into one contiguous part per core (scanThreads), each read on a thread of its
 * own: outcomes arrive in order within a part, parts interleave. Progress counts all parts.
 */
export async function readStreams(streams: StreamsToRead, control: ReadStreamsControl): Promise<void> {
  // Each part gets minStreamsPerThread streams at least (default 5,000): a thread costs ~30 ms to start.
  const { minStreams, scanThreads, minStreamsPerThread } = workerThresholds()
  const offThread = streams.ids.length >= minStreams
  const parts = offThread
    ? Math.max(1, Math.min(scanThreads, Math.floor(streams.ids.length / minStreamsPerThread)))
    : 1
  const known = streams.knownColumns !== undefined ? streams.knownColumns : knownColumns(streams)
  const size = Math.ceil(streams.ids.length / parts)
  const done = new Array<number>(parts).fill(0)
  let failed: Error | null = null
  await Promise.all(
    Array.from({ length: parts }, (_, part) => {
      const from = part * size
      const to = Math.min(streams.ids.length, from + size)
      return runTask(
        {
          kind: 'read-streams',
          dir: streams.dir,
          ids: streams.ids.slice(from, to).join('\u0000'),
          known: known && known.slice(from * knownWidth, to * knownWidth),
        },
        {
          signal: control.signal,
          offThread,
          onMessage: (message) => {
            if (message.kind === 'outcomes')
              return control.onOutcomes({
                from: from + message.from,
                to: from + message.to,
                outcomes: message.outcomes,
              })
            if (message.kind === 'progress') {
              done[part] = message.done
              control.onProgress?.(
                done.reduce((sum, count) => sum + count, 0),
                streams.ids.length,
              )
            } else if (message.kind === 'failed') failed = failure(message)
          },
        },
      )
    }),
  )
  if (failed) throw failed
}

/** The stats of streams `from` to `to` of the ids stat'ed (stat-task.ts): `statWidth` numbers each. */
export interface StatBatch {
  readonly from: number
  readonly to: number
  readonly columns: Float64Array
  /** Position (from `from`) and error code of each stream whose lstat failed. */
  readonly failures: readonly (readonly [at: number, code: string])[]
}

/**
 * lstat every stream named, on one thread per core for a big store (in-process for a small one);
 * batches arrive in order within a part, parts interleave. O(streams) system calls, no read.
 */
export async function statStreams(
  dir: string,
  ids: readonly string[],
  control: {
    readonly signal?: AbortSignal | undefined
    readonly onStats: (batch: StatBatch) => void
    readonly onProgress?: ((done: number, total: number) => void) | undefined
    /** Threads at most (default: one per core). */
    readonly threads?: number | undefined
    /** `ids` NUL-joined as bytes, when the caller has them (a snapshot's listing): not joined again. */
    readonly joined?: Buffer | undefined
  },
): Promise<void> {
  const { minStreams, scanThreads, minStreamsPerThread } = workerThresholds()
  const offThread = ids.length >= minStreams
  const threads = Math.min(scanThreads, control.threads ?? scanThreads)
  const parts = offThread ? Math.max(1, Math.min(threads, Math.floor(ids.length / minStreamsPerThread))) : 1
  const size = Math.ceil(ids.length / parts)
  const done = new Array<number>(parts).fill(0)
  const partText = partTexts(ids, control.joined)
  let failed: Error | null = null
  await Promise.all(
    Array.from({ length: parts }, (_, part) => {
      const from = part * size
      const to = Math.min(ids.length, from + size)
      return runTask(
        { kind: 'stat-streams', dir, ids: partText(from, to) },
        {
          signal: control.signal,
          offThread,
          onMessage: (message) => {
            // A literal of one shape: batches spread from each thread's messages had two shapes, and
            // the loop taking them in was compiled again for the second (read-through.ts).
            if (message.kind === 'stats')
              control.onStats({
                from: from + message.from,
                to: from + message.to,
                columns: message.columns,
                failures: message.failures,
              })
            else if (message.kind === 'progress') {
              done[part] = message.done
              control.onProgress?.(
                done.reduce((sum, count) => sum + count, 0),
                ids.length,
              )
            } else if (message.kind === 'failed') failed = failure(message)
          },
        },
      )
    }),
  )
  if (failed) throw failed
}

/**
 * The ids `from` to `to` NUL-joined, as a stat task takes them: their bytes cut from `joined` where it
 * is ASCII and holds exactly `ids` (a byte per character; the thread decodes them), else a string
 * joined here. Joining 100,000 ids took the main thread 14-70 ms before the stat could start, and
 * decoding the cut bytes to strings here as long again, with the page drawing its first rows beside.
 */
function partTexts(
  ids: readonly string[],
  joined: Buffer | undefined,
): (from: number, to: number) => string | Uint8Array {
  const join = (from: number, to: number): string => ids.slice(from, to).join('\u0000')
  if (!joined || !isAscii(joined)) return join
  const startOf = new Float64Array(ids.length + 1)
  for (let i = 0; i < ids.length; i++) startOf[i + 1] = (startOf[i] as number) + (ids[i] as string).length + 1
  if (Math.max(0, (startOf[ids.length] as number) - 1) !== joined.length) return join
  const bytesOf = (from: number, to: number): Buffer =>
    joined.subarray(startOf[from], from >= to ? startOf[from] : (startOf[to] as number) - 1)
  // The text of the ids given, checked at both ends (the length already adds up).
  const end = ids.length - 1
  if (
    ids.length > 0 &&
    (bytesOf(0, 1).toString('latin1') !== ids[0] || bytesOf(end, end + 1).toString('latin1') !== ids[end])
  )
    return join
  // A copy of its own: a view into the snapshot's body would send the whole body to the thread.
  return (from, to) => new Uint8Array(bytesOf(from, to))
}

// Five numbers per stream (NaN where unknown) cross to the worker in one buffer.
function knownColumns({ ids, known }: StreamsToRead): Float64Array | null {
  if (!known) return null
  const columns = new Float64Array(ids.length * knownWidth).fill(Number.NaN)
  let any = false
  for (let i = 0; i < ids.length; i++) {
    const file = known(ids[i] as string, i)
    if (!file) continue
    any = true
    const at = i * knownWidth
    columns[at] = file.size
    columns[at + 1] = file.mtimeMs
    columns[at + 2] = file.ctimeMs
    columns[at + 3] = file.ino
    columns[at + 4] = file.dev
  }
  return any ? columns : null
}

function failure(message: Extract<WorkerMessage, { kind: 'failed' }>): Error {
  return Object.assign(new Error(message.message), { code: message.code })
}
