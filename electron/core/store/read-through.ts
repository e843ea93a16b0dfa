// Reading an open store's streams through: each one stat'ed and judged against the scan cache (taken
// as cached, read on from its old end, or read whole), or with nothing cached, read whole on the
// workers. Apart from open-store.ts because it is the one hot path of reopening a big store, and it
// talks to the store through the few calls of ReadTarget only.
//
// Cost of a reopened store of n streams that did not change: n lstat on the workers (beside the
// cache's loading, stat-feed.ts), then n judgements on the main thread, each a lookup in the cache's
// sorted ids and five number compares, and n entries taken in; no stream opened.

import { lstat } from 'node:fs/promises'
import { readForCache, readOnFromCache } from '../scan-cache/cached-read'
import type { StampedReading } from '../scan-cache/readings-codec'
import type { Freshness, StoreCache } from '../scan-cache/store-cache'
import { readStreams, type OutcomeBatch, type StatBatch } from '../worker/off-thread'
import { StatKind, statWidth } from '../worker/worker-protocol'
import { StatFeed } from './stat-feed'
import { storeSnapshotBytes } from '../scan-cache/scan-cache'
import { workerFile, workerThresholds } from '../worker/run-task'
import { warmWorkers } from '../worker/warm-workers'
import { streamFileOf } from './store-files'

/** What reading through needs of the store it reads for (OpenStore). */
export interface ReadTarget {
  readonly dir: string
  readonly signal: AbortSignal
  /** The listed ids now (a new array whenever the listing changed). */
  listedNow(): readonly string[]
  isListed(id: string): boolean
  /** Whether the stream already has a reading (opened by the user meanwhile): not read again. */
  hasReading(id: string): boolean
  /** How many streams were read outside reading through so far (while it does not move, hasReading is false). */
  readElsewhere(): number
  takeEntry(id: string, entry: StampedReading, freshness: Freshness): void
  /**
   * Take the cache's entry of a stream whose file is as cached (judged `same`); `position`: where the
   * cache's columns hold it (StoreCache.positionOf, -1 when they do not).
   */
  takeCached(id: string, position: number): void
  /** A stream was judged changed or grown: it is read (whole or from its old end) once all are judged. */
  unspared(): void
  markUnreadable(id: string, code: string): void
  /** An entry named like a stream that is none (a link, a folder) leaves the listing. */
  drop(id: string, link: boolean): void
  /** After drops: the table's ids are worked out again. */
  idsChanged(): void
}

/** Taking outcomes in yields to the event loop after this long, so IPC is answered meanwhile. */
const takeSliceMs = 8

/**
 * Read the streams named, sparing those the cache still describes; false when cancelled. `early`: a
 * stat already started (used when it is for these very ids, else stopped).
 */
export async function readThrough(
  target: ReadTarget,
  ids: readonly string[],
  cache: StoreCache,
  onProgress: (done: number) => void,
  early: StatFeed | null = null,
): Promise<boolean> {
  if (!cache.knowsAny() || ids.length === 0) {
    early?.cancel()
    return readWhole(target, ids, onProgress)
  }
  const feed = early?.ids === ids ? early : new StatFeed(target.dir, ids, target.signal)
  if (feed !== early) early?.cancel()
  return statThrough(target, ids, cache, feed, onProgress)
}

/**
 * Start a stat of `ids` now for a readThrough later, when the store was likely cached (its listing or
 * index came from the cache's snapshot, or this process read it before); null otherwise, since a
 * store read whole for the first time opens every stream anyway. `threads`: at most that many.
 */
export function earlyStat(
  target: ReadTarget,
  ids: readonly string[],
  likelyCached: boolean,
  { threads, joined }: { readonly threads?: number; readonly joined?: Buffer | undefined } = {},
): StatFeed | null {
  return likelyCached && ids.length > 0 ? new StatFeed(target.dir, ids, target.signal, threads, joined) : null
}

