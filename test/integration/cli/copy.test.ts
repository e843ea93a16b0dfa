// `eventscope copy` as a user runs it: whole processes (out/main/cli.js) between store directories and
// a real PostgreSQL server in Emmett's layout that this file starts. A directory goes into the
// database and back, and the payload bytes of every line come back as they were; a second run
// writes nothing; a run that stopped half-way is finished by the next; a destination that holds other
// events is named in one line and left alone; Emmett's own library reads what the copy wrote.

import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { payloadSourceOf } from '../../../electron/core/stream/payload-text'
import { detectStyle } from '../../../electron/core/stream/envelope'
import { objectMembers } from '../../../electron/core/json/json-members'
import { writeEmmettStore } from '../../fixtures/emmett-postgres-store'
import { postgresSkipReason, startPostgres, type PostgresServer } from '../../support/postgres-server'
import { requireBuiltCli, runCli, type CliRun } from './run-built-cli'

const noPostgres = postgresSkipReason()
if (noPostgres !== null) console.log(`Skipping the PostgreSQL tests of this file: ${noPostgres}`)

let server: PostgresServer
let work: string

beforeAll(async () => {
  if (noPostgres !== null) return
  requireBuiltCli()
  server = await startPostgres()
  work = await mkdtemp(join(tmpdir(), 'eventscope-copy-'))
}, 180_000)

afterAll(async () => {
  await server?.stop()
  if (work) await rm(work, { recursive: true, force: true })
})

/** A database holding Emmett's tables and nothing else, created by Emmett's own schema migration. */
async function emptyEmmettDatabase(name: string): Promise<string> {
  const url = await server.createDatabase(name)
  const store = getPostgreSQLEventStore(url)
  try {
    await store.schema.migrate()
  } finally {
    await store.close()
  }
  return url
}

let stores = 0

async function newStore(name: string): Promise<string> {
  const dir = join(work, `${name}-${++stores}`)
  const run = await runCli(['init', dir])
  expect(run.code).toBe(0)
  return dir
}

async function copy(from: string, to: string, json = true): Promise<CliRun> {
  return runCli(['copy', from, to, ...(json ? ['--json'] : [])])
}

// Lines a writer other than eventscope might have written: payloads whose key order jsonb changes
// (integer-like keys, long before short), number spellings it rewrites (1.0, 1E5, -0.0, a 2^64
// integer), escapes it undoes (\u00e9, \/), spacing, nested data under "data", times with offsets
// and beyond microseconds, metadata, and the seed's flat style with Python's separators.
const flatLines = [
  '{"event_id": "e-1", "event_type": "CartOpened", "aggregate_id": "cart-1", "occurred_at": "2026-01-02T03:04:05+00:00", "zeta": 1, "alpha": {"b": 2, "a": [1.0, 1E5, -0.0]}, "2": "two", "1": "one"}',
  '{"event_id": "e-2", "event_type": "ItemAdded", "aggregate_id": "cart-1", "occurred_at": "2026-01-02T03:04:06.123456789+02:00", "sku": "caf\\u00e9", "qty": 18446744073709551617, "path": "a\\/b"}',
  '{"event_id": "e-3", "event_type": "ItemRemoved", "aggregate_id": "cart-1", "occurred_at": "2026-01-02T03:04:07.5+00:00", "sku": "café", "metadata": {"by": "ann"}}',
]
const nestedLines = [
  '{"type":"OrderPlaced","id":"o-1","aggregateId":"order-9","time":"2026-03-04T05:06:07.000Z","data":{ "total" : 12.50, "lines" : [ {"sku":"x","n":2} ], "b":1,"a":2 },"metadata":{"user":"u1"}}',
  '{"type":"OrderShipped","id":"o-2","aggregateId":"order-9","time":"2026-03-04T06:00:00Z","data":{}}',
]

async function writeSourceStore(): Promise<string> {
  const dir = await newStore('source')
  await writeFile(join(dir, 'cart-1.events.jsonl'), `${flatLines.join('\n')}\n`)
  await writeFile(join(dir, 'order-9.events.jsonl'), `${nestedLines.join('\n')}\n`)
  const many = Array.from(
    { length: 2_345 },
    (_, i) =>
      `{"event_id": "m-${i}", "event_type": "Counted", "aggregate_id": "meter-1", "occurred_at": "2026-02-01T00:00:00+00:00", "n": ${i}}`,
  )
  await writeFile(join(dir, 'meter-1.events.jsonl'), `${many.join('\n')}\n`)
  return dir
}

