// A store that offers notifications is followed by LISTEN: on a real server, an Emmett store given a
// trigger that calls pg_notify after each insert (as a team adds to push changes) is watched with a
// poll set to an hour, and an event Emmett appends is still reported, which only the notification can
// do. The trigger's channel is read from its function; a store without one is polled (the other watch
// tests).

import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { notifyChannelOf } from '../../../../electron/core/source/postgres/pg-notify'
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

beforeAll(async () => {
  if (noPostgres !== null) return
  server = await startPostgres()
  url = await server.createDatabase('emmett')
  await writeEmmettStore(url)
  await server.sql(
    'emmett',
    `CREATE FUNCTION notify_new_message() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN PERFORM pg_notify('Emmett Messages', NEW.stream_id); RETURN NEW; END $$;
     CREATE TRIGGER new_message AFTER INSERT ON emt_messages FOR EACH ROW EXECUTE FUNCTION notify_new_message();`,
  )
  source = await openPostgresSource(url)
}, 180_000)

afterAll(async () => {
  await source?.close()
  await server?.stop()
})

describe('notifyChannelOf', () => {
  it.each([
    [`BEGIN PERFORM pg_notify('orders', NEW.id::text); RETURN NEW; END`, 'orders'],
    [`PERFORM PG_NOTIFY ( 'it''s' , '')`, "it's"],
    [`NOTIFY NewEvents;`, 'newevents'],
    [`NOTIFY "New""Events", 'x';`, 'New"Events'],
    [`PERFORM pg_notify(TG_TABLE_NAME, '')`, null],
    [`RETURN NEW;`, null],
  ])('given %s, then the channel is %s', (source, channel) => {
    expect(notifyChannelOf(source)).toBe(channel)
  })
})

describe.skipIf(noPostgres !== null)('given a trigger on emt_messages that notifies', () => {
  it('when Emmett appends while the watch polls only hourly, then the event is reported through LISTEN', async () => {
    if (!source.watch) throw new Error('the source offers no watch')
    const changes: SourceChange[] = []
    const errors: unknown[] = []
    let ready = false
    const stop = source.watch((change) => changes.push(change), {
      intervalMs: 3_600_000,
      onReady: () => (ready = true),
      onError: (error) => errors.push(error),
    })
    try {
      await until(() => ready, 'the watch to take its mark')
      const emmett = getPostgreSQLEventStore(url)
      try {
        await emmett.appendToStream('account-7', [{ type: 'MoneyWithdrawn', data: { balance: 120 } }])
        await until(() => changes.length >= 1, 'the notified change')
        await emmett.appendToStream('account-7', [{ type: 'MoneyDeposited', data: { balance: 125 } }])
        await until(() => changes.length >= 2, 'the second notified change')
      } finally {
        await emmett.close()
      }
      expect(changes.map((change) => [change.streamId, change.version])).toEqual([
        ['account-7', 3],
        ['account-7', 4],
      ])
      expect(errors).toEqual([])
    } finally {
      stop()
    }
  }, 120_000)
})
