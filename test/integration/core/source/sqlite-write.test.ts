// Writing to and watching a SQLite store in Emmett's layout: appends as Emmett makes them (Emmett's own
// library reads them back and appends after them), imports that keep ids, times and payload bytes,
// the expected-version check, and watching for events Emmett's library appends.

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseJsonExact } from '../../../../electron/core/json/big-integers'
import type { ExactJsonObject } from '../../../../electron/core/json/json-value'
import { openDatabaseSource } from '../../../../electron/core/source/open-database'
import type { Source, SourceChange } from '../../../../electron/core/source/source'
import { derivedId } from '../../../../electron/core/source/sqlite/emmett-sqlite-write'
import { appendWithEmmett, readWithEmmett } from '../../../fixtures/emmett-sqlite-store'
import { skipSqliteTests } from '../../../support/sqlite-available'
import { until } from '../../../support/until'

const noSqlite = skipSqliteTests('this file')

let dir: string
let file: string
const opened: Source[] = []

beforeEach(async () => {
  if (noSqlite !== null) return
  dir = mkdtempSync(join(tmpdir(), 'eventscope-sqlite-write-'))
  file = join(dir, 'shop.db')
  await appendWithEmmett(file, 'cart-1', [{ type: 'CartOpened', data: { owner: 'Ann' } }])
})

afterEach(async () => {
  await Promise.all(opened.splice(0).map((source) => source.close()))
  if (dir) rmSync(dir, { recursive: true, force: true })
})

async function open(writable: boolean): Promise<Source> {
  const source = await openDatabaseSource(`sqlite:${file}`, { writable })
  opened.push(source)
  return source
}

describe.skipIf(noSqlite !== null)("given a SQLite store in Emmett's layout opened for writing", () => {
  it('when appending with the expected version, then Emmett reads the events back and appends after them', async () => {
    const source = await open(true)
    expect(source.capabilities.append).toBe(true)
    const result = await source.append?.({
      streamId: 'cart-1',
      events: [
        { type: 'ItemAdded', payload: { sku: 'a', n: 2 }, metadata: { correlationId: 'c-9' } },
        { type: 'ItemAdded', payload: { sku: 'b', n: 1 } },
      ],
      expectedVersion: 1,
    })
    expect(result).toEqual({ nextVersion: 3 })
    await source.append?.({
      streamId: 'newcart-2',
      events: [{ type: 'CartOpened', payload: {} }],
      expectedVersion: 0,
    })
    // Emmett's own next append finds both streams where its own append looks for them.
    await appendWithEmmett(file, 'cart-1', [{ type: 'CartClosed', data: {} }], 3)
    await appendWithEmmett(file, 'newcart-2', [{ type: 'CartClosed', data: {} }], 1)
    const read = await readWithEmmett(file, 'cart-1')
    expect(read.map((event) => [event.type, event.data, event.streamPosition])).toEqual([
      ['CartOpened', { owner: 'Ann' }, '1'],
      ['ItemAdded', { sku: 'a', n: 2 }, '2'],
      ['ItemAdded', { sku: 'b', n: 1 }, '3'],
      ['CartClosed', {}, '4'],
    ])
    expect(read[1]?.messageId).toMatch(/^[0-9a-f-]{36}$/)
    const [added] = await source.readEvents('cart-1', 1, 1)
    expect(added?.metadata).toMatchObject({ correlationId: 'c-9', streamName: 'cart-1' })
    expect(await source.stream('newcart-2')).toMatchObject({ type: 'newcart', eventCount: 2 })
  })

  it('when the stream moved past the expected version, then the append is a version_conflict and writes nothing', async () => {
    const source = await open(true)
    const request = { streamId: 'cart-1', events: [{ type: 'X', payload: {} }], expectedVersion: 0 }
    await expect(source.append?.(request)).rejects.toMatchObject({ code: 'version_conflict' })
    expect((await source.stream('cart-1'))?.eventCount).toBe(1)
    expect(await readWithEmmett(file, 'cart-1')).toHaveLength(1)
  })

  it('when two writers append with the same expected version, then exactly one succeeds', async () => {
    const [a, b] = [await open(true), await open(true)]
    const attempt = (source: Source, type: string): Promise<unknown> =>
      source.append!({ streamId: 'cart-1', events: [{ type, payload: {} }], expectedVersion: 1 }).then(
        () => 'ok',
        (error: { code?: string }) => error.code,
      )
    const outcomes = await Promise.all([attempt(a, 'A'), attempt(b, 'B')])
    expect([...outcomes].sort()).toEqual(['ok', 'version_conflict'])
    expect((await a.stream('cart-1'))?.eventCount).toBe(2)
  })

  it('when importing events, then their ids, times, metadata and payload bytes are kept as given', async () => {
    const source = await open(true)
    const payloadText = '{"z":1.50, "a":[1E5,12345678901234567890],"é":"\\u00e9"}'
    const result = await source.importEvents?.({
      streamId: 'moved-1',
      streamType: 'Moved',
      expectedVersion: 0,
      events: [
        {
          id: 'evt-1',
          type: 'Happened',
          occurredAt: '2026-12-06T09:14:52.296356Z',
          payload: parseJsonExact(payloadText) as ExactJsonObject,
          payloadText,
          metadata: { source: 'jsonl' },
        },
        { id: null, type: 'Happened', occurredAt: null, payload: {}, payloadText: '{}', metadata: null },
      ],
    })
    expect(result).toEqual({ nextVersion: 2 })
    const [first, second] = await source.readEvents('moved-1', 0, 10)
    expect(first).toMatchObject({
      id: 'evt-1',
      type: 'Happened',
      occurredAt: '2026-12-06T09:14:52.296356Z',
      raw: payloadText,
      metadata: { source: 'jsonl' },
    })
    // No id: a stable one derived from stream and version, so a second run finds it again.
    expect(second?.id).toBe(derivedId('moved-1', 2))
    expect(second?.metadata).toEqual({})
    expect(second?.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(await source.stream('moved-1')).toMatchObject({ type: 'Moved', eventCount: 2 })
    expect((await readWithEmmett(file, 'moved-1'))[0]?.messageId).toBe('evt-1')
    await expect(
      source.importEvents?.({
        streamId: 'moved-1',
        streamType: null,
        expectedVersion: 0,
        events: [second as never],
      }),
    ).rejects.toMatchObject({ code: 'version_conflict' })
  })

  it("when Emmett's library appends while the store is watched, then each new event is reported once, in order", async () => {
    const source = await open(false)
    const changes: SourceChange[] = []
    let ready = false
    const stop = source.watch?.((change) => changes.push(change), {
      intervalMs: 50,
      onReady: () => (ready = true),
    })
    try {
      await until(() => ready, 'the watch to be ready')
      await appendWithEmmett(file, 'cart-1', [
        { type: 'ItemAdded', data: { sku: 'a' } },
        { type: 'ItemAdded', data: { sku: 'b' } },
      ])
      await appendWithEmmett(file, 'other-3', [{ type: 'Opened', data: {} }])
      await until(() => changes.length >= 3, 'three changes')
      expect(changes.map((change) => [change.streamId, change.version])).toEqual([
        ['cart-1', 2],
        ['cart-1', 3],
        ['other-3', 1],
      ])
    } finally {
      stop?.()
    }
  })
})

describe('a derived event id', () => {
  it('given the same stream and version, then it is the same UUID-shaped id; given another, another', () => {
    expect(derivedId('a-1', 1)).toBe(derivedId('a-1', 1))
    expect(derivedId('a-1', 1)).not.toBe(derivedId('a-1', 2))
    expect(derivedId('a-1', 1)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
  })
})
