// An export keeps running when the user opens another store (README: exports run until done or
// cancelled; the task registry lets them outlive the store): the file it writes holds every event of
// the store it was started on. On a directory and on a real PostgreSQL store, whose connections the
// switch used to close under the export ("Cannot use a pool after calling end on the pool").

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import { initStore } from '../../../../electron/core/write/init-store'
import { writeEmmettStore, type EmmettFixture } from '../../../fixtures/emmett-postgres-store'
import { postgresSkipReason, startPostgres, type PostgresServer } from '../../../support/postgres-server'

const noPostgres = postgresSkipReason()
if (noPostgres !== null) console.log(`Skipping the PostgreSQL tests of this file: ${noPostgres}`)

let server: PostgresServer
let url: string
let fixture: EmmettFixture
let work: string

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'eventscope-export-switch-'))
  if (noPostgres !== null) return
  server = await startPostgres()
  url = await server.createDatabase('shop')
  fixture = await writeEmmettStore(url)
}, 180_000)

afterAll(async () => {
  await server?.stop()
  if (work) await rm(work, { recursive: true, force: true })
})

const lines = async (file: string): Promise<string[]> =>
  (await readFile(file, 'utf8')).split('\n').filter((line) => line !== '')

describe('given an export running', () => {
  it.skipIf(noPostgres !== null)(
    'when the session lets its PostgreSQL store go for another, then the export still writes every event of it',
    async () => {
      const session = new ExplorerSession({})
      try {
        await session.open(url)
        const out = join(work, 'db.jsonl')
        // Started, then the store is let go at once, as opening another store does first.
        const running = session.exportTo({ taskId: 'e1', format: 'jsonl', aggregateIds: [] }, out)
        session.close()
        const result = await running
        const total = [...fixture.streams.values()].reduce((sum, events) => sum + events.length, 0)
        expect(result.events).toBe(total)
        expect(await lines(out)).toHaveLength(total)
      } finally {
        session.close()
      }
    },
    120_000,
  )

  it.skipIf(noPostgres !== null)(
    'when the session lets its PostgreSQL store go during a state export, then the export still writes the state at the last version',
    async () => {
      const session = new ExplorerSession({})
      try {
        await session.open(url)
        const out = join(work, 'state.json')
        const spec = { taskId: 'e3', format: 'state' as const, aggregateIds: [fixture.longStream] }
        const running = session.exportTo(spec, out)
        session.close()
        const result = await running
        expect(result.events).toBe(fixture.longLength)
        const saved = JSON.parse(await readFile(out, 'utf8')) as { aggregate_id: string; version: number }
        expect(saved).toMatchObject({ aggregate_id: fixture.longStream, version: fixture.longLength })
      } finally {
        session.close()
      }
    },
    120_000,
  )

  it('when the session lets its directory go for another, then the export still writes every event of it', async () => {
    const dir = join(work, 'store')
    await initStore(dir)
    const events = Array.from({ length: 300 }, (_, n) =>
      JSON.stringify({
        event_id: `e${n}`,
        event_type: 'Counted',
        aggregate_id: 'counter-1',
        occurred_at: '2026-01-01T00:00:00+00:00',
        n,
      }),
    )
    await writeFile(join(dir, 'counter-1.events.jsonl'), `${events.join('\n')}\n`)
    const session = new ExplorerSession({})
    try {
      await session.open(dir)
      const out = join(work, 'dir.jsonl')
      const running = session.exportTo({ taskId: 'e2', format: 'jsonl', aggregateIds: [] }, out)
      session.close()
      expect((await running).events).toBe(300)
      expect(await lines(out)).toHaveLength(300)
    } finally {
      session.close()
    }
  })
})
