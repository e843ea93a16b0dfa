// The messages between the main thread and a stream worker. One task per worker: the task travels as
// `workerData`, the answers come back as messages, and cancelling is terminating the worker.

import type { EnvelopeStyle } from '../../../shared/contract'
import type { StampedReading } from '../scan-cache/readings-codec'
import type { StreamStamp } from '../scan-cache/stream-stamp'
import type { CheckShardTask } from '../check/check-shard'
import type { StreamCheck } from '../check/check-stream'
import type { StreamTransfer } from '../stream/stream-index'
import type { FoundChunk } from '../scan/find-chunk'
import type { Needle } from '../scan/needle-finder'
import type { ChunkPlan } from '../stream/chunked-scan'

export type WorkerTask =
  /** A shard of a store-wide invariant check (check/check-shard.ts). */
  | CheckShardTask
  | {
      readonly kind: 'scan'
      readonly file: string
      readonly aggregateId: string
      readonly replay: boolean
    }
  | {
      /** One chunk of a big stream (chunked-scan.ts): its scan comes back as `scanned`. */
      readonly kind: 'scan-chunk'
      readonly file: string
      readonly aggregateId: string
      readonly from: number
      readonly until: number
      readonly style: EnvelopeStyle
    }
  | {
      /**
       * Pieces of a big stream searched with byte needles (scan/find-pieces.ts), claimed one after
       * another through `claims` (an Int32Array of one on a SharedArrayBuffer, shared with the other
       * threads searching the stream): each claimed piece comes back as `found`, then `done`.
       */
      readonly kind: 'find-pieces'
      readonly file: string
      readonly pieces: readonly ChunkPlan[]
      readonly claims: Int32Array
      readonly style: EnvelopeStyle
      readonly needles: readonly (readonly Needle[])[]
    }
  | {
      readonly kind: 'read-streams'
      readonly dir: string
      /**
       * Aggregate ids joined by NUL (no file name holds one): one string crosses to the worker as one
       * copy, where 100,000 strings (or objects) were serialized one by one on the main thread.
       */
      readonly ids: string
      /**
       * Each stream's stamp as cached, `knownWidth` numbers a stream (size, mtimeMs, ctimeMs, ino, dev;
       * NaN size: none): a stream whose file still stat's so is not read again.
       */
      readonly known: Float64Array | null
    }
  | {
      /**
       * lstat every stream named (ids joined by NUL, as for read-streams, or those ASCII ids' bytes,
       * decoded on the thread) and send the numbers back as columns (`stats`): a reopened store's
       * streams are judged against the cache on the main thread, so the stat can start before the
       * cache is even loaded.
       */
      readonly kind: 'stat-streams'
      readonly dir: string
      readonly ids: string | Uint8Array
    }

/** Sent back by the main thread for each batch of outcomes it has taken in (flow control). */
export interface Ack {
  readonly kind: 'ack'
}

/** Numbers per stream in a `stats` message: size, mtimeMs, ctimeMs, ino, dev, then its StatKind. */
export const statWidth = 6

/** What an lstat found, the last number of a stream's stat columns. */
export const StatKind = { file: 0, link: 1, other: 2, failed: 3 } as const

/** Numbers per stream in `known`. */
export const knownWidth = 5

/** The part of a stamp stat can check. */
export type KnownFile = Pick<StreamStamp, 'size' | 'mtimeMs' | 'ctimeMs' | 'ino' | 'dev'>

/**
 * One stream's outcome: a new reading (stamped for the cache), `unchanged` (the known reading stands;
 * never sent: a batch's streams not named in it are the unchanged ones),
 * `grown` (same file, longer: the main thread reads on from the cached end, which it holds), `link`
 * (a symbolic link, not followed), `not-file` (a folder or other entry named like a stream), or the
 * error code.
 */
export type ReadOutcome =
  | { readonly aggregateId: string; readonly kind: 'read'; readonly entry: StampedReading }
  | { readonly aggregateId: string; readonly kind: 'unchanged' }
  | { readonly aggregateId: string; readonly kind: 'grown' }
  | { readonly aggregateId: string; readonly kind: 'link' }
  | { readonly aggregateId: string; readonly kind: 'not-file' }
  | { readonly aggregateId: string; readonly kind: 'failed'; readonly code: string }

export type WorkerMessage =
  | { readonly kind: 'progress'; readonly done: number; readonly total: number }
  | { readonly kind: 'scanned'; readonly index: StreamTransfer }
  | {
      /**
       * The task's streams `from` to `to` (positions in its ids, `to` excluded) were stat'ed; `outcomes`
       * names, in order, those that were not as known. The rest are unchanged: a reopened store of
       * 100,000 streams sends 100,000 positions' worth of nothing instead of 100,000 objects.
       */
      readonly kind: 'outcomes'
      readonly from: number
      readonly to: number
      readonly outcomes: readonly ReadOutcome[]
    }
  | {
      /**
       * A stat-streams task's streams `from` to `to` (positions in its ids, `to` excluded): `statWidth`
       * numbers each in `columns` (transferred), and the error code of each one whose lstat failed
       * (`at` counted from `from`).
       * Sent without waiting for an ack: a batch is 10,000 streams, a few per store.
       */
      readonly kind: 'stats'
      readonly from: number
      readonly to: number
      readonly columns: Float64Array
      readonly failures: readonly (readonly [at: number, code: string])[]
    }
  | { readonly kind: 'checked'; readonly results: readonly StreamCheck[] }
  | { readonly kind: 'found'; readonly piece: number; readonly chunk: FoundChunk }
  | { readonly kind: 'done' }
  | { readonly kind: 'failed'; readonly code: string; readonly message: string }

/** The message a task that threw ends with (errors are posted, never thrown across the thread). */
export function failedMessage(error: unknown): WorkerMessage {
  const code = (error as NodeJS.ErrnoException).code ?? 'error'
  return { kind: 'failed', code, message: error instanceof Error ? error.message : String(error) }
}