/** Stderr without the progress lines a slow run prints every two seconds (a loaded machine). */
function complaints(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !line.startsWith('copying: '))
    .join('\n')
}

async function linesOf(dir: string, id: string): Promise<string[]> {
  return (await readFile(join(dir, `${id}.events.jsonl`), 'utf8')).trimEnd().split('\n')
}

/**
 * A line's payload fields, each as its bytes (key and value as written). Between and around them is
 * the envelope writer's: a stream that goes into a new store takes that store's style.
 */
function payloadBytes(line: string): string[] {
  const text = payloadSourceOf(line, detectStyle(JSON.parse(line) as Record<string, never>)) ?? ''
  return objectMembers(text, text.indexOf('{')).members.map((m) => text.slice(m.keyStart, m.valueEnd))
}

describe.skipIf(noPostgres !== null)('given a directory store and an empty Emmett database', () => {
  it('when copied into the database and back into a new directory, then every payload comes back byte for byte, with its id, type, time and order', async () => {
    const source = await writeSourceStore()
    const url = await emptyEmmettDatabase('roundtrip')
    const there = await copy(source, url)
    expect(complaints(there.stderr)).toBe('')
    expect(there.code).toBe(0)
    expect(JSON.parse(there.stdout)).toEqual({
      streams: 3,
      copied: 5 + 2_345,
      already: 0,
      conflicts: [],
      renumbered: [],
    })

    const back = await newStore('back')
    const home = await copy(url, back)
    expect(home.code).toBe(0)
    expect(JSON.parse(home.stdout)).toMatchObject({ streams: 3, copied: 5 + 2_345 })

    expect((await readdir(back)).sort()).toEqual([
      'cart-1.events.jsonl',
      'index.json',
      'meter-1.events.jsonl',
      'order-9.events.jsonl',
    ])
    for (const id of ['cart-1', 'order-9', 'meter-1']) {
      const before = await linesOf(source, id)
      const after = await linesOf(back, id)
      expect(after).toHaveLength(before.length)
      after.forEach((line, i) => {
        const original = JSON.parse(before[i] as string) as Record<string, unknown>
        const copied = JSON.parse(line) as Record<string, unknown>
        expect(payloadBytes(line)).toEqual(payloadBytes(before[i] as string))
        const id = (o: Record<string, unknown>): unknown => o.event_id ?? o.id
        const type = (o: Record<string, unknown>): unknown => o.event_type ?? o.type
        const time = (o: Record<string, unknown>): unknown => o.occurred_at ?? o.time
        expect([id(copied), type(copied), time(copied)]).toEqual([
          id(original),
          type(original),
          time(original),
        ])
      })
    }
    // The seed's flat lines come back whole, byte for byte (same style, same writer's separators).
    expect(await linesOf(back, 'cart-1')).toEqual(flatLines)
  })

  it("when Emmett's own library reads the copy, then it finds the events with their ids, types and data", async () => {
    const source = await writeSourceStore()
    const url = await emptyEmmettDatabase('emmett_reads')
    expect((await copy(source, url)).code).toBe(0)
    const store = getPostgreSQLEventStore(url)
    try {
      const read = await store.readStream('order-9')
      expect(read.currentStreamVersion).toBe(2n)
      expect(read.events.map((e) => [e.type, e.metadata.messageId, e.data])).toEqual([
        ['OrderPlaced', 'o-1', { total: 12.5, lines: [{ sku: 'x', n: 2 }], b: 1, a: 2 }],
        ['OrderShipped', 'o-2', {}],
      ])
      const appended = await store.appendToStream('order-9', [{ type: 'OrderClosed', data: {} }], {
        expectedStreamVersion: 2n,
      })
      expect(appended.nextExpectedStreamVersion).toBe(3n)
    } finally {
      await store.close()
    }
    // The time kept its instant in Emmett's own column.
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      const { rows } = await client.query<{ at: string }>(
        `SELECT to_char(created AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS at FROM emt_messages WHERE message_id = 'e-2'`,
      )
      expect(rows[0]?.at).toBe('2026-01-02T01:04:06.123457')
    } finally {
      await client.end()
    }
  })

  it('when the copy runs again, then it writes nothing and says everything was already there', async () => {
    const source = await writeSourceStore()
    const url = await emptyEmmettDatabase('again')
    expect((await copy(source, url)).code).toBe(0)
    const again = await copy(source, url)
    expect(again.code).toBe(0)
    expect(JSON.parse(again.stdout)).toEqual({
      streams: 3,
      copied: 0,
      already: 5 + 2_345,
      conflicts: [],
      renumbered: [],
    })
    const text = await copy(source, url, false)
    expect(text.stdout).toMatch(
      /^copied 0 events of 3 streams from .* to PostgreSQL at .*\(2,350 events already there\)\n$/,
    )
  })

  it('when a copy stopped half-way (part of a stream and whole streams missing), then the next run copies exactly the rest', async () => {
    const source = await writeSourceStore()
    const partial = await newStore('partial-source')
    // What an interrupted first run left: cart-1's first event and 1,000 of meter-1's.
    await writeFile(join(partial, 'cart-1.events.jsonl'), `${flatLines[0]}\n`)
    const meter = await linesOf(source, 'meter-1')
    await writeFile(join(partial, 'meter-1.events.jsonl'), `${meter.slice(0, 1_000).join('\n')}\n`)
    const url = await emptyEmmettDatabase('resume')
    expect((await copy(partial, url)).code).toBe(0)

    const rest = await copy(source, url)
    expect(rest.code).toBe(0)
    expect(JSON.parse(rest.stdout)).toEqual({
      streams: 3,
      copied: 2 + 2 + 1_345,
      already: 1_001,
      conflicts: [],
      renumbered: [],
    })
    const back = await newStore('resumed-back')
    expect((await copy(url, back)).code).toBe(0)
    expect(await linesOf(back, 'meter-1')).toEqual(meter)
    expect(await linesOf(back, 'cart-1')).toEqual(flatLines)
  })

  it('when the destination holds other events in a stream, then that stream is named in one line and left alone, and the others are copied', async () => {
    const source = await writeSourceStore()
    const url = await emptyEmmettDatabase('conflict')
    const store = getPostgreSQLEventStore(url)
    try {
      await store.appendToStream('order-9', [{ type: 'SomethingElse', data: { x: 1 } }])
    } finally {
      await store.close()
    }
    const run = await copy(source, url, false)
    expect(run.code).toBe(1)
    expect(complaints(run.stderr)).toMatch(
      /^not copied: "order-9": the destination's event at version 1 has id "[^"]+", the source's "o-1"\n$/,
    )
    const doc = JSON.parse((await copy(source, url)).stdout) as { copied: number; already: number }
    expect(doc).toMatchObject({ copied: 0, already: 3 + 2_345 })
  })

  it('when the destination is not a store, then the copy refuses in one line and writes nothing', async () => {
    const source = await writeSourceStore()
    const missing = join(work, 'no-such-dir')
    const run = await copy(source, missing, false)
    expect(run.code).not.toBe(0)
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(run.stderr).toContain('no-such-dir')
    const noTables = await server.createDatabase('no_tables')
    const refused = await copy(source, noTables, false)
    expect(refused.code).not.toBe(0)
    expect(refused.stderr).toMatch(/^eventscope: .*holds no event store.*\n$/i)
  })
})

