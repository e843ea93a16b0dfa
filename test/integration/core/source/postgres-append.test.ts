// Appending through the PostgreSQL source, on a real server, into a store Emmett created: what it
// writes is read back by Emmett's own readStream as Emmett's own appends are, the expected version is
// enforced (also between two writers at once), and numbers land as written.

import { getPostgreSQLEventStore, type PostgresEventStore } from '@event-driven-io/emmett-postgresql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseJsonExact, stringifyExact } from '../../../../electron/core/json/big-integers'
import type { ExactJsonObject } from '../../../../electron/core/json/json-value'
import { openPostgresSource } from '../../../../electron/core/source/postgres/postgres-source'
import type { Source } from '../../../../electron/core/source/source'
import { writeEmmettStore } from '../../../fixtures/emmett-postgres-store'
import { postgresSkipReason, startPostgres, type PostgresServer } from '../../../support/postgres-server'

const noPostgres = postgresSkipReason()
if (noPostgres !== null) console.log(`Skipping the PostgreSQL tests of this file: ${noPostgres}`)

let server: PostgresServer
let source: Source
let emmett: PostgresEventStore

beforeAll(async () => {
  if (noPostgres !== null) return
  server = await startPostgres()
  const url = await server.createDatabase('emmett')
  await writeEmmettStore(url)
  source = await openPostgresSource(url)
  emmett = getPostgreSQLEventStore(url)
}, 180_000)

afterAll(async () => {
  await emmett?.close()
  await source?.close()
  await server?.stop()
})

const append = (
  streamId: string,
  expectedVersion: number | null,
  ...events: { type: string; payload: ExactJsonObject; metadata?: ExactJsonObject }[]
): Promise<{ readonly nextVersion: number }> => {
  if (!source.append) throw new Error('the source offers no append')
  return source.append({ streamId, expectedVersion, events })
}

describe.skipIf(noPostgres !== null)("given a store in Emmett's PostgreSQL layout", () => {
  it('when appending to a new stream, then Emmett reads the events back as its own', async () => {
    expect(source.capabilities.append).toBe(true)
    const result = await append(
      'invoice-9',
      0,
      {
        type: 'InvoiceIssued',
        payload: { amount: 120, lines: ['a', 'b'] },
        metadata: { correlationId: 'k-1' },
      },
      { type: 'InvoicePaid', payload: { paid: true } },
    )
    expect(result.nextVersion).toBe(2)
    const read = await emmett.readStream('invoice-9')
    expect(read.currentStreamVersion).toBe(2n)
    expect(read.events.map((event) => [event?.type, event?.data])).toEqual([
      ['InvoiceIssued', { amount: 120, lines: ['a', 'b'] }],
      ['InvoicePaid', { paid: true }],
    ])
    expect(read.events[0]?.metadata).toMatchObject({ correlationId: 'k-1', streamPosition: 1n })
    expect(await source.stream('invoice-9')).toMatchObject({ type: 'invoice', eventCount: 2 })
    // And Emmett appends after ours with its own expected version.
    await emmett.appendToStream('invoice-9', [{ type: 'InvoiceArchived', data: {} }], {
      expectedStreamVersion: 2n,
    })
    expect((await source.stateAt('invoice-9', 3)).state).toEqual({
      amount: 120,
      lines: ['a', 'b'],
      paid: true,
    })
  })

  it('when the expected version is stale, then it is version_conflict and nothing is written', async () => {
    await append('ledger-1', 0, { type: 'Opened', payload: { n: 1 } })
    await expect(append('ledger-1', 0, { type: 'Opened', payload: { n: 2 } })).rejects.toMatchObject({
      code: 'version_conflict',
    })
    await append('ledger-1', 1, { type: 'Posted', payload: { n: 3 } })
    await expect(append('ledger-1', 1, { type: 'Posted', payload: { n: 4 } })).rejects.toMatchObject({
      code: 'version_conflict',
      message: '"ledger-1" is no longer at version 1: another writer appended first',
    })
    const events = await source.readEvents('ledger-1', 0, 10)
    expect(events.map((event) => event.payload)).toEqual([{ n: 1 }, { n: 3 }])
    // No expected version: appended wherever the stream is.
    expect((await append('ledger-1', null, { type: 'Posted', payload: { n: 5 } })).nextVersion).toBe(3)
  })

  it('when two writers append with the same expected version at once, then exactly one succeeds', async () => {
    await append('race-1', 0, { type: 'Started', payload: {} })
    const other = await openPostgresSource(server.urlFor('emmett'))
    try {
      const attempts = await Promise.allSettled([
        append('race-1', 1, { type: 'A', payload: { by: 'a' } }),
        other.append?.({
          streamId: 'race-1',
          expectedVersion: 1,
          events: [{ type: 'B', payload: { by: 'b' } }],
        }),
      ])
      expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1)
      expect(attempts.find((attempt) => attempt.status === 'rejected')).toMatchObject({
        reason: { code: 'version_conflict' },
      })
      expect((await source.stream('race-1'))?.eventCount).toBe(2)
    } finally {
      await other.close()
    }
  })

  it('when a payload holds numbers a double cannot print back, then they are stored and read as written', async () => {
    const payload = parseJsonExact(
      '{"big": 12345678901234567890, "one": 1.0, "tiny": 0.10}',
    ) as ExactJsonObject
    await append('exact-1', 0, { type: 'Measured', payload })
    const [event] = await source.readEvents('exact-1', 0, 1)
    expect(event?.raw).toBe('{"big": 12345678901234567890, "one": 1.0, "tiny": 0.10}')
    expect(stringifyExact(event?.payload)).toBe('{"big":12345678901234567890,"one":1.0,"tiny":0.10}')
    expect(stringifyExact((await source.stateAt('exact-1', 1)).state)).toBe(
      '{"big":12345678901234567890,"one":1.0,"tiny":0.10}',
    )
  })

  it('when a stream id has no type prefix, then its type is the one Emmett gives such a stream', async () => {
    await append('standalone', 0, { type: 'Noted', payload: {} })
    expect((await source.stream('standalone'))?.type).toBe('emt:unknown')
  })
})
