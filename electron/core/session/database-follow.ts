// Following a database for the session's open store (database-store.ts). The Source's watch reports
// one change per appended event, in the store's order; the streams named are taken in a burst at a
// time, so a stream's summary is read again once per burst (the changes queued behind the read fold
// into it), and one onStoreChanged names every stream of the burst. When the database goes away the
// page is told once per outage, and again when following goes on or cannot.

import type { Source } from '../source/source'

export interface FollowOptions {
  /** How often a source that polls looks, in milliseconds. */
  readonly intervalMs?: number | undefined
  /** Settles once the store's listing exists: changes wait for it before they are taken in. */
  readonly listed: Promise<void>
  readonly stopped: () => boolean
  /** Take in the named streams' new summaries and say so (one burst). */
  readonly take: (streamIds: readonly string[]) => Promise<void>
  /** What the page is to show about following (onStoreNotice); null: nothing any more. */
  readonly notice: (message: string | null) => void
}

/** The first wait before a burst whose reading failed is read again (a source's poll interval if set). */
const retryFirstMs = 500
const retryMaxMs = 5000

/**
 * Start watching: `stop` ends it (from the moment it starts); `ready` settles once the source knows
 * where the store is (events appended from then on are reported), or after a first look that failed,
 * which must not hold the store's opening.
 */
export function followSource(
  watch: NonNullable<Source['watch']>,
  options: FollowOptions,
): { readonly stop: () => void; readonly ready: Promise<void> } {
  const pending = new Set<string>()
  let draining = false
  const drain = async (): Promise<void> => {
    draining = true
    try {
      await options.listed
      // A burst whose reading failed (the database went away between the change and the read) is
      // kept and tried again, after a wait that doubles up to retryMaxMs: the watch has moved past
      // those changes and will not report them again, so a burst dropped was lost for good.
      let waitMs = options.intervalMs ?? retryFirstMs
      while (pending.size > 0 && !options.stopped()) {
        const ids = [...pending]
        pending.clear()
        try {
          await options.take(ids)
          waitMs = options.intervalMs ?? retryFirstMs
        } catch {
          for (const id of ids) pending.add(id)
          await new Promise((resolve) => setTimeout(resolve, waitMs))
          waitMs = Math.min(retryMaxMs, waitMs * 2)
        }
      }
    } finally {
      draining = false
    }
  }
  // Said once per change of what there is to say (each failed look would repeat it).
  let lastNotice: string | null = null
  const notice = (message: string | null): void => {
    if (options.stopped() || message === lastNotice) return
    lastNotice = message
    options.notice(message)
  }
  let isReady: () => void = () => {}
  const ready = new Promise<void>((resolve) => {
    isReady = resolve
  })
  const stop = watch(
    (change) => {
      pending.add(change.streamId)
      if (!draining) void drain().catch(() => {})
    },
    {
      ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
      onReady: () => isReady(),
      // The page learns the database went away, and that following goes on when it is back.
      onError: (error) => {
        isReady()
        // Once per outage: what the failing looks say changes as the server goes and comes.
        if (lastNotice === null) notice(`Following paused: ${lineOf(error)}; trying again until it is back.`)
      },
      onResumed: () => notice(null),
      onEnded: (error) => notice(`Following stopped: ${lineOf(error)}; open it again to follow it.`),
    },
  )
  return { stop, ready }
}

// An error's one line without its final period, to be set inside a sentence.
function lineOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '')
}
