// Watching Emmett's PostgreSQL layout for new events by polling, as Emmett's own consumers do (the
// layout sends no notifications), or, when a trigger someone added notifies, by LISTEN (pg-notify.ts).
//
// Each tick reads the message sequence's last value: O(1), so an idle store costs one tiny query per
// interval. When it moved, the new messages are read in Emmett's consumer order, (transaction_id,
// global_position), and only from transactions older than every one still running
// (`transaction_id < pg_snapshot_xmin(pg_current_snapshot())`): a global position taken by a slow
// transaction that commits after a faster one is then never skipped, because neither shows until
// both are done. Emmett's layout has no index on those columns, so each tick that finds a change
// scans emt_messages once.

import type pg from 'pg'
import type { SourceChange, WatchOptions } from '../source'
import { listenToTable } from './pg-notify'

const sequenceSql = 'SELECT last_value::text AS last FROM emt_global_message_position'

const latestSql = `SELECT transaction_id::text AS tx, global_position::text AS position FROM emt_messages
  WHERE NOT is_archived AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  ORDER BY transaction_id DESC, global_position DESC LIMIT 1`

const newerSql = `SELECT stream_id, stream_position::text AS version, global_position::text AS position,
  transaction_id::text AS tx FROM emt_messages
  WHERE NOT is_archived AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
    AND (transaction_id, global_position) > ($1::xid8, $2::bigint)
  ORDER BY transaction_id, global_position LIMIT 1000`

interface ChangeRow {
  readonly stream_id: string
  readonly version: string
  readonly position: string
  readonly tx: string
}

interface Mark {
  tx: string
  position: string
}

/**
 * Watch `pool` for events after those present now: LISTEN when a trigger on emt_messages notifies
 * (pg-notify.ts), polling as a safety net; else poll. Returns the function that stops it.
 */
export function watchEmmettStore(
  pool: pg.Pool,
  onChange: (change: SourceChange) => void,
  options: WatchOptions = {},
): () => void {
  // Half a second: the follow promise of the app is "within a second". With notifications the poll
  // is only a safety net for one lost with a dropped connection: every five seconds.
  let interval = options.intervalMs ?? 500
  let stopped = false
  let timer: NodeJS.Timeout | null = null
  let mark: Mark | null = null
  let lastSequence: string | null = null
  let running = false
  let again = false
  let unlisten: (() => void) | null = null
  // Whether the last look failed: the next that succeeds says following goes on.
  let failing = false

  const tick = async (): Promise<void> => {
    const [sequence] = (await pool.query<{ last: string }>(sequenceSql)).rows
    if (mark !== null && sequence?.last === lastSequence) return
    if (mark === null) {
      const [latest] = (await pool.query<{ tx: string; position: string }>(latestSql)).rows
      mark = latest ?? { tx: '0', position: '0' }
      lastSequence = sequence?.last ?? null
      options.onReady?.()
      return
    }
    // Whether every transaction that took a position up to `sequence` has ended, asked BEFORE the rows
    // are read: then the read below sees all of them, and the sequence may be remembered. Asked after
    // the read (as it was), a transaction committing in between was neither read nor looked for again:
    // its event was never reported (seen under load in the tests). A transaction starting later gets a
    // higher id, so it never hides an earlier one from `transaction_id < xmin`.
    const settled = await nothingRunning(pool)
    // Read until caught up; the sequence is remembered only then, so a tick that failed halfway,
    // or rows still held back by a running transaction, are looked for again next time.
    for (;;) {
      const from: Mark = mark
      const result = await pool.query<ChangeRow>(newerSql, [from.tx, from.position])
      const rows: ChangeRow[] = result.rows
      for (const row of rows) {
        if (stopped) return
        mark = { tx: row.tx, position: row.position }
        onChange({ streamId: row.stream_id, version: Number(row.version), globalPosition: row.position })
      }
      if (rows.length < 1000) break
    }
    if (settled) lastSequence = sequence?.last ?? null
  }

  // One look at a time; a notification during a look makes one more right after it.
  const look = (): void => {
    if (stopped) return
    if (running) {
      again = true
      return
    }
    running = true
    if (timer !== null) clearTimeout(timer)
    timer = null
    tick()
      .then(() => {
        if (failing && !stopped) options.onResumed?.()
        failing = false
      })
      .catch((error: unknown) => {
        failing = true
        options.onError?.(error)
      })
      .finally(() => {
        running = false
        if (again && !stopped) {
          again = false
          look()
        } else schedule(interval)
      })
  }
  const schedule = (delay: number): void => {
    if (stopped) return
    timer = setTimeout(look, delay)
  }
  // A LISTEN connection that broke (the server stopped) is given up: polling goes on at its own
  // pace, and the next look that succeeds says following goes on.
  const listenFailed = (error: unknown): void => {
    interval = options.intervalMs ?? 500
    failing = true
    options.onError?.(error)
  }
  listenToTable(pool, 'emt_messages', look, listenFailed)
    .then((listening) => {
      if (listening === null) return
      if (stopped) return listening.stop()
      unlisten = listening.stop
      if (options.intervalMs === undefined) interval = 5000
    })
    .catch((error: unknown) => options.onError?.(error))
    .finally(() => schedule(0))
  return () => {
    stopped = true
    if (timer !== null) clearTimeout(timer)
    unlisten?.()
  }
}

// Whether no transaction older than now is still open, and none holds a global position it has not
// written yet: only then can rows below the sequence's value no longer appear, and the sequence be
// taken as seen. A writer takes its position (nextval) before it writes, and a transaction gets its
// id only at its first write: in between it is in no snapshot, so `xmin = xmax` alone called the
// store settled while that event was still to come, and it was never looked for again (a follower
// missed it until the next append). nextval locks the sequence until the transaction ends, which
// pg_locks shows to every role.
async function nothingRunning(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ idle: boolean }>(
    `SELECT pg_snapshot_xmin(pg_current_snapshot()) = pg_snapshot_xmax(pg_current_snapshot())
       AND NOT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'relation'
         AND relation = 'emt_global_message_position'::regclass AND mode = 'RowExclusiveLock'
         AND pid <> pg_backend_pid()) AS idle`,
  )
  return rows[0]?.idle === true
}
