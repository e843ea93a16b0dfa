// The PostgreSQL source over stores in Marten's, Eventuous' and Message DB's layouts, each written the
// way that library writes (test/fixtures/*-store.ts), on a real server this test starts: the layout is
// found from the schema, and listing, windows, cursors, states and the global scan read as Emmett's
// do. Each database is made read-only (default_transaction_read_only) before eventscope opens it, so
// every read below also proves that reading writes nothing.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stringifyExact } from '../../../../electron/core/json/big-integers'
import { applyMergePatch } from '../../../../electron/core/json/merge-patch'
import type { ExactJson } from '../../../../electron/core/json/json-value'
import { openPostgresSource } from '../../../../electron/core/source/postgres/postgres-source'
import type { Source, SourceEvent, StreamSummary } from '../../../../electron/core/source/source'
import { writeEventuousStore } from '../../../fixtures/eventuous-postgres-store'
import type { LayoutFixture } from '../../../fixtures/layout-streams'
import { writeMartenStore } from '../../../fixtures/marten-postgres-store'
import { writeMessageDbStore } from '../../../fixtures/message-db-store'
import { postgresSkipReason, startPostgres, type PostgresServer } from '../../../support/postgres-server'

const noPostgres = postgresSkipReason()
if (noPostgres !== null) console.log(`Skipping the PostgreSQL tests of this file: ${noPostgres}`)

interface Opened {
  readonly url: string
  readonly fixture: LayoutFixture
  readonly source: Source
}

let server: PostgresServer
const opened = new Map<string, Opened>()

const layouts = [
  { name: 'marten', title: 'Marten', textIds: false },
  { name: 'eventuous', title: 'Eventuous', textIds: true },
  { name: 'message-db', title: 'Message DB', textIds: true },
] as const

beforeAll(async () => {
  if (noPostgres !== null) return
  server = await startPostgres()
  const write = async (name: string, url: string, fixture: LayoutFixture): Promise<void> => {
    await server.sql('postgres', `ALTER DATABASE "${name}" SET default_transaction_read_only = on`)
    opened.set(name, { url, fixture, source: await openPostgresSource(url) })
  }
  const marten = await server.createDatabase('marten')
  await write('marten', marten, await writeMartenStore(marten))
  const eventuous = await server.createDatabase('eventuous')
  await write('eventuous', eventuous, await writeEventuousStore(eventuous))
  const messageDb = await writeMessageDbStore(server, 'message-db')
  await write('message-db', messageDb.url, messageDb.fixture)
  // Marten in a schema of its own (DatabaseSchemaName): the URL's search_path finds it.
  const elsewhere = await server.createDatabase('marten-elsewhere')
  await writeMartenStore(elsewhere)
  await server.sql('marten-elsewhere', 'ALTER SCHEMA public RENAME TO shop_events; CREATE SCHEMA public')
}, 240_000)

afterAll(async () => {
  for (const { source } of opened.values()) await source.close()
  await server?.stop()
})

async function collect(batches: AsyncIterable<readonly SourceEvent[]>): Promise<SourceEvent[]> {
  const all: SourceEvent[] = []
  for await (const batch of batches) all.push(...batch)
  return all
}

async function allPages(
  source: Source,
  query: { limit: number; descending?: boolean },
): Promise<StreamSummary[]> {
  const rows: StreamSummary[] = []
  let after: string | undefined
  for (let page = 0; page < 100; page++) {
    const result = await source.listStreams({ ...query, ...(after === undefined ? {} : { after }) })
    rows.push(...result.streams)
    if (result.next === null) return rows
    after = result.next
  }
  throw new Error('the pages never ended')
}

function expectedState(fixture: LayoutFixture, streamId: string, version: number): unknown {
  let state: ExactJson = {}
  for (const event of (fixture.streams.get(streamId) ?? []).slice(0, version))
    state = applyMergePatch(state, event.data as ExactJson)
  return JSON.parse(stringifyExact(state))
}