/** Snapshot bytes per stream at least (an id, a time, a count): 100,000 UUID streams take 8.2 MB. */
const snapshotBytesPerStream = 100

/**
 * Start the threads a stat of this store will run on, before its listing is known, when the scan
 * cache's snapshot says the store is big enough to be stat'ed on workers (warm-workers.ts): their
 * start then overlaps the snapshot's reading. At most as many as the stat will use; none otherwise.
 */
export async function warmStat(dir: string): Promise<void> {
  const file = workerFile()
  if (file === null) return
  const streams = Math.floor((await storeSnapshotBytes(dir)) / snapshotBytesPerStream)
  const { minStreams, minStreamsPerThread, scanThreads } = workerThresholds()
  if (streams < minStreams) return
  warmWorkers(file, Math.min(scanThreads, Math.max(1, Math.floor(streams / minStreamsPerThread))))
}

// Judge every stream by its stat; read whole those that changed, read on those that grew.
async function statThrough(
  target: ReadTarget,
  ids: readonly string[],
  cache: StoreCache,
  feed: StatFeed,
  onProgress: (done: number) => void,
): Promise<boolean> {
  const judge = new StatJudge(target, ids, cache)
  let taken = 0
  const take = async (batch: StatBatch): Promise<void> => {
    let dropped = false
    for (let i = batch.from; i < batch.to && !target.signal.aborted;) {
      i = judge.run(batch, i, performance.now() + takeSliceMs)
      dropped ||= judge.dropped
      if (i < batch.to) await new Promise((resolve) => setImmediate(resolve))
    }
    if (target.signal.aborted) return
    if (dropped) target.idsChanged()
    taken += batch.to - batch.from
    onProgress(taken - judge.changed.length - judge.grown.length)
  }
  try {
    await feed.each(take)
  } catch (error) {
    if (target.signal.aborted) return false
    throw error
  }
  if (target.signal.aborted) return false
  const { changed, grown } = judge
  const judged = taken - changed.length - grown.length
  if (!(await readWhole(target, changed, (done) => onProgress(judged + done)))) return false
  for (const id of grown) await readOn(target, id, cache)
  return !target.signal.aborted
}

/**
 * The judging of stat batches, a slice at a time. A class with one synchronous loop, apart from the
 * awaits between slices: it is the main thread's one hot loop of a warm `list`, and V8 optimizes it
 * once, where the same loop inside an async function was compiled again after each deoptimization
 * (up to four times, 30–100 ms of compiling, on a 100,000-stream `list`).
 */
class StatJudge {
  readonly changed: string[] = []
  readonly grown: string[] = []
  /** Whether the last run dropped a stream (the table's ids are then worked out again). */
  dropped = false
  private readonly skip: ReturnType<typeof skipper>

  constructor(
    private readonly target: ReadTarget,
    private readonly ids: readonly string[],
    private readonly cache: StoreCache,
  ) {
    this.skip = skipper(target)
  }

  /** Judge `batch` from stream `from` on until its end or `deadline`; returns where it stopped. */
  run(batch: StatBatch, from: number, deadline: number): number {
    const { target, ids, cache, skip } = this
    this.dropped = false
    // A stream read elsewhere, a listing changed or a cancel happens only between awaits (or at a
    // drop here): asked once per run of the loop, not once per stream.
    let mayskip = skip.pending()
    const { columns } = batch
    for (let i = from, at = (from - batch.from) * statWidth; i < batch.to; i++, at += statWidth) {
      const id = ids[i] as string
      if (mayskip && skip.skips(id)) continue
      const kind = columns[at + 5]
      if (kind === StatKind.file) {
        // Looked up once for the verdict and the taking (O(1) in id order).
        const position = cache.positionOf(id)
        const verdict = cache.judgeAt(id, position, columns, at)
        if (verdict === 'same') target.takeCached(id, position)
        else {
          if (verdict === 'grown') this.grown.push(id)
          else this.changed.push(id)
          target.unspared()
        }
      } else if (kind === StatKind.failed) {
        target.markUnreadable(id, failureCode(batch, i - batch.from))
      } else {
        target.drop(id, kind === StatKind.link)
        this.dropped = true
        mayskip = skip.pending()
      }
      // The clock is read every 256 streams: 100,000 reads of it cost more than the taking.
      if ((i & 255) === 0 && performance.now() > deadline) return i + 1
    }
    return batch.to
  }
}

