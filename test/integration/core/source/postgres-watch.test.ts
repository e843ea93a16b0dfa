// Watching a PostgreSQL store in Emmett's layout for new events, on a real server: appends by Emmett
// itself are reported in order, nothing from before the watch began, and an event whose transaction
// is still open is held back until it commits, so one committed later with a lower position is
// never skipped.

import { getPostgreSQLEventStore, type PostgresEventStore } from '@event-driven-io/emmett-postgresql'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { watchEmmettStore } from '../../../../electron/core/source/postgres/emmett-watch'
import { openPostgresSource } from '../../../../electron/core/source/postgres/postgres-source'
import type { Source, SourceChange } from '../../../../electron/core/source/source'
import { writeEmmettStore } from '../../../fixtures/emmett-postgres-store'
import { postgresSkipReason, startPostgres, type PostgresServer } from '../../../support/postgres-server'
import { until } from '../../../support/until'

const noPostgres = postgresSkipReason()
if (noPostgres !== null) console.log(`Skipping the PostgreSQL tests of this file: ${noPostgres}`)

let server: PostgresServer
let url: string
let source: Source
let emmett: PostgresEventStore

beforeAll(async () => {
  if (noPostgres !== null) return
  server = await startPostgres()
  url = await server.createDatabase('emmett')
  await writeEmmettStore(url)
  source = await openPostgresSource(url)
  emmett = getPostgreSQLEventStore(url)
}, 180_000)

afterAll(async () => {
  await emmett?.close()
  await source?.close()
  await server?.stop()
})

/**
 * Start watching, and return once the watch has taken its starting mark: a marker appended after that
 * is reported, so markers are appended until one is. Markers are left out of what the test sees.
 */
async function startWatching(): Promise<{
  changes: () => SourceChange[]
  errors: unknown[]
  stop: () => void
}> {
  const all: SourceChange[] = []
  const errors: unknown[] = []
  if (!source.watch) throw new Error('the source offers no watch')
  const stop = source.watch((change) => all.push(change), {
    intervalMs: 20,
    onError: (error) => errors.push(error),
  })
  await expect
    .poll(
      async () => {
        await emmett.appendToStream('marker-1', [{ type: 'Marked', data: {} }])
        return all.some((change) => change.streamId === 'marker-1')
      },
      { timeout: 30_000, interval: 50 },
    )
    .toBe(true)
  return { changes: () => all.filter((change) => change.streamId !== 'marker-1'), errors, stop }
}

/** Wait, bounded generously (a loaded machine), until `count` changes have been reported. */
async function waitForChanges(changes: () => SourceChange[], count: number): Promise<void> {
  await expect.poll(() => changes().length, { timeout: 30_000 }).toBeGreaterThanOrEqual(count)
}

/**
 * A pool for the watch whose "is anything running?" queries (the idle check) call `onIdleCheck` first
 * and wait for it: where a test holds or counts the watch's looks. `pool` is the one to end.
 */
function poolWatching(onIdleCheck: () => void | Promise<void>): { pool: pg.Pool; watched: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: 3 })
  const query = pool.query.bind(pool) as (text: string, values?: unknown[]) => Promise<pg.QueryResult>
  const watched = Object.assign(Object.create(pool) as pg.Pool, {
    query: async (text: string, values?: unknown[]) => {
      if (text.includes('pg_snapshot_xmax')) await onIdleCheck()
      return query(text, values)
    },
  })
  return { pool, watched }
}

