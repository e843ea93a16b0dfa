import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { repairStore } from '../../../../electron/core/verify/repair-store'
import { verifyStore } from '../../../../electron/core/verify/verify-store'

let dir: string
const good = '{"event_id": "1", "event_type": "T", "occurred_at": "2026-01-01T00:00:00+00:00"}\n'
const torn = '{"event_id": "2", "event_ty'
const now = new Date('2026-11-26T10:00:00Z')

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eventscope-repair-'))
  await writeFile(join(dir, 'a.events.jsonl'), good + torn)
  await writeFile(
    join(dir, 'b.events.jsonl'),
    `${good.replace('"1"', '"3"')}garbage\n${good.replace('"1"', '"4"')}`,
  )
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('repairStore', () => {
  it('given a torn tail, when planned as a dry run, then it says what it would cut and changes nothing', async () => {
    const report = await repairStore(dir, { dryRun: true, now })
    expect(report.actions).toEqual([
      {
        aggregateId: 'a',
        file: 'a.events.jsonl',
        kind: 'cut_torn_tail',
        cutAt: good.length,
        bytesRemoved: torn.length,
        line: 2,
        backup: 'a.events.jsonl.bak-2026-11-26T10-00-00-000Z',
      },
    ])
    expect(report.leftAlone).toMatchObject([
      {
        aggregateId: 'b',
        file: 'b.events.jsonl',
        line: 2,
        kind: 'bad_line',
        message: expect.stringMatching(/^Not valid JSON/),
      },
    ])
    expect(await readFile(join(dir, 'a.events.jsonl'), 'utf8')).toBe(good + torn)
    expect((await readdir(dir)).sort()).toEqual(['a.events.jsonl', 'b.events.jsonl'])
  })

  it('given a torn tail, when repaired, then the stream is cut after a byte-exact backup and a bad middle line stays', async () => {
    await repairStore(dir, { dryRun: false, now })
    expect(await readFile(join(dir, 'a.events.jsonl'), 'utf8')).toBe(good)
    expect(await readFile(join(dir, 'a.events.jsonl.bak-2026-11-26T10-00-00-000Z'), 'utf8')).toBe(good + torn)
    expect(await readFile(join(dir, 'b.events.jsonl'), 'utf8')).toContain('garbage')
    const report = await verifyStore(dir)
    expect(report.problems.filter((problem) => problem.kind === 'torn_tail')).toEqual([])
  })

  it('given a repaired store, when repaired again, then there is nothing to do', async () => {
    await repairStore(dir, { dryRun: false, now })
    expect((await repairStore(dir, { dryRun: false, now })).actions).toEqual([])
  })
})
