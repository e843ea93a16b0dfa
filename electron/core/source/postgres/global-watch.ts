// Watching a read-only layout (Marten, Eventuous, Message DB, a mapped table with a global column) for
// new events by polling its global position, the store-wide sequence each of them keeps.
//
// Each tick asks for the events after the last position reported, in global order, on the position's
// own index: a tick that finds nothing costs one index probe. A sequence can leave a hole for a while
// (a transaction that took a number and has not committed yet) or for ever (one that rolled back, or
// Message DB's write_message refusing an expected version): reporting past a hole at once would skip
// the late event, waiting for ever would stop the watch. So, as Marten's and Eventuous' own
// subscriptions do, a hole holds the watch until it has been there `gapMs` (default 3 s), then is
// passed. An event whose transaction commits later than that after a higher one is missed; an event
// committed before the watch started is never reported (it is already there to read).

import type pg from 'pg'
import type { SourceChange, WatchOptions } from '../source'
import type { PgLayout } from './pg-layout'

export interface GlobalWatchOptions extends WatchOptions {
  /** How long a hole in the global sequence holds the watch before it is passed, in milliseconds. */
  readonly gapMs?: number
}

interface ChangeRow {
  readonly stream_id: string
  readonly version: string
  readonly position: string
}

const batch = 1000

/** The statements of a layout's watch: the last position now, and the events after one ($1). */
export function globalWatchSql(layout: PgLayout): { readonly latest: string; readonly after: string } | null {
  const { events } = layout
  const global = events.globalPosition
  if (global === null) return null
  const live = events.live === null ? '' : `${events.live} AND `
  const shift = 1 - events.firstPosition
  return {
    latest: `SELECT ${global}::text AS position FROM ${events.from}
      ${events.live === null ? '' : `WHERE ${events.live}`} ORDER BY ${global} DESC LIMIT 1`,
    after: `SELECT ${events.streamId} AS stream_id, (${events.position} + ${shift})::text AS version,
      ${global}::text AS position FROM ${events.from}
      WHERE ${live}${global} > $1::bigint ORDER BY ${global} LIMIT ${batch}`,
  }
}

/** Poll `pool` for events after those present now; returns the function that stops it. */
export function watchGlobalPosition(
  pool: pg.Pool,
  sql: { readonly latest: string; readonly after: string },
  onChange: (change: SourceChange) => void,
  options: GlobalWatchOptions = {},
): () => void {
  const interval = options.intervalMs ?? 500
  const gapMs = options.gapMs ?? 3000
  let stopped = false
  let timer: NodeJS.Timeout | null = null
  let mark: bigint | null = null
  // The hole the watch waits at: after which position, since when.
  let hole: { after: bigint; since: number } | null = null

  const tick = async (): Promise<void> => {
    if (mark === null) {
      const [latest] = (await pool.query<{ position: string }>(sql.latest)).rows
      mark = latest === undefined ? 0n : BigInt(latest.position)
      options.onReady?.()
      return
    }
    let at: bigint = mark
    for (;;) {
      const { rows } = await pool.query<ChangeRow>(sql.after, [at.toString()])
      for (const row of rows) {
        if (stopped) return
        const position = BigInt(row.position)
        if (position !== at + 1n && !holeIsOld(at)) return
        hole = null
        at = position
        mark = position
        onChange({ streamId: row.stream_id, version: Number(row.version), globalPosition: row.position })
      }
      if (rows.length < batch) return
    }
  }

  // Whether the hole after `at` has been open long enough to pass; starts its clock when first seen.
  const holeIsOld = (at: bigint): boolean => {
    const now = Date.now()
    if (hole === null || hole.after !== at) {
      hole = { after: at, since: now }
      return gapMs <= 0
    }
    return now - hole.since >= gapMs
  }

  // Whether the last look failed: the next that succeeds says following goes on.
  let failing = false
  const schedule = (delay: number): void => {
    if (stopped) return
    timer = setTimeout(() => {
      tick()
        .then(() => {
          if (failing && !stopped) options.onResumed?.()
          failing = false
        })
        .catch((error: unknown) => {
          failing = true
          options.onError?.(error)
        })
        .finally(() => schedule(interval))
    }, delay)
  }
  schedule(0)
  return () => {
    stopped = true
    if (timer !== null) clearTimeout(timer)
  }
}
