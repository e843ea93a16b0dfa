// Coalesces a stream of requests into at most one in flight, always finishing on the latest one.
//
// Dragging the version slider produces dozens of positions per second; asking the host for each would
// queue stale work behind the one the user is looking at. Instead: one request in flight; when it
// settles, if the wanted key moved meanwhile, ask for the newest key only. Intermediate positions are
// skipped, and every settled result is delivered so the view keeps moving while dragging.

export type Outcome<R> =
  { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown }

export interface Coalescer<K> {
  /** Ask for `key`; runs now if idle, otherwise replaces whatever was waiting. */
  request(key: K): void
  /** Forget the waiting request (the in-flight one still settles and is delivered). */
  clear(): void
  /** Whether a request is in flight. */
  busy(): boolean
}

/** Build a coalescer around an async `run` whose outcomes go to `deliver`. */
export function createCoalescer<K, R>(options: {
  run: (key: K) => Promise<R>
  deliver: (key: K, outcome: Outcome<R>) => void
  same?: (a: K, b: K) => boolean
}): Coalescer<K> {
  const same = options.same ?? Object.is
  let inFlight: { key: K } | null = null
  let waiting: { key: K } | null = null

  const start = (key: K): void => {
    inFlight = { key }
    let promise: Promise<R>
    try {
      promise = options.run(key)
    } catch (error) {
      promise = Promise.reject(error)
    }
    promise.then(
      (value) => settle(key, { ok: true, value }),
      (error: unknown) => settle(key, { ok: false, error }),
    )
  }

  const settle = (key: K, outcome: Outcome<R>): void => {
    inFlight = null
    const next = waiting
    waiting = null
    options.deliver(key, outcome)
    if (next && !same(next.key, key)) start(next.key)
  }

  return {
    request(key) {
      if (inFlight) {
        waiting = same(inFlight.key, key) ? null : { key }
        return
      }
      start(key)
    },
    clear() {
      waiting = null
    },
    busy() {
      return inFlight !== null
    },
  }
}
