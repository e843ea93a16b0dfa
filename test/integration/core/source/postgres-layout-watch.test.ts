// Following the read-only layouts (Marten, Eventuous, Message DB) by their global position, on a real
// server this test starts, with events appended by each library's own functions while eventscope
// watches: each new event reported once, in order, at its 1-based version; a position taken by a
// transaction still open holds the watch until it commits; one given up for ever is passed.

import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPostgresSource } from '../../../../electron/core/source/postgres/postgres-source'
import type { Source, SourceChange } from '../../../../electron/core/source/source'
import { appendEventuous, writeEventuousStore } from '../../../fixtures/eventuous-postgres-store'
import { appendMarten, writeMartenStore } from '../../../fixtures/marten-postgres-store'
import { writeMessage, writeMessageDbStore } from '../../../fixtures/message-db-store'
import { postgresSkipReason, startPostgres, type PostgresServer } from '../../../support/postgres-server'
import { until } from '../../../support/until'

const noPostgres = postgresSkipReason()
if (noPostgres !== null) console.log(`Skipping the PostgreSQL tests of this file: ${noPostgres}`)

let server: PostgresServer
const urls = new Map<string, string>()
const sources: Source[] = []
const clients: pg.Client[] = []

const martenAccount = '0b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'
const martenFresh = '11111111-2222-4333-8444-555555555555'

beforeAll(async () => {
  if (noPostgres !== null) return
  server = await startPostgres()
  const marten = await server.createDatabase('marten')
  await writeMartenStore(marten)
  urls.set('marten', marten)
  const eventuous = await server.createDatabase('eventuous')
  await writeEventuousStore(eventuous)
  urls.set('eventuous', eventuous)
  urls.set('message-db', (await writeMessageDbStore(server, 'message-db')).url)
}, 240_000)

afterAll(async () => {
  for (const client of clients) await client.end().catch(() => undefined)
  for (const source of sources) await source.close()
  await server?.stop()
})

async function connect(name: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: urls.get(name) })
  await client.connect()
  clients.push(client)
  return client
}

/** Open the layout's store and watch it; resolves once the watch knows where the store is. */
async function watching(name: string, gapMs?: number): Promise<{ source: Source; changes: SourceChange[] }> {
  const source = await openPostgresSource(urls.get(name) ?? '')
  sources.push(source)
  const changes: SourceChange[] = []
  await new Promise<void>((resolve, reject) => {
    const options = {
      intervalMs: 50,
      onReady: resolve,
      onError: reject,
      ...(gapMs === undefined ? {} : { gapMs }),
    }
    source.watch?.((change) => changes.push(change), options)
  })
  return { source, changes }
}

const seen = (changes: readonly SourceChange[]): [string, number][] =>
  changes.map((change) => [change.streamId, change.version])

describe.skipIf(noPostgres !== null)('given read-only layouts written by their libraries', () => {
  it.each([
    {
      name: 'marten',
      append: async (client: pg.Client) => {
        await appendMarten(client, martenAccount, 'account', [
          { type: 'money_withdrawn', data: { balance: 100 } },
        ])
        await appendMarten(client, martenFresh, 'account', [
          { type: 'account_opened', data: { owner: 'Di' } },
        ])
      },
      expected: [
        [martenAccount, 3],
        [martenFresh, 1],
      ],
    },
    {
      name: 'eventuous',
      append: async (client: pg.Client) => {
        await appendEventuous(client, 'account-7', [{ type: 'MoneyWithdrawn', data: { balance: 100 } }], 1)
        await appendEventuous(client, 'account-8', [{ type: 'AccountOpened', data: { owner: 'Di' } }], -1)
      },
      expected: [
        ['account-7', 3],
        ['account-8', 1],
      ],
    },
    {
      name: 'message-db',
      append: async (client: pg.Client) => {
        await writeMessage(client, 'account-7', 'MoneyWithdrawn', { balance: 100 }, 1)
        await writeMessage(client, 'account-8', 'AccountOpened', { owner: 'Di' })
      },
      expected: [
        ['account-7', 3],
        ['account-8', 1],
      ],
    },
  ])(
    'when $name appends while eventscope watches, then each event is reported once, in order',
    async (layout) => {
      const { source, changes } = await watching(layout.name)
      expect(source.capabilities).toMatchObject({ append: false, watch: true })
      await layout.append(await connect(layout.name))
      await until(() => changes.length >= 2, 'two changes')
      expect(seen(changes)).toEqual(layout.expected)
      const [first, second] = changes
      expect(BigInt(second?.globalPosition ?? '0')).toBeGreaterThan(BigInt(first?.globalPosition ?? '0'))
    },
  )

  it('when a transaction holds a lower position, then the later event waits for it and both come in order', async () => {
    const { changes } = await watching('message-db', 60_000)
    const slow = await connect('message-db')
    const fast = await connect('message-db')
    await slow.query('BEGIN')
    await writeMessage(slow, 'slow-1', 'Started', { n: 1 })
    await writeMessage(fast, 'fast-1', 'Started', { n: 2 })
    // Not a time limit: the watch (polling every 50 ms) gets many looks at the hole meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(changes).toEqual([])
    await slow.query('COMMIT')
    await until(() => changes.length >= 2, 'both events')
    expect(seen(changes)).toEqual([
      ['slow-1', 1],
      ['fast-1', 1],
    ])
  })

  it('when a position was given up (a rolled-back write), then the watch passes the hole after a while', async () => {
    const { changes } = await watching('message-db', 300)
    const lost = await connect('message-db')
    await lost.query('BEGIN')
    await writeMessage(lost, 'lost-1', 'Started', { n: 1 })
    await lost.query('ROLLBACK')
    await writeMessage(await connect('message-db'), 'after-1', 'Started', { n: 2 })
    await until(() => changes.length >= 1, 'the event after the hole')
    expect(seen(changes)).toEqual([['after-1', 1]])
  })
})
