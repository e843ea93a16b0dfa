// The scan cache's writes still under way in this process. A process that must end before its work
// is done (the CLI whose output pipe was closed: `eventscope list DIR | head`) waits for these first,
// else it kills a write halfway: the store's readings kept without its snapshot, or neither, and a
// temp file left behind. Nothing here imports anything, so the CLI's start-up pays nothing for it.

const pending = new Set<Promise<unknown>>()

/** Track `write` until it settles; returns it. */
export function trackCacheWrite<T>(write: Promise<T>): Promise<T> {
  pending.add(write)
  const done = (): void => {
    pending.delete(write)
  }
  write.then(done, done)
  return write
}

/** Settles once no cache write is under way (each write is a few file operations: bounded). */
export async function cacheWritesSettled(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending])
}
