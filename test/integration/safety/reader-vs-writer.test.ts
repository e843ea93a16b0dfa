// A reader following a store while a line is still being written, and while a stream is replaced or
// cut short under it: it never calls a line in progress corrupt, and never serves a stream it has
// not read as it now is.

import { spawn } from 'node:child_process'
import { rename, truncate, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ExplorerSession } from '../../../electron/core/session/explorer-session'
import { severityOf } from '../../../shared/problem-severity'
import { useTempDirs } from '../../support/temp-dir'

const tempDir = useTempDirs('eventscope-reader-writer-')
const slowWriter = resolve(import.meta.dirname, '../../fixtures/slow-line-writer.mjs')
const sessions: ExplorerSession[] = []
afterEach(() => {
  for (const session of sessions.splice(0)) session.close()
})

async function follow(dir: string): Promise<ExplorerSession> {
  const session = new ExplorerSession({ watch: true })
  sessions.push(session)
  await session.open(dir)
  await session.whenReconciled()
  return session
}

const first = '{"event_type": "Opened", "name": "Zo\\u00eb"}\n'

describe('given a writer emitting a line byte by byte with pauses', () => {
  it('when the reader looks between the bytes, then the tail is only ever a pending torn_tail (even cut inside a multi-byte character), and once the newline arrives it is an event', async () => {
    const dir = await tempDir()
    const file = join(dir, 'a.events.jsonl')
    await writeFile(file, first)
    const session = await follow(dir)
    expect((await session.streamOpen('a')).eventCount).toBe(1)

    // Raw UTF-8 (not \u escapes) so that some pauses fall inside a character.
    const line = Buffer.from('{"event_type": "Renamed", "name": "Zoë 李雷 ✓", "n": 2}\n', 'utf8')
    const child = spawn(process.execPath, [slowWriter, file, line.toString('base64'), '3'])
    const exited = new Promise<number | null>((done) => child.on('close', done))
    let running = true
    void exited.then(() => (running = false))
    const seen = new Set<string>()
    let looks = 0
    try {
      while (running) {
        const info = await session.streamOpen('a')
        looks++
        for (const row of info.problems) {
          seen.add(`${row.problem.kind}/${row.problem.severity}`)
          expect(row.problem).toMatchObject({ kind: 'torn_tail', severity: severityOf('torn_tail'), line: 2 })
        }
        expect(info.eventCount).toBeLessThanOrEqual(2)
        expect(session.aggregates().find((row) => row.id === 'a')?.status).not.toBe('damaged')
        await new Promise((done) => setTimeout(done, 1))
      }
    } finally {
      child.kill('SIGKILL')
    }
    expect(await exited).toBe(0)
    const done = await session.streamOpen('a')
    expect(done.eventCount).toBe(2)
    expect(done.problems).toEqual([])
    expect((await session.stateAt({ aggregateId: 'a', version: 2 })).state).toEqual({
      name: 'Zoë 李雷 ✓',
      n: 2,
    })
    // The test saw the line in progress, not only before and after it.
    expect(looks).toBeGreaterThan(10)
    expect(seen).toContain(`torn_tail/${severityOf('torn_tail')}`)
  }, 30_000)
})

describe('given an opened stream that changes under the reader', () => {
  it('when it is replaced by another file (a new inode), then it is read again, not served stale', async () => {
    const dir = await tempDir()
    const file = join(dir, 'a.events.jsonl')
    await writeFile(file, `${first}{"event_type": "Renamed", "name": "Ada"}\n`)
    const session = await follow(dir)
    expect((await session.streamOpen('a')).eventCount).toBe(2)
    // Same size or larger, different events: only the inode tells the reader.
    await writeFile(
      join(dir, 'a.tmp'),
      `{"event_type": "Opened", "name": "Bob"}\n{"event_type": "Renamed", "name": "Cyd"}\n{"event_type": "Closed"}\n`,
    )
    await rename(join(dir, 'a.tmp'), file)
    const info = await session.streamOpen('a')
    expect(info.eventCount).toBe(3)
    expect((await session.stateAt({ aggregateId: 'a', version: 2 })).state).toEqual({ name: 'Cyd' })
    expect((await session.eventGet({ aggregateId: 'a', version: 1 })).payload).toEqual({ name: 'Bob' })
  })

  it('when it is truncated (its size goes backwards), then it is read again from the start', async () => {
    const dir = await tempDir()
    const file = join(dir, 'a.events.jsonl')
    await writeFile(file, `${first}{"event_type": "Renamed", "name": "Ada"}\n{"event_type": "Closed"}\n`)
    const session = await follow(dir)
    expect((await session.streamOpen('a')).eventCount).toBe(3)
    await truncate(file, Buffer.byteLength(first))
    const info = await session.streamOpen('a')
    expect(info.eventCount).toBe(1)
    expect(info.problems).toEqual([])
    expect((await session.stateAt({ aggregateId: 'a', version: 1 })).state).toEqual({ name: 'Zoë' })
    await expect(session.eventGet({ aggregateId: 'a', version: 2 })).rejects.toThrow('there is no version 2')
  })
})
