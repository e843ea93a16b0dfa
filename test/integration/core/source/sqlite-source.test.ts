// The SQLite source over a store Emmett's own library wrote (emmett-sqlite, through `sqlite3`): the same
// reads as the PostgreSQL source's test (listing, windows, pages, states, the global scan), and that
// reading changes not a byte of the database.

import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stringifyExact } from '../../../../electron/core/json/big-integers'
import { applyMergePatch } from '../../../../electron/core/json/merge-patch'
import type { ExactJson } from '../../../../electron/core/json/json-value'
import { openDatabaseSource } from '../../../../electron/core/source/open-database'
import type { Source, SourceEvent, StreamSummary } from '../../../../electron/core/source/source'
import type { EmmettFixture } from '../../../fixtures/emmett-postgres-store'
import { writeEmmettSqliteStore } from '../../../fixtures/emmett-sqlite-store'
import { skipSqliteTests } from '../../../support/sqlite-available'

const noSqlite = skipSqliteTests('this file')

let dir: string
let file: string
let fixture: EmmettFixture
let source: Source

beforeAll(async () => {
  if (noSqlite !== null) return
  dir = mkdtempSync(join(tmpdir(), 'eventscope-sqlite-'))
  file = join(dir, 'shop.db')
  fixture = await writeEmmettSqliteStore(file)
  source = await openDatabaseSource(`sqlite:${file}`)
}, 120_000)

