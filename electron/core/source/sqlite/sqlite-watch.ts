// Watching a SQLite event store for new events by polling: SQLite tells no other process about a
// commit, so each tick asks for the highest global position (the rowid's maximum: one index probe)
// and, when it moved, reads the messages after the last one reported, in global order.
//
// Nothing is skipped: SQLite lets one writer commit at a time and global_position is the rowid, taken
// inside the writer's transaction, so a position below the maximum can no longer appear (Emmett never
// deletes messages; it archives them). The mark is taken when watching starts, so exactly the events
// appended after that are reported.

import type { SourceChange, SourceEvent, WatchOptions } from '../source'

/**
 * Poll with `last` (the highest global position) and `after` (events past one); returns stop.
 *
 * `gone` is asked first on each tick: a file removed or replaced still reads as it was through the
 * handle already open (SQLite keeps the old inode), so without it following would go quiet for ever
 * instead of saying it stopped. When it answers, watching ends (`onEnded`).
 */
export function pollSqliteStore(
  last: () => string,
  after: (position: string) => readonly SourceEvent[],
  onChange: (change: SourceChange) => void,
  options: WatchOptions & { readonly gone?: () => Error | null } = {},
): () => void {
  // Half a second: the follow promise of the app is "within a second".
  const interval = options.intervalMs ?? 500
  let stopped = false
  let timer: NodeJS.Timeout | null = null
  let mark = last()
  // Whether the last look failed (a lock held too long, say): the next that succeeds says so.
  let failing = false

  const tick = (): void => {
    const ended = options.gone?.() ?? null
    if (ended !== null) {
      stopped = true
      options.onEnded?.(ended)
      return
    }
    if (last() === mark) return
    // Read until caught up; the mark moves event by event, so a tick that fails halfway resumes.
    for (;;) {
      const events = after(mark)
      for (const event of events) {
        if (stopped) return
        mark = event.globalPosition ?? mark
        onChange({ streamId: event.streamId, version: event.version, globalPosition: event.globalPosition })
      }
      if (events.length === 0) return
    }
  }

  const schedule = (): void => {
    if (stopped) return
    timer = setTimeout(() => {
      try {
        tick()
        if (failing && !stopped) options.onResumed?.()
        failing = false
      } catch (error) {
        failing = true
        options.onError?.(error)
      }
      schedule()
    }, interval)
  }
  schedule()
  // The mark is taken: from here every append is reported. Told after returning, so a caller that
  // keeps the stop function has it by then.
  queueMicrotask(() => {
    if (!stopped) options.onReady?.()
  })
  return () => {
    stopped = true
    if (timer !== null) clearTimeout(timer)
  }
}
