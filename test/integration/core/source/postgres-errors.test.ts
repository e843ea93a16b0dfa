// What a real PostgreSQL server refuses becomes one line naming the server, never its password: a
// refused connection, a wrong password, a missing database, a database without Emmett's tables, a
// missing privilege and a statement timeout, each met for real.

import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { StoreError } from '../../../../electron/core/errors'
import { databaseError } from '../../../../electron/core/source/postgres/pg-errors'
import { emmettLayout } from '../../../../electron/core/source/postgres/emmett-layout'
import { openPostgresSource } from '../../../../electron/core/source/postgres/postgres-source'
import { writeEmmettStore } from '../../../fixtures/emmett-postgres-store'
import {
  postgresTestPassword,
  postgresSkipReason,
  startPostgres,
  type PostgresServer,
} from '../../../support/postgres-server'

const noPostgres = postgresSkipReason()
if (noPostgres !== null) console.log(`Skipping the PostgreSQL tests of this file: ${noPostgres}`)

let server: PostgresServer
let emmettUrl: string

beforeAll(async () => {
  if (noPostgres !== null) return
  server = await startPostgres()
  emmettUrl = await server.createDatabase('emmett')
  await writeEmmettStore(emmettUrl)
  await server.createDatabase('plain')
  await server.sql('emmett', `CREATE ROLE reader LOGIN PASSWORD 'reader-secret'`)
}, 180_000)

afterAll(async () => {
  await server?.stop()
})

async function openError(url: string): Promise<StoreError> {
  const error: unknown = await openPostgresSource(url).then(
    async (source) => {
      await source.close()
      return null
    },
    (thrown: unknown) => thrown,
  )
  if (!(error instanceof StoreError)) throw new Error(`expected a StoreError, got ${String(error)}`)
  // One line, and the password is nowhere in it.
  expect(error.message).not.toMatch(/\n/)
  expect(error.message).not.toContain(postgresTestPassword)
  return error
}

describe.skipIf(noPostgres !== null)('given a real PostgreSQL server', () => {
  it('when nothing listens on the port, then it is io_error: refused, naming host and port', async () => {
    const port = server.port === 1 ? 2 : 1
    const error = await openError(`postgres://postgres:${postgresTestPassword}@127.0.0.1:${port}/emmett`)
    expect(error.code).toBe('io_error')
    expect(error.message).toBe(
      `PostgreSQL at 127.0.0.1:${port}/emmett refused the connection (is PostgreSQL running there?)`,
    )
  })

  it('when the password is wrong, then it is forbidden and says so', async () => {
    const error = await openError(server.urlFor('emmett').replace(postgresTestPassword, 'wrong'))
    expect(error.code).toBe('forbidden')
    expect(error.message).toMatch(
      /^PostgreSQL at 127\.0\.0\.1:\d+\/emmett: password authentication failed for user "postgres"$/,
    )
  })

  it('when the server asks for a password and none is given, then it is forbidden saying where to give one', async () => {
    const error = await openError(server.urlFor('emmett').replace(`:${postgresTestPassword}@`, '@'))
    expect(error.code).toBe('forbidden')
    expect(error.message).toMatch(/emmett asks for a password and none was given \(PGPASSWORD or the URL\)$/)
  })

  it('when the socket directory holds no server, then it is io_error naming the socket', async () => {
    const error = await openError(`postgres:///emmett?host=${server.socketDir}/missing&port=${server.port}`)
    expect(error.code).toBe('io_error')
    expect(error.message).toBe(
      `PostgreSQL at ${server.socketDir}/missing (socket), port ${server.port}/emmett has no socket there (is PostgreSQL running?)`,
    )
  })

  it('when the database does not exist, then it is not_found naming it', async () => {
    const error = await openError(server.urlFor('nope'))
    expect(error.code).toBe('not_found')
    expect(error.message).toMatch(/^PostgreSQL at 127\.0\.0\.1:\d+\/nope: database "nope" does not exist$/)
  })

  it('when the database holds no layout eventscope knows, then it is no_store naming each layout', async () => {
    const error = await openError(server.urlFor('plain'))
    expect(error.code).toBe('no_store')
    expect(error.message).toMatch(
      /\/plain holds no event store eventscope knows: none of the tables of Emmett \(emt_streams, emt_messages\), Marten \(mt_streams, mt_events\), Eventuous \(eventuous\.streams, eventuous\.messages\), Message DB \(message_store\.messages\); map a table with --table$/,
    )
  })

  it('when Emmett is asked for and absent, then it is no_store naming its missing tables', async () => {
    const error: unknown = await openPostgresSource(server.urlFor('plain'), { layout: emmettLayout }).then(
      (source) => source.close(),
      (failure: unknown) => failure,
    )
    expect(error).toBeInstanceOf(StoreError)
    expect((error as StoreError).message).toMatch(
      /\/plain holds no Emmett event store: no emt_streams or emt_messages table$/,
    )
  })

  it('when the user may not read the tables, then it is forbidden: permission denied', async () => {
    const url = server.urlFor('emmett').replace(`postgres:${postgresTestPassword}@`, 'reader:reader-secret@')
    const source = await openPostgresSource(url)
    try {
      const error: unknown = await source.listStreams({ limit: 5 }).catch((thrown: unknown) => thrown)
      expect(error).toBeInstanceOf(StoreError)
      expect((error as StoreError).code).toBe('forbidden')
      expect((error as StoreError).message).toMatch(
        /^PostgreSQL at 127\.0\.0\.1:\d+\/emmett: permission denied for table emt_\w+$/,
      )
      expect((error as StoreError).message).not.toContain('reader-secret')
    } finally {
      await source.close()
    }
  })

  it('when a statement outlives the statement timeout, then it is io_error: cancelled', async () => {
    const client = new pg.Client({ connectionString: emmettUrl, statement_timeout: 50 })
    await client.connect()
    try {
      const thrown: unknown = await client.query('SELECT pg_sleep(5)').catch((error: unknown) => error)
      const error = databaseError(thrown, 'PostgreSQL at here')
      expect(error.code).toBe('io_error')
      expect(error.message).toBe('PostgreSQL at here: canceling statement due to statement timeout')
    } finally {
      await client.end()
    }
  })
})
