// A reader that pushes (a callback per chunk of a file) turned into an async iterable that is pulled:
// the reader waits at each batch until the consumer asks for the next one, so memory holds at most
// the batch being consumed and the one being read, whatever the stream's length.
//
// A consumer that stops early (break, return, a throw) makes the reader's next `emit` reject, which
// ends the reader's work; its file handles close in its own `finally`, awaited here.

/** Hands one batch to the consumer; resolves when the consumer is ready for the next. */
export type Emit<T> = (batch: readonly T[]) => Promise<void>

const stopped = Symbol('the consumer stopped reading')

/** Run `produce`, yielding each batch it emits, in order; its failure is thrown to the consumer. */
export async function* pullBatches<T>(
  produce: (emit: Emit<T>) => Promise<void>,
): AsyncGenerator<readonly T[]> {
  type Pending = { batch: readonly T[]; taken: () => void; refuse: (reason: unknown) => void }
  let pending: Pending | null = null
  let wake: (() => void) | null = null
  let cancelled = false
  let finished = false
  let failure: { error: unknown } | null = null
  const wakeConsumer = (): void => {
    const resume = wake
    wake = null
    resume?.()
  }
  const emit: Emit<T> = (batch) =>
    new Promise<void>((resolve, reject) => {
      if (cancelled) {
        reject(stopped)
        return
      }
      pending = { batch, taken: resolve, refuse: reject }
      wakeConsumer()
    })
  const running = produce(emit).then(
    () => {
      finished = true
      wakeConsumer()
    },
    (error: unknown) => {
      if (error !== stopped) failure = { error }
      finished = true
      wakeConsumer()
    },
  )
  try {
    for (;;) {
      if (pending === null && !finished) await new Promise<void>((resolve) => (wake = resolve))
      const next = pending as Pending | null
      if (next !== null) {
        pending = null
        // The reader reads on while the consumer works on this batch: two batches at most.
        next.taken()
        if (next.batch.length > 0) yield next.batch
        continue
      }
      if (failure !== null) throw (failure as { error: unknown }).error
      return
    }
  } finally {
    // A reader waiting with its next batch is told to stop; one still reading meets `cancelled`.
    cancelled = true
    ;(pending as Pending | null)?.refuse(stopped)
    await running
  }
}