describe.skipIf(noPostgres !== null)('given a store Emmett wrote', () => {
  it('when copied into a directory and back into another database, then ids, types, positions and data are the same', async () => {
    const url = await server.createDatabase('emmett_source')
    const fixture = await writeEmmettStore(url)
    const dir = await newStore('from-emmett')
    const out = await copy(url, dir)
    // A directory cannot name a file after this id (a quote is not allowed on Windows): that stream
    // alone is left out, in one line.
    const refusedId = `order-"quoted"-Zürich`
    expect(out.code).toBe(1)
    const total = [...fixture.streams.values()].reduce((n, events) => n + events.length, 0)
    expect(JSON.parse(out.stdout)).toMatchObject({
      streams: fixture.streams.size,
      copied: total - 1,
      conflicts: [
        {
          streamId: refusedId,
          reason: expect.stringMatching(/^Aggregate id .* is not allowed: /) as unknown,
        },
      ],
    })
    const text = await copy(url, dir, false)
    expect(complaints(text.stderr)).toMatch(
      /^not copied: "order-\\"quoted\\"-Zürich": Aggregate id .* is not allowed: [^\n]*\n$/,
    )
    const url2 = await emptyEmmettDatabase('emmett_again')
    expect((await copy(dir, url2)).code).toBe(0)
    const query = `SELECT stream_id, stream_position, message_type, message_id, message_data, created FROM emt_messages WHERE stream_id <> '${refusedId.replace(/'/g, "''")}' ORDER BY stream_id, stream_position`
    const read = async (address: string): Promise<unknown[]> => {
      const client = new pg.Client({ connectionString: address })
      await client.connect()
      try {
        return (await client.query(query)).rows
      } finally {
        await client.end()
      }
    }
    expect(await read(url2)).toEqual(await read(url))
  })
})
