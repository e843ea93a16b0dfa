// The JSONL source against the directory readers a user already runs: on a store with damaged lines
// it numbers versions as `eventscope events` does, its states are `eventscope state`'s, its listing
// pages and sorts, its store-wide scan is in time order, and its import keeps bytes and checks the
// expected version.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stringifyExact } from '../../../../electron/core/json/big-integers'
import { openJsonlSource } from '../../../../electron/core/source/jsonl/jsonl-source'
import type { Source, SourceEvent } from '../../../../electron/core/source/source'
import { initStore } from '../../../../electron/core/write/init-store'
import { requireBuiltCli, runCli } from '../../cli/run-built-cli'

let dir: string
let source: Source

const cart = [
  '{"event_id": "c1", "event_type": "CartOpened", "aggregate_id": "cart-1", "occurred_at": "2026-01-01T00:00:03+00:00", "items": {"a": 1}}',
  'not json at all',
  '',
  '{"event_id": "c2", "event_type": "ItemAdded", "aggregate_id": "cart-1", "occurred_at": "2026-01-01T00:00:05+00:00", "items": {"b": 2}, "n": 1.0}',
  '[1, 2]',
  '{"event_id": "c3", "event_type": "ItemRemoved", "aggregate_id": "cart-1", "occurred_at": "2026-01-01T00:00:07+00:00", "items": {"a": null}}',
  '{"event_id": "c4", "event_type": "Torn", "aggr',
]
const order = [
  '{"type": "OrderPlaced", "id": "o1", "aggregateId": "order-1", "time": "2026-01-01T00:00:04Z", "data": {"total": 12.50}}',
  '{"type": "OrderPaid", "id": "o2", "aggregateId": "order-1", "time": "2026-01-01T00:00:06Z", "data": {"paid": true}}',
]

beforeAll(async () => {
  requireBuiltCli()
  dir = await mkdtemp(join(tmpdir(), 'eventscope-jsonl-source-'))
  await initStore(dir)
  await writeFile(join(dir, 'cart-1.events.jsonl'), cart.join('\n'))
  await writeFile(join(dir, 'order-1.events.jsonl'), `${order.join('\n')}\n`)
  source = await openJsonlSource(dir)
})

afterAll(async () => {
  await source?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

async function all(batches: AsyncIterable<readonly SourceEvent[]>): Promise<SourceEvent[]> {
  const events: SourceEvent[] = []
  for await (const batch of batches) events.push(...batch)
  return events
}

describe('given a store with damaged lines', () => {
  it('when a stream is read, then versions, ids and lines are the ones `eventscope events` prints', async () => {
    const cli = JSON.parse((await runCli(['events', dir, 'cart-1', '--json'])).stdout) as {
      events: { version: number; id: string; type: string; raw: string }[]
    }
    const events = await all(source.streamEvents('cart-1', 0))
    expect(events.map((e) => [e.version, e.id, e.type, e.raw])).toEqual(
      cli.events.map((e) => [e.version, e.id, e.type, e.raw]),
    )
    expect(events[1]?.payloadText).toBe('{"items": {"b": 2},"n": 1.0}')
    expect((await source.readEvents('cart-1', 1, 1)).map((e) => e.id)).toEqual(['c2'])
    expect(await source.stream('cart-1')).toEqual({
      id: 'cart-1',
      type: 'Cart',
      eventCount: 3,
      lastEventAt: '2026-01-01T00:00:07+00:00',
    })
    expect(await source.stream('nobody')).toBeNull()
  })

  it('when a state is asked for, then it is the one `eventscope state` prints at each version', async () => {
    for (const at of [0, 1, 2, 3]) {
      const cli = JSON.parse(
        (await runCli(['state', dir, 'cart-1', '--at', String(at), '--json'])).stdout,
      ) as {
        state: unknown
      }
      const state = await source.stateAt('cart-1', at)
      expect(JSON.parse(stringifyExact(state.state))).toEqual(cli.state)
    }
  })

  it('when streams are listed, then pages follow one another and sorts by count and time hold', async () => {
    const first = await source.listStreams({ limit: 1 })
    expect(first.streams.map((s) => s.id)).toEqual(['cart-1'])
    const second = await source.listStreams({ limit: 1, after: first.next as string })
    expect(second).toMatchObject({ streams: [{ id: 'order-1', eventCount: 2 }], next: null })
    const byCount = await source.listStreams({ limit: 5, sort: 'eventCount' })
    expect(byCount.streams.map((s) => s.id)).toEqual(['order-1', 'cart-1'])
    const latest = await source.listStreams({ limit: 1, sort: 'lastEventAt', descending: true })
    expect(latest.streams.map((s) => s.id)).toEqual(['cart-1'])
    expect((await source.listStreams({ limit: 5, idContains: 'ORD' })).streams.map((s) => s.id)).toEqual([
      'order-1',
    ])
  })

  it('when the store is scanned, then every event comes in time order across streams', async () => {
    const events = await all(source.scan({}))
    expect(events.map((e) => e.id)).toEqual(['c1', 'o1', 'c2', 'o2', 'c3'])
  })
})

describe('given an import into a directory', () => {
  it('when the stream is where the request expects, then the line carries the payload text as it was', async () => {
    const target = await mkdtemp(join(tmpdir(), 'eventscope-jsonl-import-'))
    try {
      await initStore(target)
      const into = await openJsonlSource(target)
      const payloadText = '{"2": "two", "total": 12.50, "s": "caf\\u00e9"}'
      const request = {
        streamId: 'order-9',
        streamType: null,
        expectedVersion: 0,
        events: [
          {
            id: 'o-9',
            type: 'OrderPlaced',
            occurredAt: '2026-01-01T00:00:04.123456789+02:00',
            payload: {},
            payloadText,
            metadata: {},
          },
        ],
      }
      expect(await into.importEvents?.(request)).toEqual({ nextVersion: 1 })
      expect(await readFile(join(target, 'order-9.events.jsonl'), 'utf8')).toBe(
        `{"event_id": "o-9", "event_type": "OrderPlaced", "aggregate_id": "order-9", "occurred_at": "2026-01-01T00:00:04.123456789+02:00", "2": "two", "total": 12.50, "s": "caf\\u00e9"}\n`,
      )
      // Another event where the stream no longer is: refused, nothing written. (The same last event
      // again is a no-op, as an append retried with its event id.)
      const other = { ...request, events: [{ ...request.events[0], id: 'o-10' }] } as typeof request
      await expect(into.importEvents?.(other)).rejects.toMatchObject({ code: 'version_conflict' })
      expect((await readFile(join(target, 'order-9.events.jsonl'), 'utf8')).split('\n')).toHaveLength(2)
    } finally {
      await rm(target, { recursive: true, force: true })
    }
  })
})
