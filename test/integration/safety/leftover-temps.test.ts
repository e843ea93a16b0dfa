// Temporary index files a killed writer leaves (`.index.json.<pid>.<ms>.tmp`): reported by verify,
// left alone by every read, removed by reindex and repair (and named by their dry runs).

import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runExport } from '../../../electron/core/export/run-export'
import { ExplorerSession } from '../../../electron/core/session/explorer-session'
import { repairStore } from '../../../electron/core/verify/repair-store'
import { verifyStore } from '../../../electron/core/verify/verify-store'
import { appendEvent } from '../../../electron/core/write/append'
import { initStore } from '../../../electron/core/write/init-store'
import { previewReindex, reindexStore } from '../../../electron/core/write/reindex'
import { useTempDirs } from '../../support/temp-dir'

const tempDir = useTempDirs('eventscope-leftover-temps-')
const leftover = '.index.json.4242.1700000000000.tmp'

async function storeWithLeftover(): Promise<string> {
  const dir = await tempDir()
  await initStore(dir)
  await appendEvent({ dir, aggregateId: 'u1', eventType: 'Created', payload: {} })
  await writeFile(join(dir, leftover), '{"aggregates": {"u1": {"event_c')
  return dir
}

describe('given a store with an index temp file a killed writer left', () => {
  it('when verified, then it is a warning naming the file and what removes it', async () => {
    const dir = await storeWithLeftover()

    const report = await verifyStore(dir)

    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'leftover_temp_file', severity: 'warning', file: leftover }),
    ])
    expect(report.problems[0]?.message).toContain('reindex')
  })

  it('when read every other way (open, export, verify, dry runs), then the file is still there', async () => {
    const dir = await storeWithLeftover()
    const session = new ExplorerSession()
    await session.open(dir)
    await session.whenReconciled()
    session.close()
    await runExport({ dir, format: 'jsonl', out: join(await tempDir(), 'out.jsonl') })
    await verifyStore(dir)

    expect((await previewReindex(dir)).removedTemps).toEqual([leftover])
    expect((await repairStore(dir, { dryRun: true })).removedTemps).toEqual([leftover])
    expect(await readdir(dir)).toContain(leftover)
  })

  it('when reindexed, then it is removed and reported, and verify is clean again', async () => {
    const dir = await storeWithLeftover()

    const result = await reindexStore(dir)

    expect(result.removedTemps).toEqual([leftover])
    expect(await readdir(dir)).not.toContain(leftover)
    expect((await verifyStore(dir)).problems).toEqual([])
  })

  it('when repaired, then it is removed and reported', async () => {
    const dir = await storeWithLeftover()

    const report = await repairStore(dir, { dryRun: false })

    expect(report.removedTemps).toEqual([leftover])
    expect(await readdir(dir)).not.toContain(leftover)
  })

  it('when a file only looks similar (another name, or a directory), then it is neither reported nor removed', async () => {
    const dir = await storeWithLeftover()
    await writeFile(join(dir, '.index.json.notes.tmp'), 'mine')

    await reindexStore(dir)

    expect(await readdir(dir)).toContain('.index.json.notes.tmp')
  })
})