/**
 * Whether a stream is to be left alone: read meanwhile by the user, or no longer listed. O(1) while
 * neither happened (the usual case: two counters compared, no lookup among 100,000 ids).
 */
function skipper(target: ReadTarget): { pending(): boolean; skips(id: string): boolean } {
  const listedThen = target.listedNow()
  const readThen = target.readElsewhere()
  return {
    /** Whether anything happened since reading through began that may leave a stream alone. */
    pending: () => target.readElsewhere() !== readThen || target.listedNow() !== listedThen,
    skips: (id) =>
      (target.readElsewhere() !== readThen && target.hasReading(id)) ||
      (target.listedNow() !== listedThen && !target.isListed(id)),
  }
}

function failureCode(batch: StatBatch, at: number): string {
  return batch.failures.find(([failed]) => failed === at)?.[1] ?? 'error'
}

// Read the streams named whole (on the workers for many), taking each outcome in; false when cancelled.
async function readWhole(
  target: ReadTarget,
  ids: readonly string[],
  onProgress: (done: number) => void,
): Promise<boolean> {
  if (ids.length === 0) return !target.signal.aborted
  const skip = skipper(target)
  const take = async ({ from, to, outcomes }: OutcomeBatch): Promise<void> => {
    let sliceStart = performance.now()
    let dropped = false
    let named = 0
    for (let i = from; i < to; i++) {
      if (target.signal.aborted) return
      const id = ids[i] as string
      // With no known stamps every stream is read, so each one is named in its batch.
      const outcome = outcomes[named]?.aggregateId === id ? outcomes[named++] : undefined
      if (skip.skips(id)) continue
      if (outcome?.kind === 'read') target.takeEntry(id, outcome.entry, 'read')
      else if (outcome?.kind === 'failed') target.markUnreadable(id, outcome.code)
      else if (outcome?.kind === 'link' || outcome?.kind === 'not-file') {
        target.drop(id, outcome.kind === 'link')
        dropped = true
      }
      if ((i & 255) === 0 && performance.now() - sliceStart > takeSliceMs) {
        await new Promise((resolve) => setImmediate(resolve))
        sliceStart = performance.now()
      }
    }
    if (dropped) target.idsChanged()
  }
  try {
    // No known stamps: a stream was judged by its stat before it got here, or nothing is cached.
    await readStreams(
      { dir: target.dir, ids, knownColumns: null },
      {
        signal: target.signal,
        onOutcomes: take,
        onProgress: (done) => {
          if (!target.signal.aborted) onProgress(done)
        },
      },
    )
  } catch (error) {
    if (target.signal.aborted) return false
    throw error
  }
  return !target.signal.aborted
}

// A stream that grew since it was cached: read on from its old end when its old bytes stand, else whole.
async function readOn(target: ReadTarget, id: string, cache: StoreCache): Promise<void> {
  if (target.hasReading(id) || !target.isListed(id)) return
  const file = streamFileOf(target.dir, id)
  try {
    const info = await lstat(file)
    const known = cache.knownEntry(id)
    const extended = known && info.isFile() ? await readOnFromCache(file, id, known, info) : null
    if (extended) target.takeEntry(id, extended, 'extended')
    else if (info.isFile()) target.takeEntry(id, await readForCache(file, id), 'read')
    else target.drop(id, info.isSymbolicLink())
  } catch (error) {
    target.markUnreadable(id, (error as NodeJS.ErrnoException).code ?? 'error')
  }
}