afterAll(async () => {
  await source?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

function expectedState(streamId: string, version: number): unknown {
  const events = fixture.streams.get(streamId) ?? []
  let state: ExactJson = {}
  for (const event of events.slice(0, version)) state = applyMergePatch(state, event.data as ExactJson)
  return JSON.parse(stringifyExact(state))
}

async function collect(batches: AsyncIterable<readonly SourceEvent[]>): Promise<SourceEvent[]> {
  const all: SourceEvent[] = []
  for await (const batch of batches) all.push(...batch)
  return all
}

async function allPages(
  query: Omit<Parameters<Source['listStreams']>[0], 'after'>,
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

describe.skipIf(noSqlite !== null)("given a store in Emmett's SQLite layout written by Emmett", () => {
  it('when opened by address, then it is a read-only sqlite source named by its file', () => {
    expect(source.kind).toBe('sqlite')
    expect(source.displayName).toBe(`SQLite at ${file}`)
    expect(source.capabilities).toEqual({
      append: false,
      watch: true,
      note: 'Opened read-only: eventscope writes to a SQLite file only when asked to.',
    })
  })

  it('when listing the streams by id, then each shows its type, count and last event time', async () => {
    const { streams, next } = await source.listStreams({ limit: 100 })
    expect(next).toBeNull()
    expect(streams.map((row) => row.id)).toEqual([...fixture.streams.keys()].sort())
    const cart = streams.find((row) => row.id === 'shoppingCart-1')
    expect(cart).toMatchObject({ type: 'shoppingCart', eventCount: 4 })
    // Emmett leaves `created` to CURRENT_TIMESTAMP (UTC, whole seconds): handed out as ISO 8601.
    expect(cart?.lastEventAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(streams.find((row) => row.id === fixture.longStream)?.eventCount).toBe(fixture.longLength)
  })

  it('when paging one stream at a time in every order, then the pages add up to the whole sorted list', async () => {
    const ids = [...fixture.streams.keys()].sort()
    expect((await allPages({ limit: 1 })).map((row) => row.id)).toEqual(ids)
    expect((await allPages({ limit: 1, descending: true })).map((row) => row.id)).toEqual([...ids].reverse())
    const byCount = await allPages({ limit: 1, sort: 'eventCount', descending: true })
    expect(byCount.map((row) => row.eventCount)).toEqual(
      [...fixture.streams.values()].map((events) => events.length).sort((a, b) => b - a),
    )
    const byTime = await allPages({ limit: 2, sort: 'lastEventAt' })
    expect(byTime.map((row) => row.lastEventAt)).toEqual(byTime.map((row) => row.lastEventAt).sort())
    expect(byTime).toHaveLength(ids.length)
    const byTimeDown = await allPages({ limit: 1, sort: 'lastEventAt', descending: true })
    expect(new Set(byTimeDown.map((row) => row.id))).toEqual(new Set(ids))
  })

  it('when filtering by a part of the id (any case, any letter) or by type, then only those streams are listed', async () => {
    const byId = await source.listStreams({ limit: 10, idContains: 'QUOTED"-ZÜ' })
    expect(byId.streams.map((row) => row.id)).toEqual([`order-"quoted"-Zürich`])
    // LIKE's wildcards in the filter are literal text, not patterns.
    expect((await source.listStreams({ limit: 10, idContains: '%' })).streams).toEqual([])
    const byType = await source.listStreams({ limit: 10, type: 'account' })
    expect(byType.streams.map((row) => row.id)).toEqual(['account-7'])
  })

  it('when reading a window past the first page, then it holds exactly those versions and payloads', async () => {
    const events = await source.readEvents(fixture.longStream, 1100, 50)
    expect(events.map((event) => event.version)).toEqual(Array.from({ length: 50 }, (_, i) => 1101 + i))
    const appended = fixture.streams.get(fixture.longStream) ?? []
    expect(events.map((event) => event.payload)).toEqual(
      appended.slice(1100, 1150).map((event) => event.data),
    )
    expect(events.map((event) => event.type)).toEqual(appended.slice(1100, 1150).map((event) => event.type))
    expect(await source.readEvents(fixture.longStream, fixture.longLength - 2, 50)).toHaveLength(2)
  })

  it('when reading a stream in pages, then every event comes once, in order, in bounded batches', async () => {
    const sizes: number[] = []
    const events: SourceEvent[] = []
    for await (const batch of source.streamEvents(fixture.longStream, 0)) {
      sizes.push(batch.length)
      events.push(...batch)
    }
    expect(events.map((event) => event.version)).toEqual(
      Array.from({ length: fixture.longLength }, (_, i) => i + 1),
    )
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1000)
    expect(sizes.length).toBeGreaterThan(1)
  })

  it('when reading a stream for some event types only, then the store sends just those, at their own versions', async () => {
    const events = await collect(source.streamEvents(fixture.longStream, 1000, undefined, ['Noted']))
    const appended = fixture.streams.get(fixture.longStream) ?? []
    const expected = appended
      .map((event, index) => ({ version: index + 1, type: event.type }))
      .filter((event) => event.version > 1000 && event.type === 'Noted')
    expect(events.map((event) => ({ version: event.version, type: event.type }))).toEqual(expected)
    expect(await collect(source.streamEvents('shoppingCart-1', 0, undefined, ['Nothing']))).toEqual([])
  })

  it("when an event has metadata, then its id, time, metadata and the writer's own payload text come with it", async () => {
    const [, , discount] = await source.readEvents('shoppingCart-1', 0, 3)
    expect(discount).toMatchObject({ streamId: 'shoppingCart-1', version: 3, type: 'DiscountApplied' })
    expect(discount?.metadata).toMatchObject({ correlationId: 'c-1' })
    expect(discount?.id).toMatch(/^[0-9a-f-]{36}$/)
    // SQLite keeps the text Emmett wrote (JSON.stringify's), key order and all.
    expect(discount?.raw).toBe('{"note":null,"price":{"amount":90}}')
  })

  it('when asking the state at versions across checkpoints, in any order, then each equals the naive fold', async () => {
    for (const version of [fixture.longLength, 0, 1, 511, 512, 513, 1024, 700, 1233, 5]) {
      const result = await source.stateAt(fixture.longStream, version)
      expect(result.version).toBe(version)
      expect(JSON.parse(stringifyExact(result.state))).toEqual(expectedState(fixture.longStream, version))
    }
    const cart = await source.stateAt('shoppingCart-1', 3)
    expect(JSON.parse(stringifyExact(cart.state))).toEqual({
      productId: 'socks',
      quantity: 5,
      price: { amount: 90, currency: 'EUR' },
    })
    expect((await source.stateAt('shoppingCart-1', 99)).version).toBe(4)
  })

  it('when scanning the whole store, then every event comes once in global order', async () => {
    const events = await collect(source.scan({}))
    const total = [...fixture.streams.values()].reduce((sum, list) => sum + list.length, 0)
    expect(events).toHaveLength(total)
    const positions = events.map((event) => BigInt(event.globalPosition ?? '0'))
    expect(positions.every((position, i) => i === 0 || position > (positions[i - 1] ?? 0n))).toBe(true)
    const later = await collect(source.scan({ afterGlobalPosition: String(positions[total - 3]) }))
    expect(later).toHaveLength(2)
  })

  it('when a stream does not exist, then it is null to list and not_found to replay', async () => {
    expect(await source.stream('nope-1')).toBeNull()
    expect(await source.readEvents('nope-1', 0, 10)).toEqual([])
    await expect(source.stateAt('nope-1', 1)).rejects.toMatchObject({ code: 'not_found' })
  })

  it('when asked to append while read-only, then it refuses in one line and writes nothing', async () => {
    const request = { streamId: 'account-7', events: [{ type: 'T', payload: {} }], expectedVersion: 2 }
    await expect(source.append?.(request)).rejects.toMatchObject({
      code: 'forbidden',
      message: `SQLite at ${file} was opened read-only; eventscope writes to a SQLite file only when asked to`,
    })
    expect((await source.stream('account-7'))?.eventCount).toBe(2)
  })

  it('when everything above has been read, then not a byte of the database changed and its WAL holds nothing', async () => {
    const digest = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex')
    // SQLite's reader bookkeeping: any reader of a WAL-mode file (Emmett's, the sqlite3 shell) makes an
    // empty -wal and a -shm beside it if none is there. Neither may hold a written page.
    const walBytes = (): number => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0)
    const before = { db: digest(file), wal: walBytes(), mtime: statSync(file).mtimeMs }
    expect(before.wal).toBe(0)
    // Imported here, not above: without better-sqlite3 this file must load to print why it skips.
    const { openSqliteSource } = await import('../../../../electron/core/source/sqlite/sqlite-source')
    const reader = openSqliteSource(file)
    try {
      await collect(reader.scan({}))
      for (const id of fixture.streams.keys()) await reader.stateAt(id, Number.MAX_SAFE_INTEGER)
      await reader.listStreams({ limit: 5, sort: 'lastEventAt' })
    } finally {
      await reader.close()
    }
    expect({ db: digest(file), wal: walBytes(), mtime: statSync(file).mtimeMs }).toEqual(before)
  })
})
