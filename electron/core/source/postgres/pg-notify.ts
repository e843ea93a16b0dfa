// Notifications as a store offers them: a trigger on its events table that calls pg_notify('channel',
// …) (or NOTIFY channel) after each insert. When there is one, the watch LISTENs on that channel and
// looks at once when told, polling only as a safety net; Emmett's layout ships no such trigger, so it
// is polled as Emmett's own consumers poll.
//
// A notification only says "look now": what is new is still read from the table in its order
// (emmett-watch.ts), so a lost, duplicated or early notification changes when, never what.

import type pg from 'pg'

/** The user-written triggers' function sources on a table ($1: the table, as to_regclass takes it). */
const triggerSourcesSql = `SELECT p.prosrc AS source FROM pg_catalog.pg_trigger t
  JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid
  WHERE t.tgrelid = to_regclass($1) AND NOT t.tgisinternal`

/** The channel a trigger function's source notifies with a literal name, or null. */
export function notifyChannelOf(source: string): string | null {
  const call = /pg_notify\s*\(\s*'((?:[^']|'')+)'/i.exec(source)
  if (call) return (call[1] as string).replace(/''/g, "'")
  const statement = /\bNOTIFY\s+(?:"((?:[^"]|"")+)"|([A-Za-z_][\w$]*))/i.exec(source)
  if (statement)
    return statement[1] !== undefined
      ? statement[1].replace(/""/g, '"')
      : (statement[2] as string).toLowerCase()
  return null
}

/**
 * LISTEN on the channel a trigger of `table` notifies, calling `onNotify` for each notification, on a
 * connection of its own held until the returned function is called. Resolves to null (nothing held)
 * when the table has no such trigger.
 */
export async function listenToTable(
  pool: pg.Pool,
  table: string,
  onNotify: () => void,
  onError: (error: unknown) => void,
): Promise<{ readonly channel: string; readonly stop: () => void } | null> {
  const { rows } = await pool.query<{ source: string }>(triggerSourcesSql, [table])
  const channel = rows.map((row) => notifyChannelOf(row.source)).find((found) => found !== null) ?? null
  if (channel === null) return null
  const client = await pool.connect()
  let stopped = false
  const notified = (message: pg.Notification): void => {
    if (message.channel === channel) onNotify()
  }
  // A connection that fails while listening is reported once and given up: polling goes on.
  const failed = (error: unknown): void => {
    if (stopped) return
    stop(true)
    onError(error)
  }
  const stop = (broken = false): void => {
    if (stopped) return
    stopped = true
    client.off('notification', notified)
    client.off('error', failed)
    client.release(broken)
  }
  client.on('notification', notified)
  client.on('error', failed)
  try {
    await client.query(`LISTEN "${channel.replace(/"/g, '""')}"`)
  } catch (error) {
    stop(true)
    throw error
  }
  return { channel, stop: () => stop() }
}
