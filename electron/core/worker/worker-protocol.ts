// The messages between the main thread and a stream worker. One task per worker: the task travels as
// `workerData`, the answers come back as messages, and cancelling is terminating the worker.

import type { FileIdentity, StreamReading } from '../store/stream-reading'
import type { StreamTransfer } from '../stream/stream-index'

export type WorkerTask =
  | {
      readonly kind: 'scan'
      readonly file: string
      readonly aggregateId: string
      readonly replay: boolean
    }
  | {
      readonly kind: 'read-streams'
      readonly streams: readonly StreamToRead[]
    }

export interface StreamToRead {
  readonly aggregateId: string
  readonly file: string
  /** The file as last read; when it still matches, the stream is not read again. */
  readonly known: FileIdentity | null
}

/** One stream's outcome: a new reading, `unchanged` (the known reading stands), or the error code. */
export type ReadOutcome =
  | { readonly aggregateId: string; readonly kind: 'read'; readonly reading: StreamReading }
  | { readonly aggregateId: string; readonly kind: 'unchanged' }
  | { readonly aggregateId: string; readonly kind: 'failed'; readonly code: string }

export type WorkerMessage =
  | { readonly kind: 'progress'; readonly done: number; readonly total: number }
  | { readonly kind: 'scanned'; readonly index: StreamTransfer }
  | { readonly kind: 'outcomes'; readonly outcomes: readonly ReadOutcome[] }
  | { readonly kind: 'done' }
  | { readonly kind: 'failed'; readonly code: string; readonly message: string }
