// A shard of a store-wide check: some of its streams, checked under the merge patch in one worker
// thread (or in-process where no worker is built). Streams whose type has a custom reducer come back
// deferred: a reducer's sandbox lives on the main thread's side.

import { mergePatchReducer } from '../replay/reducer'
import { compileInvariant, type InvariantSpec } from './invariants'
import { checkStream, type StreamCheck } from './check-stream'

export interface CheckShardTask {
  readonly kind: 'check'
  readonly streams: readonly { readonly aggregateId: string; readonly file: string }[]
  /** As given: parsed again on the other side (parsed expressions are not sent). */
  readonly invariants: readonly InvariantSpec[]
  /** Aggregate types with a custom reducer: deferred to the main thread. */
  readonly customTypes: readonly string[]
}

export type CheckShardMessage =
  | { readonly kind: 'progress'; readonly done: number; readonly total: number }
  | { readonly kind: 'checked'; readonly results: readonly StreamCheck[] }

/** Check the shard's streams in order; progress is bytes done in this shard (total unknown: 0). */
export async function checkShard(
  task: CheckShardTask,
  post: (message: CheckShardMessage) => void | Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const invariants = task.invariants.map(compileInvariant)
  const custom = new Set(task.customTypes)
  const results: StreamCheck[] = []
  let done = 0
  let reportedAt = 0
  for (const stream of task.streams) {
    signal?.throwIfAborted()
    const result = await checkStream(
      stream,
      invariants,
      (type) => (type !== null && custom.has(type) ? null : mergePatchReducer),
      {
        ...(signal ? { signal } : {}),
        onBytes: (bytes) => {
          done += bytes
          const now = Date.now()
          if (now - reportedAt < 100) return
          reportedAt = now
          void post({ kind: 'progress', done, total: 0 })
        },
      },
    )
    results.push(result)
  }
  await post({ kind: 'checked', results })
}
