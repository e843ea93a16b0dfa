// In the browser shell an export is a download: export.run answers with an address, and the browser's
// request of it runs the export later. That export is of the store it was asked of: if another store
// was opened in between, the download refuses (it used to export whatever store was open then).

import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ExportWriter } from '../../../../electron/core/api/shell-services'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import { StoreError } from '../../../../electron/core/errors'
import { testDispatch } from '../../../support/test-dispatch'

let work: string
let session: ExplorerSession
let offered: ExportWriter[]

async function storeOf(name: string, events: number): Promise<string> {
  const dir = join(work, name)
  const lines = Array.from({ length: events }, (_, n) =>
    JSON.stringify({
      event_type: 'Counted',
      aggregate_id: name,
      occurred_at: '2026-01-01T00:00:00+00:00',
      n,
    }),
  )
  await mkdir(dir)
  await writeFile(join(dir, `${name}.events.jsonl`), `${lines.join('\n')}\n`)
  return dir
}

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'eventscope-download-'))
  session = new ExplorerSession({})
  offered = []
})
afterEach(async () => {
  session.close()
  await rm(work, { recursive: true, force: true })
})

const dispatchWithDownloads = () =>
  testDispatch(session, {
    offerDownload: (_spec, write) => {
      offered.push(write)
      return `/download/${offered.length}`
    },
  })

const spec = { taskId: 'download-1', format: 'jsonl', aggregateIds: [] } as const

describe('a download in the browser shell', () => {
  it('given an export asked of a store, when the browser fetches it with that store still open, then it holds that store', async () => {
    const dispatch = dispatchWithDownloads()
    await dispatch('store.open', { dir: await storeOf('first', 3) })
    expect(await dispatch('export.run', spec)).toEqual({
      ok: true,
      value: { status: 'download', url: '/download/1' },
    })
    const out = join(work, 'out.jsonl')
    const result = await offered[0]?.(out, new AbortController().signal)
    expect(result?.events).toBe(3)
    expect((await readFile(out, 'utf8')).split('\n').filter(Boolean)).toHaveLength(3)
  })

  it('given an export asked of a store, when another store is opened before the browser fetches it, then the download refuses and writes nothing', async () => {
    const dispatch = dispatchWithDownloads()
    await dispatch('store.open', { dir: await storeOf('first', 3) })
    await dispatch('export.run', spec)
    await dispatch('store.open', { dir: await storeOf('second', 5) })
    const out = join(work, 'out.jsonl')
    const refused = offered[0]?.(out, new AbortController().signal)
    await expect(refused).rejects.toThrow(StoreError)
    await expect(refused).rejects.toThrow(
      'Another store was opened after this export was asked for; export again.',
    )
    await expect(readFile(out)).rejects.toThrow(/ENOENT/)
  })
})
