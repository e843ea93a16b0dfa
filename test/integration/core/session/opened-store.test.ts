// The session's seam (session/opened-store.ts): whatever is open, the session asks it through one
// interface, and every open store exposes a Source over the same store. On a directory that Source
// (the JSONL Source) must say what the session says, damaged lines and all; on a database, what only
// a directory has is refused with the capability's one-line reason.

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stringifyExact } from '../../../../electron/core/json/big-integers'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import type { StreamSummary } from '../../../../electron/core/source/source'
import { writeDamagedStore } from '../../../fixtures/damaged-store'
import { writeEmmettSqliteStore } from '../../../fixtures/emmett-sqlite-store'
import { skipSqliteTests } from '../../../support/sqlite-available'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()
const noSqlite = skipSqliteTests('the session-over-a-database part of opened-store.test.ts')

async function allStreams(session: ExplorerSession): Promise<StreamSummary[]> {
  const { source } = session.opened()
  const streams: StreamSummary[] = []
  let after: string | undefined
  do {
    const page = await source.listStreams({ limit: 3, ...(after === undefined ? {} : { after }) })
    streams.push(...page.streams)
    after = page.next ?? undefined
  } while (after !== undefined)
  return streams
}

describe('the session over a directory', () => {
  it('given a damaged store, when its Source lists, reads and replays, then it agrees with the session on every stream and version', async () => {
    const expected = writeDamagedStore(join(await tempDir(), 'store'))
    const session = new ExplorerSession()
    try {
      await session.open(expected.dir)
      await session.whenReconciled()
      const opened = session.opened()
      expect(opened.kind).toBe('directory')
      expect(opened.source.kind).toBe('jsonl')
      expect(opened.source.displayName).toBe(session.storeDir())

      const listed = await allStreams(session)
      const rows = session.aggregates()
      // The table also shows what index.json names without a stream file (a finding); a Source lists
      // the streams there are.
      const ghosts = new Set(expected.ghosts.map((ghost) => ghost.id))
      expect(ghosts.size).toBeGreaterThan(0)
      expect(listed.map((s) => [s.id, s.eventCount])).toEqual(
        rows.filter((row) => !ghosts.has(row.id)).map((row) => [row.id, row.eventCount]),
      )
      expect(listed.length).toBe(expected.streams.length)

      for (const stream of listed) {
        const info = await session.streamOpen(stream.id)
        expect(stream.eventCount).toBe(info.eventCount)
        const viaSession = await session.eventsRange(stream.id, 0, info.eventCount)
        const viaSource = await opened.source.readEvents(stream.id, 0, info.eventCount)
        expect(viaSource.map((e) => [e.version, e.id, e.type, e.occurredAt])).toEqual(
          viaSession.map((e) => [e.version, e.id, e.type, e.occurredAt]),
        )
        for (const version of new Set([0, 1, Math.ceil(info.eventCount / 2), info.eventCount])) {
          const mine = await session.stateAt({ aggregateId: stream.id, version })
          const its = await opened.source.stateAt(stream.id, version)
          expect([its.version, stringifyExact(its.state)]).toEqual([mine.version, stringifyExact(mine.state)])
        }
      }
    } finally {
      session.close()
    }
  })

  it('given a directory, when its Source is asked how it is followed, then it says the session follows it', async () => {
    const expected = writeDamagedStore(join(await tempDir(), 'store'))
    const session = new ExplorerSession()
    try {
      await session.open(expected.dir)
      const { capabilities } = session.opened().source
      expect(capabilities).toMatchObject({ append: true, watch: false })
      expect(capabilities.note).toMatch(/followed by the explorer session/)
      expect(session.summary().source.capabilities.follow.available).toBe(true)
    } finally {
      session.close()
    }
  })

  it('given no store open, when the open store is asked for, then it is no_store', async () => {
    const session = new ExplorerSession()
    expect(() => session.opened()).toThrow(expect.objectContaining({ code: 'no_store' }))
    expect(() => session.directory()).toThrow(expect.objectContaining({ code: 'no_store' }))
    await expect(session.streamOpen('a')).rejects.toMatchObject({ code: 'no_store' })
  })
})

describe.skipIf(noSqlite !== null)('the session over a database', () => {
  let dir: string
  let file: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eventscope-opened-store-'))
    file = join(dir, 'shop.db')
    await writeEmmettSqliteStore(file)
  }, 150_000)

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('given an open SQLite store, when what only a directory has is asked, then it is refused with the reason and the shared questions answer', async () => {
    const session = new ExplorerSession()
    try {
      await session.open(`sqlite:${file}`)
      const opened = session.opened()
      expect(opened.kind).toBe('database')
      expect(opened.source.kind).toBe('sqlite')

      const reason = session.summary().source.capabilities.verify.reason
      expect(reason).toMatch(/^A SQLite store has no files to verify/)
      expect(() => session.directory('verify')).toThrow(
        expect.objectContaining({ code: 'unsupported', message: reason }),
      )
      for (const directoryOnly of [
        () => session.storeDir(),
        () => session.aggregates(),
        () => session.cacheState(),
      ])
        expect(directoryOnly).toThrow(
          expect.objectContaining({
            code: 'unsupported',
            message: expect.stringMatching(/is a database: this works on a store directory only\.$/),
          }),
        )
      await expect(session.streamIndex('shoppingCart-1')).rejects.toMatchObject({ code: 'unsupported' })
      await expect(session.streamLine({ aggregateId: 'shoppingCart-1', line: 1 })).rejects.toMatchObject({
        code: 'not_found',
        message: 'A database keeps no damaged lines: line 1 has no finding.',
      })

      // What both kinds answer goes through the same session calls.
      const ids = await session.aggregateIds()
      expect(ids).toContain('shoppingCart-1')
      expect((await opened.aggregates()).map((row) => row.id)).toEqual(ids)
      const info = await session.streamOpen('shoppingCart-1')
      const state = await session.stateAt({ aggregateId: 'shoppingCart-1', version: info.eventCount })
      const its = await opened.source.stateAt('shoppingCart-1', info.eventCount)
      expect(stringifyExact(state.state)).toBe(stringifyExact(its.state))
    } finally {
      session.close()
    }
  })
})
