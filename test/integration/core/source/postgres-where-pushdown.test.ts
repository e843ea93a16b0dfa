// `search --where` pushed down into SQL, on a real PostgreSQL server in Emmett's layout: for random
// expressions over payloads chosen to hit every place where SQL and eventscope could disagree (number
// spellings, big integers, non-ASCII case, integer-like keys, non-object payloads), the server's
// bounds hold (what `surely` keeps matches, what `maybe` drops does not) and a search through the
// pushdown finds exactly what eventscope's own evaluation finds, in the same order.

import fc from 'fast-check'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseExpression } from '../../../../electron/core/search/expression'
import type { SearchQuery } from '../../../../electron/core/search/search-query'
import { emmettLayout } from '../../../../electron/core/source/postgres/emmett-layout'
import { findTableOf } from '../../../../electron/core/source/postgres/find-events-sql'
import { openPostgresSource } from '../../../../electron/core/source/postgres/postgres-source'
import { compactParams, SqlParams } from '../../../../electron/core/source/postgres/sql-params'
import { whereToSql } from '../../../../electron/core/source/postgres/where-sql'
import type { Source, SourceEvent } from '../../../../electron/core/source/source'
import { compileEventTest, searchSource } from '../../../../electron/core/source/source-search'
import { writeEmmettStore } from '../../../fixtures/emmett-postgres-store'
import { searchedKeys, withoutPushdown } from '../../../support/source-without-pushdown'
import { postgresSkipReason, startPostgres, type PostgresServer } from '../../../support/postgres-server'

const noPostgres = postgresSkipReason()
if (noPostgres !== null) console.log(`Skipping the PostgreSQL tests of this file: ${noPostgres}`)

/** Payloads as JSON text, written as they are (jsonb keeps each number's spelling but not 1e2's). */
const payloads = [
  '{"a":1,"s":"Ann","arr":[1,"x",1.0],"obj":{"x":true,"0":"zero"}}',
  '{"a":1.0,"s":"ann smith","n":null}',
  '{"a":"1","s":"ÄNN","arr":[]}',
  '{"a":9007199254740993,"s":"\u212a","b":false}',
  '{"a":9007199254740992,"s":"Kelvin k","b":true}',
  '{"a":1e400,"b":true,"s":""}',
  '{"a":-0.0,"arr":[[1],{"x":1}],"s":"k"}',
  '{"a":0,"b":"","obj":["zero","one"],"s":"\ud835\udc9cbc"}',
  '{"a":2.5,"s":"b","arr":["ann","Ann"],"obj":{"x":false}}',
  '{"a":100,"s":"İstanbul","arr":[100,1e2,0.10]}',
  '{"a":0.1,"s":"\uffff","b":[0]}',
  '{"a":{"x":1},"s":"ab\\"c","0":"key zero"}',
  '{}',
  '[1,2]',
  '"just text"',
  '{"a":-5,"s":"Zürich","obj":{"x":"ANN"},"arr":[null,true]}',
]
const metadatas = ['{}', '{"k":"v"}', '{"k":1}', '[1]']
const types = ['Added', 'Removed', '']

const paths = [
  'payload',
  'payload.a',
  'payload.s',
  'payload.b',
  'payload.n',
  'payload.arr',
  'payload.arr[0]',
  'payload.arr[2]',
  'payload.obj',
  'payload.obj.x',
  'payload.obj[0]',
  'payload.obj["0"]',
  'payload[0]',
  'payload["0"]',
  'payload.a.x',
  'payload.missing',
  'metadata',
  'metadata.k',
  'type',
  'id',
  'version',
  'aggregateId',
  'occurredAt',
  'event',
  'event.payload.a',
  'event.type',
  'event.nothing',
  'state.a',
]
const literals = [
  '1',
  '1.0',
  '"1"',
  '0',
  '-0',
  '0.1',
  '0.10',
  '2.5',
  '100',
  '1e2',
  '1e400',
  '9007199254740993',
  '9007199254740992',
  '-5',
  'null',
  'true',
  'false',
  '""',
  '"ann"',
  '"Ann"',
  '"ä"',
  '"k"',
  '"K"',
  '"\\ud835\\udc9c"',
  '"\\uffff"',
  '"b"',
  '"zero"',
  '"x"',
  '"v"',
  '"Added"',
  '"s-2"',
  '"\\u0000"',
  '"\\ud800"',
]

const path = fc.constantFrom(...paths)
const literal = fc.constantFrom(...literals)
const operand = fc.oneof(
  { arbitrary: path, weight: 4 },
  { arbitrary: literal, weight: 3 },
  { arbitrary: path.map((p) => `lower(${p})`), weight: 1 },
)
const op = fc.constantFrom('==', '!=', '<', '<=', '>', '>=')
const { condition } = fc.letrec<{ condition: string }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(operand, op, operand).map(([l, o, r]) => `${l} ${o} ${r}`),
    path.map((p) => `exists(${p})`),
    fc.tuple(fc.oneof(path, literal), fc.oneof(literal, path)).map(([a, b]) => `contains(${a}, ${b})`),
    fc.tuple(path, fc.oneof(literal, path)).map(([a, b]) => `startsWith(${a}, ${b})`),
    operand,
    tie('condition').map((c) => `not ${c}`),
    fc.tuple(tie('condition'), tie('condition')).map(([l, r]) => `(${l} and ${r})`),
    fc.tuple(tie('condition'), tie('condition')).map(([l, r]) => `(${l} or ${r})`),
  ),
}))

