// Search on Marten's, Eventuous' and Message DB's layouts goes through the SQL pushdown as Emmett's
// does (findEvents, where-sql.ts): on each, written as that library writes, a pushed-down search
// finds what testing every event of every stream finds, in the same order.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPostgresSource } from '../../../../electron/core/source/postgres/postgres-source'
import type { Source } from '../../../../electron/core/source/source'
import type { SearchQuery } from '../../../../electron/core/search/search-query'
import { writeEventuousStore } from '../../../fixtures/eventuous-postgres-store'
import { writeMartenStore } from '../../../fixtures/marten-postgres-store'
import { writeMessageDbStore } from '../../../fixtures/message-db-store'
import { postgresSkipReason, startPostgres, type PostgresServer } from '../../../support/postgres-server'
import { searchedKeys, withoutPushdown } from '../../../support/source-without-pushdown'

const noPostgres = postgresSkipReason()
if (noPostgres !== null) console.log(`Skipping the PostgreSQL tests of this file: ${noPostgres}`)

let server: PostgresServer
const sources = new Map<string, Source>()

beforeAll(async () => {
  if (noPostgres !== null) return
  server = await startPostgres()
  const marten = await server.createDatabase('marten')
  await writeMartenStore(marten)
  sources.set('marten', await openPostgresSource(marten))
  const eventuous = await server.createDatabase('eventuous')
  await writeEventuousStore(eventuous)
  sources.set('eventuous', await openPostgresSource(eventuous))
  const messageDb = await writeMessageDbStore(server, 'message-db')
  sources.set('message-db', await openPostgresSource(messageDb.url))
}, 240_000)

afterAll(async () => {
  for (const source of sources.values()) await source.close()
  await server?.stop()
})

const queries: SearchQuery[] = [
  { where: 'payload.count == 999' },
  { where: 'payload.count > 1200 and not (payload.count >= 1230)' },
  { where: 'contains(payload.items, "socks") or payload.price.amount < 95' },
  { where: 'contains(payload.owner, "an") and type == "AccountOpened"' },
  { where: 'not exists(payload.count)', eventTypes: ['ProductItemAdded', 'OrderPlaced'] },
  { where: 'startsWith(payload.city, "Zü") or metadata.correlationId == "c-1"' },
  { where: 'version == 2' },
  { where: 'lower(payload.city) == "zürich"' },
  { text: 'GIFT' },
  { eventTypes: ['MoneyDeposited'] },
]

describe.skipIf(noPostgres !== null)('search pushed down on the other layouts', () => {
  it.each(['marten', 'eventuous', 'message-db'])(
    'given %s, when searched, then the pushdown finds what the stream-by-stream search finds',
    async (name) => {
      const source = sources.get(name) as Source
      const plain = withoutPushdown(source)
      for (const query of queries) {
        const pushed = await searchedKeys(source, query)
        expect(pushed, `${name} ${JSON.stringify(query)}`).toEqual(await searchedKeys(plain, query))
      }
      expect(await searchedKeys(source, { where: 'payload.count == 999' })).toHaveLength(1)
    },
  )
})
