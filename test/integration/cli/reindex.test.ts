// A writer killed between its stream write and its index write leaves index.json behind the streams:
// the store still opens, the drift is reported, and `eventscope reindex` repairs it.

import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ExplorerSession } from '../../../electron/core/session/explorer-session'
import { useTempDirs } from '../../support/temp-dir'
import { requireBuiltCli, runCli, runJson, type ListDoc } from './run-built-cli'

const tempDir = useTempDirs('eventscope-cli-reindex-')
beforeAll(() => requireBuiltCli())

async function storeWithEvents(): Promise<string> {
  const dir = join(await tempDir(), 'store')
  await runCli(['init', dir])
  const input = ['u1', 'u1', 'u2']
    .map((id, i) => `${JSON.stringify({ aggregateId: id, type: 'T', data: { i } })}\n`)
    .join('')
  expect((await runCli(['append', dir, '--batch'], { input })).code).toBe(0)
  return dir
}

/** What a writer killed after its stream write leaves: one more line, index.json untouched. */
function killedWriter(dir: string): void {
  appendFileSync(
    join(dir, 'u1.events.jsonl'),
    '{"event_id": "k1", "event_type": "T", "aggregate_id": "u1", "occurred_at": "2030-01-01T00:00:00+00:00", "i": 9}\n',
  )
}

describe('given a writer killed between the stream write and the index write', () => {
  it('when the store is opened, then it opens and the drift of that aggregate is reported', async () => {
    const dir = await storeWithEvents()
    killedWriter(dir)

    const session = new ExplorerSession()
    try {
      await session.open(dir)
      const summary = await session.whenReconciled()
      expect(summary).toMatchObject({ aggregates: 2, events: 4, indexedEvents: 3 })
      expect(summary.problems).toMatchObject([
        { kind: 'index_total_mismatch', message: 'index.json says total_events is 3; the streams hold 4' },
      ])
      const u1 = session.aggregates().find((row) => row.id === 'u1')
      expect(u1).toMatchObject({ eventCount: 3, indexedCount: 2, status: 'warning' })
      expect(u1?.issues).toContain('index.json counts 2 events for u1; the stream has 3')
    } finally {
      session.close()
    }
    const list = await runJson<ListDoc>(['list', dir])
    expect(list).toMatchObject({ total_events: 4, indexed_total_events: 3 })
    const u1 = list.aggregates.find((row) => row.id === 'u1')
    expect(u1).toMatchObject({ event_count: 3, indexed_count: 2, status: 'warning' })
    expect(u1?.issues.join('\n')).toMatch(/index\.json counts 2 events for u1; the stream has 3/)
  })

  it('when reindex runs, then the index matches the streams and list reports no index problem', async () => {
    const dir = await storeWithEvents()
    killedWriter(dir)
    const run = await runCli(['reindex', dir])
    expect(run).toMatchObject({
      code: 0,
      stderr: '',
      stdout: 'index.json rebuilt: 1 entry changed, total_events 3 → 4\n',
    })
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as {
      aggregates: Record<string, { event_count: number; last_event_at: string }>
      total_events: number
    }
    expect(index.aggregates.u1).toEqual({ event_count: 3, last_event_at: '2030-01-01T00:00:00+00:00' })
    expect(index.total_events).toBe(4)
    const list = await runJson<ListDoc>(['list', dir])
    expect(list).toMatchObject({ index: 'ok', total_events: 4, indexed_total_events: 4, problems: [] })
    for (const row of list.aggregates) expect(row).toMatchObject({ status: 'ok', issues: [] })
    expect(await runCli(['reindex', dir])).toMatchObject({
      code: 0,
      stdout: 'index.json already matches the streams (4 events); nothing written\n',
    })
  })

  it('when index.json is corrupt, then reindex keeps a copy aside and writes a whole index', async () => {
    const dir = await storeWithEvents()
    writeFileSync(join(dir, 'index.json'), '{"aggregates": {"u1": ')
    const doc = await runJson<{ before: string; corruptCopy: string; added: string[]; totalAfter: number }>([
      'reindex',
      dir,
    ])
    expect(doc).toMatchObject({ before: 'corrupt', added: ['u1', 'u2'], totalAfter: 3 })
    expect(readFileSync(doc.corruptCopy, 'utf8')).toBe('{"aggregates": {"u1": ')
    expect(readdirSync(dir).filter((name) => name.startsWith('index.json.corrupt-'))).toHaveLength(1)
    expect((await runJson<ListDoc>(['list', dir])).problems).toEqual([])
  })

  it('when the directory does not exist, then reindex fails in one line with exit 1', async () => {
    const dir = join(await tempDir(), 'nope')
    const run = await runCli(['reindex', dir])
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(`eventscope: no such store directory: ${dir}\n`)
  })
})
