// Layouts whose library was told to keep its tables in another schema, on a real server this test
// starts: Eventuous with PostgresStoreOptions.Schema = "booking" (its own scripts, filled in as
// Eventuous fills them), and Eventuous, Emmett and Marten whose tables were moved out of the search
// path (ALTER SCHEMA … RENAME: a DatabaseSchemaName or a search_path of the application's). They are
// found with `?eventscope-schema=NAME` (or `--schema NAME`), read as in their default place, and
// Eventuous' tables are found in any schema on the search path, not only in `eventuous`.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPostgresSource } from '../../../../electron/core/source/postgres/postgres-source'
import type { Source } from '../../../../electron/core/source/source'
import { writeEmmettStore } from '../../../fixtures/emmett-postgres-store'
import { writeEventuousStore } from '../../../fixtures/eventuous-postgres-store'
import type { LayoutFixture } from '../../../fixtures/layout-streams'
import { writeMartenStore } from '../../../fixtures/marten-postgres-store'
import { postgresSkipReason, startPostgres, type PostgresServer } from '../../../support/postgres-server'
import { requireBuiltCli, runCli } from '../../cli/run-built-cli'

const noPostgres = postgresSkipReason()
if (noPostgres !== null) console.log(`Skipping the PostgreSQL tests of this file: ${noPostgres}`)

let server: PostgresServer
const urls = new Map<string, string>()
let booking: LayoutFixture

// Moves every table of the database out of the search path into `schema`, as an application that
// keeps its store in a schema of its own has it.
async function moveOutOfSearchPath(name: string, schema: string): Promise<void> {
  await server.sql(name, `ALTER SCHEMA public RENAME TO ${schema}; CREATE SCHEMA public`)
}

beforeAll(async () => {
  if (noPostgres !== null) return
  requireBuiltCli()
  server = await startPostgres()
  const create = async (name: string): Promise<string> => {
    const url = await server.createDatabase(name)
    urls.set(name, url)
    return url
  }
  booking = await writeEventuousStore(await create('eventuous-booking'), 'booking')
  await writeEventuousStore(await create('eventuous-public'), 'public')
  await writeEmmettStore(await create('emmett-moved'))
  await moveOutOfSearchPath('emmett-moved', 'shop_events')
  await writeMartenStore(await create('marten-moved'))
  await moveOutOfSearchPath('marten-moved', 'marten_events')
  for (const name of urls.keys())
    await server.sql('postgres', `ALTER DATABASE "${name}" SET default_transaction_read_only = on`)
}, 240_000)

afterAll(async () => {
  await server?.stop()
})

function url(name: string, query = ''): string {
  return `${urls.get(name) as string}${query}`
}

async function opened<T>(address: string, work: (source: Source) => Promise<T>): Promise<T> {
  const source = await openPostgresSource(address)
  try {
    return await work(source)
  } finally {
    await source.close()
  }
}

async function layoutError(address: string): Promise<string> {
  const error = await openPostgresSource(address).then(
    async (source) => {
      await source.close()
      return null
    },
    (failure: unknown) => failure,
  )
  return error instanceof Error ? error.message : 'opened'
}

describe.skipIf(noPostgres !== null)('given stores kept in a schema of their own', () => {
  it('when Eventuous keeps its tables in "booking", then eventscope-schema finds them and reads them as in eventuous', async () => {
    expect(await layoutError(url('eventuous-booking'))).toMatch(/holds no event store eventscope knows/)
    await opened(url('eventuous-booking', '?eventscope-schema=booking'), async (source) => {
      const page = await source.listStreams({ limit: 1000 })
      expect(page.streams.map((s) => s.id).sort()).toEqual([...booking.streams.keys()].sort())
      const [id, events] = [...booking.streams][0] as [string, readonly { type: string }[]]
      const read = await source.readEvents(id, 0, 5)
      expect(read.map((e) => e.type)).toEqual(events.slice(0, 5).map((e) => e.type))
      expect(read[0]?.version).toBe(1)
    })
  })

  it('when Eventuous keeps its tables in a schema on the search path (public), then it is found without being told', async () => {
    await opened(url('eventuous-public'), async (source) => {
      expect((await source.listStreams({ limit: 1000 })).streams.length).toBe(booking.streams.size)
    })
  })

  it("when Emmett's and Marten's tables are in another schema, then eventscope-schema finds them (and the store can be followed)", async () => {
    expect(await layoutError(url('emmett-moved'))).toMatch(/holds no event store eventscope knows/)
    await opened(url('emmett-moved', '?eventscope-schema=shop_events'), async (source) => {
      expect((await source.listStreams({ limit: 10 })).streams.length).toBeGreaterThan(0)
      // The watch reads Emmett's sequence through the same search path.
      const ready = await new Promise<boolean>((resolve, reject) => {
        const stop = source.watch?.(() => undefined, {
          onReady: () => {
            stop?.()
            resolve(true)
          },
          onError: reject,
        })
      })
      expect(ready).toBe(true)
    })
    await opened(url('marten-moved', '?eventscope-schema=marten_events'), async (source) => {
      expect((await source.listStreams({ limit: 10 })).streams.length).toBeGreaterThan(0)
    })
  })

  it('when the CLI is given --schema, then it reads there; a name that is not a plain identifier is one usage line', async () => {
    const listed = await runCli(['list', url('eventuous-booking'), '--schema', 'booking', '--json'])
    expect(listed.stderr).toBe('')
    expect(listed.code).toBe(0)
    const bad = await runCli(['list', url('eventuous-booking'), '--schema', 'booking; drop'])
    expect(bad.code).toBe(2)
    expect(bad.stderr.trim().split('\n')[0]).toMatch(/--schema takes a schema name of letters, digits and _/)
    const badAddress = await layoutError(url('eventuous-booking', '?eventscope-schema=a%20b'))
    expect(badAddress).toMatch(/^eventscope-schema takes a schema name/)
  })
})