describe.skipIf(noPostgres !== null).each(layouts)(
  "given a store in $title's layout written as $title writes",
  (layout) => {
    const at = (): Opened => {
      const found = opened.get(layout.name)
      if (found === undefined) throw new Error(`${layout.name} was not set up`)
      return found
    }

    it('when opened without naming a layout, then the schema tells which, and it is read-only, saying so, yet followed', () => {
      const { source } = at()
      expect((source as Source & { layout?: { name: string } }).layout?.name).toBe(layout.name)
      expect(source.capabilities).toEqual({
        append: false,
        watch: true,
        note: `${layout.title}'s layout is read-only here: eventscope reads it, never writes it`,
      })
      expect(source.append).toBeUndefined()
      expect(source.watch).toBeTypeOf('function')
    })

    it('when listing the streams, then each shows its type, count and last event time, page by page alike', async () => {
      const { source, fixture } = at()
      const { streams, next } = await source.listStreams({ limit: 100 })
      expect(next).toBeNull()
      const ids = [...fixture.streams.keys()].sort()
      expect(streams.map((row) => row.id)).toEqual(ids)
      for (const row of streams) {
        expect(row.eventCount).toBe(fixture.streams.get(row.id)?.length)
        expect(row.type).toBe(fixture.types.get(row.id))
        expect(row.lastEventAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/)
      }
      expect((await allPages(source, { limit: 1 })).map((row) => row.id)).toEqual(ids)
      expect((await allPages(source, { limit: 2, descending: true })).map((row) => row.id)).toEqual(
        [...ids].reverse(),
      )
      const byCount = await source.listStreams({ limit: 1, sort: 'eventCount', descending: true })
      expect(byCount.streams.map((row) => row.id)).toEqual([fixture.longStream])
    })

    it('when filtering by a part of the id or by type, then only those streams are listed', async () => {
      const { source, fixture } = at()
      const cart = [...fixture.streams.keys()][0] ?? ''
      const part = cart.slice(2, 9).toUpperCase()
      expect(
        (await source.listStreams({ limit: 10, idContains: part })).streams.map((row) => row.id),
      ).toEqual([cart])
      const type = fixture.types.get(cart) ?? ''
      expect((await source.listStreams({ limit: 10, type })).streams.map((row) => row.id)).toEqual([cart])
    })

    it('when reading a window past the first cursor batch, then it holds exactly those versions and payloads', async () => {
      const { source, fixture } = at()
      const events = await source.readEvents(fixture.longStream, 1100, 50)
      expect(events.map((event) => event.version)).toEqual(Array.from({ length: 50 }, (_, i) => 1101 + i))
      const written = fixture.streams.get(fixture.longStream) ?? []
      expect(events.map((event) => event.payload)).toEqual(
        written.slice(1100, 1150).map((event) => event.data),
      )
      expect(events.map((event) => event.type)).toEqual(written.slice(1100, 1150).map((event) => event.type))
      expect(events.every((event) => event.streamId === fixture.longStream)).toBe(true)
      expect(await source.readEvents(fixture.longStream, fixture.longLength - 2, 50)).toHaveLength(2)
    })

    it('when reading a whole stream with the cursor, and for one type, then every event comes once, in order', async () => {
      const { source, fixture } = at()
      const events = await collect(source.streamEvents(fixture.longStream, 0))
      expect(events.map((event) => event.version)).toEqual(
        Array.from({ length: fixture.longLength }, (_, i) => i + 1),
      )
      const written = fixture.streams.get(fixture.longStream) ?? []
      const noted = await collect(
        source.streamEvents(fixture.longStream, 1000, undefined, [written[1]?.type ?? '']),
      )
      expect(noted.map((event) => event.version)).toEqual(
        written
          .map((event, i) => ({ version: i + 1, type: event.type }))
          .filter((event) => event.version > 1000 && event.type === written[1]?.type)
          .map((event) => event.version),
      )
    })

    it('when an event has metadata, then its id, time and metadata come with it', async () => {
      const { source, fixture } = at()
      const cart = [...fixture.streams.keys()][0] ?? ''
      const [first, , discount] = await source.readEvents(cart, 0, 3)
      expect(discount?.version).toBe(3)
      expect(discount?.id).toMatch(/^[0-9a-f-]{36}$/)
      expect(discount?.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/)
      // Marten keeps metadata in its own columns (headers, correlation_id), shown beside its tenant.
      const metadata = layout.name === 'marten' ? discount?.metadata?.headers : discount?.metadata
      expect(metadata).toEqual({ correlationId: 'c-1' })
      expect(JSON.parse(discount?.raw ?? 'null')).toEqual({ note: null, price: { amount: 90 } })
      if (layout.name !== 'marten') expect(first?.metadata).toBeNull()
    })

    it('when asking the state at versions across checkpoints, in any order, then each equals the naive fold', async () => {
      const { source, fixture } = at()
      for (const version of [fixture.longLength, 0, 1, 511, 512, 513, 1024, 700, 5]) {
        const result = await source.stateAt(fixture.longStream, version)
        expect(result.version).toBe(version)
        expect(JSON.parse(stringifyExact(result.state))).toEqual(
          expectedState(fixture, fixture.longStream, version),
        )
      }
      const cart = [...fixture.streams.keys()][0] ?? ''
      expect(JSON.parse(stringifyExact((await source.stateAt(cart, 3)).state))).toEqual({
        productId: 'socks',
        quantity: 5,
        price: { amount: 90, currency: 'EUR' },
      })
    })

    it('when scanning the whole store, then every event comes once in global order, and resumes after a position', async () => {
      const { source, fixture } = at()
      const events = await collect(source.scan({}))
      const total = [...fixture.streams.values()].reduce((sum, list) => sum + list.length, 0)
      expect(events).toHaveLength(total)
      const positions = events.map((event) => BigInt(event.globalPosition ?? '0'))
      expect(positions.every((position, i) => i === 0 || position > (positions[i - 1] ?? 0n))).toBe(true)
      expect(await collect(source.scan({ afterGlobalPosition: String(positions[total - 3]) }))).toHaveLength(
        2,
      )
    })

    it('when a stream does not exist, then it is null to list, empty to read and not_found to replay', async () => {
      const { source } = at()
      const missing = layout.textIds ? 'nope-1' : '00000000-0000-4000-8000-00000000dead'
      for (const id of [missing, 'not a uuid']) {
        expect(await source.stream(id)).toBeNull()
        expect(await source.readEvents(id, 0, 10)).toEqual([])
        await expect(source.stateAt(id, 1)).rejects.toMatchObject({ code: 'not_found' })
      }
    })
  },
)

describe.skipIf(noPostgres !== null)("given Marten's tables in a schema of their own", () => {
  it('when the URL puts that schema in the search path, then they are found; without it, it is one line', async () => {
    const url = server.urlFor('marten-elsewhere')
    await expect(openPostgresSource(url)).rejects.toMatchObject({ code: 'no_store' })
    const source = await openPostgresSource(`${url}?options=-c%20search_path%3Dshop_events`)
    try {
      const { streams } = await source.listStreams({ limit: 10 })
      expect(streams.map((row) => row.type).sort()).toEqual(['account', 'counter', 'order', 'shopping_cart'])
    } finally {
      await source.close()
    }
  })
})
