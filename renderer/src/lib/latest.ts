// "The latest answer wins": a gate that lets through only the answer to the newest question asked.
//
// Several slices ask the host something the user may ask again before the first answer arrives (open
// a stream, diff two versions, the histogram, the store as of T). An older answer landing after a newer
// one would show the wrong thing; this gate replaces the hand-kept ticket counters each slice had.
// `supersede` makes every answer on its way stale (the store builder calls it for every gate when a
// new store is opened, so no slice has to remember to).

export interface Latest {
  /** Start a new question; the returned check stays true until a newer one starts or `supersede`. */
  next(): () => boolean
  /** Ask `work` as the newest question: `onValue` or `onError` runs only if it is still the newest. */
  run<T>(work: Promise<T>, onValue: (value: T) => void, onError?: (error: unknown) => void): void
  /** Make every question in flight stale. */
  supersede(): void
}

/** A new gate with nothing in flight. */
export function createLatest(): Latest {
  let generation = 0
  const next = (): (() => boolean) => {
    const mine = ++generation
    return () => mine === generation
  }
  return {
    next,
    run(work, onValue, onError) {
      const current = next()
      work.then(
        (value) => {
          if (current()) onValue(value)
        },
        (error: unknown) => {
          if (current()) onError?.(error)
        },
      )
    },
    supersede() {
      generation++
    },
  }
}