let server: PostgresServer
let client: pg.Client
let source: Source
let everything: SourceEvent[]

beforeAll(async () => {
  if (noPostgres !== null) return
  server = await startPostgres()
  const url = await server.createDatabase('pushdown')
  // Emmett's library creates its schema (and a few streams of its own); the payloads above go in
  // through Emmett's own append function, as text, so their spelling reaches jsonb unchanged.
  await writeEmmettStore(url)
  client = new pg.Client({ connectionString: url })
  await client.connect()
  for (const [index, payload] of payloads.entries()) {
    const stream = `s-${index % 3}`
    await client.query(
      `SELECT success FROM emt_append_to_stream(ARRAY[gen_random_uuid()::text], ARRAY[$1]::jsonb[],
        ARRAY[$2]::jsonb[], ARRAY['1'], ARRAY[$3], ARRAY['E'], $4, 's', NULL, 'emt:default')`,
      [payload, metadatas[index % metadatas.length], types[index % types.length], stream],
    )
  }
  source = await openPostgresSource(url)
  everything = []
  for await (const batch of source.scan({})) everything.push(...batch)
}, 180_000)

afterAll(async () => {
  await source?.close()
  await client?.end()
  await server?.stop()
})

const keyOf = (event: { streamId: string; version: number }): string => `${event.streamId}#${event.version}`

async function rowsWhere(condition: string, params: readonly unknown[]): Promise<Set<string>> {
  const statement = compactParams(
    `SELECT e.stream_id, e.stream_position::int AS version FROM emt_messages e
      WHERE NOT e.is_archived AND (${condition})`,
    params,
  )
  const { rows } = await client.query<{ stream_id: string; version: number }>(statement.sql, statement.params)
  return new Set(rows.map((row) => `${row.stream_id}#${row.version}`))
}

describe.skipIf(noPostgres !== null)('search --where pushed down into PostgreSQL', () => {
  it('given random expressions, when translated, then surely ⊆ eventscope ⊆ maybe, equal when exact', async () => {
    await fc.assert(
      fc.asyncProperty(condition, async (text) => {
        const test = compileEventTest({ where: text })
        const expected = new Set(everything.filter(test).map(keyOf))
        // Also as for a payload column of json or text, whose numbers jsonb may print otherwise.
        for (const numbersAsPrinted of [true, false]) {
          const fields = { ...findTableOf(emmettLayout).fields, numbersAsPrinted }
          const params = new SqlParams()
          const bounds = whereToSql(parseExpression(text), fields, params)
          const maybe = await rowsWhere(bounds.maybe, params.values)
          const surely = await rowsWhere(bounds.surely, params.values)
          for (const key of surely) expect(expected, `surely kept ${key} for ${text}`).toContain(key)
          for (const key of expected) expect(maybe, `maybe dropped ${key} for ${text}`).toContain(key)
          if (bounds.exact) expect(maybe).toEqual(expected)
        }
      }),
      { numRuns: 200 },
    )
  }, 600_000)

  it('given random expressions, when searched, then the pushdown finds what testing every event finds', async () => {
    const plain = withoutPushdown(source)
    await fc.assert(
      fc.asyncProperty(condition, async (where) => {
        expect(await searchedKeys(source, { where })).toEqual(await searchedKeys(plain, { where }))
      }),
      { numRuns: 60 },
    )
  }, 600_000)

  it('given the other filters, when pushed down, then each finds what the stream-by-stream search finds', async () => {
    const plain = withoutPushdown(source)
    const times = everything.map((event) => event.occurredAt ?? '').sort()
    const middle = times[Math.floor(times.length / 2)] as string
    const queries: SearchQuery[] = [
      { text: 'ANN' },
      { text: 'k' },
      { text: 'ä' },
      { eventTypes: ['Added', ''] },
      { aggregateIds: ['s-1', 'account-7', 'nope'] },
      { aggregateTypes: ['s'] },
      { aggregateTypes: ['shoppingCart', 'account'], where: 'exists(payload.balance)' },
      { since: middle },
      { until: middle },
      { since: middle.slice(0, 23) + 'Z', until: middle },
      { where: 'payload.count > 1200', eventTypes: ['Incremented'] },
    ]
    for (const query of queries)
      expect(await searchedKeys(source, query), JSON.stringify(query)).toEqual(
        await searchedKeys(plain, query),
      )
  })

  it('given a selective --where, when searched, then the server sends only the matching rows', async () => {
    const result = await searchSource(source, { where: 'payload.count == 999' }, { keep: true })
    expect(result.matches.map((match) => match.version)).toEqual([999])
    expect(result.scannedEvents).toBe(1)
  })

  it('given a --limit, when the pushdown finds more, then it stops at the limit', async () => {
    const result = await searchSource(source, { where: 'payload.count > 0' }, { limit: 3, keep: true })
    expect(result.matches).toHaveLength(3)
    expect(result.truncated).toBe(true)
  })
})