describe.skipIf(noPostgres !== null)("given a store in Emmett's PostgreSQL layout being watched", () => {
  it('when Emmett appends to two streams, then each new event is reported once, in order', async () => {
    expect(source.capabilities.watch).toBe(true)
    const { changes, errors, stop } = await startWatching()
    try {
      await emmett.appendToStream('account-7', [{ type: 'MoneyWithdrawn', data: { amount: 5 } }], {
        expectedStreamVersion: 2n,
      })
      await emmett.appendToStream('parcel-1', [
        { type: 'ParcelSent', data: {} },
        { type: 'ParcelDelivered', data: {} },
      ])
      await waitForChanges(changes, 3)
      expect(changes().map(({ streamId, version }) => [streamId, version])).toEqual([
        ['account-7', 3],
        ['parcel-1', 1],
        ['parcel-1', 2],
      ])
      const positions = changes().map((change) => BigInt(change.globalPosition ?? '0'))
      expect(positions[1]).toBeGreaterThan(positions[0] ?? 0n)
      expect(errors).toEqual([])
    } finally {
      stop()
    }
  })

  it('when a slow transaction took a lower position, then its event is reported before the later one, after it commits', async () => {
    const { changes, stop } = await startWatching()
    const slow = new pg.Client({ connectionString: url })
    await slow.connect()
    try {
      // The slow writer takes its position first and holds its transaction open ...
      await slow.query('BEGIN')
      await slow.query(
        `SELECT * FROM emt_append_to_stream(ARRAY['slow-id']::text[], ARRAY['{"n":1}']::jsonb[],
          ARRAY['{}']::jsonb[], ARRAY['1']::text[], ARRAY['Slow']::text[], ARRAY['E']::text[],
          'slow-1', 'slow', 0, 'emt:default')`,
      )
      // ... while a fast one takes a higher position and commits.
      await emmett.appendToStream('fast-1', [{ type: 'Fast', data: { n: 2 } }])
      await slow.query('COMMIT')
      await emmett.appendToStream('after-1', [{ type: 'After', data: {} }])
      await waitForChanges(changes, 3)
      // Held back until the slow transaction ended: the lower position comes first, nothing is lost.
      expect(changes().map((change) => change.streamId)).toEqual(['slow-1', 'fast-1', 'after-1'])
    } finally {
      stop()
      await slow.end()
    }
  })

  it('when a transaction commits between the look for new rows and the check that nothing is running, then its event is still reported', async () => {
    // A pool whose next "is anything running?" query first lets a held transaction commit: the moment
    // that, under load, fell between the two queries and lost the event for good.
    let beforeIdleCheck: (() => Promise<void>) | null = null
    const { pool, watched: hooked } = poolWatching(async () => {
      const hook = beforeIdleCheck
      beforeIdleCheck = null
      await hook?.()
    })
    const changes: SourceChange[] = []
    let ready = false
    const stop = watchEmmettStore(hooked, (change) => changes.push(change), {
      intervalMs: 20,
      onReady: () => (ready = true),
    })
    const held = new pg.Client({ connectionString: url })
    await held.connect()
    try {
      await until(() => ready, 'the watch to take its mark')
      // Takes a position and holds it uncommitted; the next look sees the sequence move, finds no row
      // it may read, and asks whether anything is running just as the transaction commits.
      await held.query('BEGIN')
      await held.query(
        `SELECT * FROM emt_append_to_stream(ARRAY['held-id']::text[], ARRAY['{"n":1}']::jsonb[],
          ARRAY['{}']::jsonb[], ARRAY['1']::text[], ARRAY['Held']::text[], ARRAY['E']::text[],
          'held-1', 'held', 0, 'emt:default')`,
      )
      beforeIdleCheck = async () => {
        await held.query('COMMIT')
      }
      await until(() => changes.some((change) => change.streamId === 'held-1'), 'the held event', 30_000)
      expect(changes.filter((change) => change.streamId === 'held-1')).toHaveLength(1)
    } finally {
      stop()
      await held.end()
      await pool.end()
    }
  })

  it('when a writer takes its position and only later writes (it has no transaction id in between), then its event is still reported', async () => {
    // A transaction gets its id at its first write, after it took its global position: in between it
    // is in no snapshot. Counting idle checks tells when the watch has looked during that window.
    let idleChecks = 0
    const { pool, watched: counted } = poolWatching(() => {
      idleChecks++
    })
    const changes: SourceChange[] = []
    let ready = false
    const stop = watchEmmettStore(counted, (change) => changes.push(change), {
      intervalMs: 20,
      onReady: () => (ready = true),
    })
    const writer = new pg.Client({ connectionString: url })
    await writer.connect()
    try {
      await until(() => ready, 'the watch to take its mark')
      await writer.query('BEGIN')
      const { rows } = await writer.query<{ position: string }>(
        "SELECT nextval('emt_global_message_position')::text AS position",
      )
      const position = (rows[0] as { position: string }).position
      // The watch sees the sequence move and looks, several times, while the position is unwritten.
      const seen = idleChecks
      await until(() => idleChecks >= seen + 3, 'the watch to look while the position is unwritten')
      await writer.query(
        `INSERT INTO emt_messages (stream_id, stream_position, partition, message_kind, message_data,
           message_metadata, message_schema_version, message_type, message_id, is_archived,
           global_position, transaction_id)
         VALUES ('late-1', 1, 'emt:default', 'E', '{"n": 1}', '{}', '1', 'Late', 'late-1-id', false,
           $1, pg_current_xact_id())`,
        [position],
      )
      await writer.query('COMMIT')
      // Nothing else is appended: the sequence never moves again, so only a watch that did not take
      // the store as settled in that window reports it.
      await until(() => changes.some((change) => change.streamId === 'late-1'), 'the late event', 30_000)
      expect(changes.filter((change) => change.streamId === 'late-1')).toEqual([
        { streamId: 'late-1', version: 1, globalPosition: position },
      ])
    } finally {
      stop()
      await writer.end()
      await pool.end()
    }
  })

  it('when the watch is stopped, then its ticks end and the source closes cleanly', async () => {
    const { stop } = await startWatching()
    stop()
    const other = await openPostgresSource(url)
    const stopOther = other.watch?.(() => undefined, { intervalMs: 10 })
    expect(stopOther).toBeTypeOf('function')
    // Closing stops every watch the source still has.
    await other.close()
  })
})
