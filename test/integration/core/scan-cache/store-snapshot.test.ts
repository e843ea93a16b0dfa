// Opening a store from the scan cache's snapshot (its listing and index.json as last read): the first
// page answers without a readdir or a JSON.parse of the index while their stamps hold, and a snapshot
// that is stale, lying or corrupt is found out: the listing is checked behind the answer, the index by
// its stamp and hashes, the file by its frame.

import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { OpenStore } from '../../../../electron/core/store/open-store'
import { clearStoreFacts } from '../../../../electron/core/stream-facts/store-facts'
import { configureScanCache, resetScanCacheConfig } from '../../../../electron/core/scan-cache/cache-place'
import { saveStoreSnapshot } from '../../../../electron/core/scan-cache/scan-cache'
import { folderStampOf, indexTableOf } from '../../../../electron/core/store/store-opening'
import { readIndexTable } from '../../../../electron/core/store/index-file'
import { ColumnIndexEntries, indexColumns } from '../../../../electron/core/store/index-columns'
import { dailyEvents, fingerprintDir, writeIndex, writeStream } from '../../../support/store-files'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()
let cacheRoot = ''

beforeEach(async () => {
  cacheRoot = join(await tempDir(), 'cache')
  // A file's ctime cannot be set back, so the tests trust files at once instead of after 2 s.
  configureScanCache({ root: cacheRoot, settleMs: 0 })
  clearStoreFacts()
})
afterEach(() => {
  resetScanCacheConfig()
  clearStoreFacts()
})

async function makeStore(): Promise<string> {
  const dir = await tempDir()
  await writeStream(dir, 'a', dailyEvents('a', 3))
  await writeStream(dir, 'b', dailyEvents('b', 5))
  await writeStream(dir, 'c', dailyEvents('c', 2))
  await writeIndex(dir, {
    a: { event_count: 3, last_event_at: '2026-01-03T00:00:00' },
    b: { event_count: 5, last_event_at: '2026-01-05T00:00:00' },
    c: { event_count: 2, last_event_at: '2026-01-02T00:00:00' },
  })
  return dir
}

const firstPage = { offset: 0, limit: 50, sort: { column: 'id', direction: 'asc' }, filter: '' } as const

/** Open as a new process would (nothing remembered); what the first page showed, then what reconciling found. */
async function openFresh(dir: string) {
  clearStoreFacts()
  const store = await OpenStore.open(dir)
  const from = store.openedFrom()
  const early = store.window(firstPage).rows
  await store.reconciled
  const written = await store.snapshotWritten
  const result = { from, early, rows: store.window(firstPage).rows, summary: store.summary(), written }
  store.close()
  return result
}

async function snapshotFile(): Promise<string> {
  const [version] = await readdir(cacheRoot)
  const folder = join(cacheRoot, version as string)
  const [key] = await readdir(folder)
  return join(folder, key as string, 'snapshot')
}

describe('opening a store from its snapshot', () => {
  it('given a store read through once, when a new process opens it, then listing and index come from the snapshot and every row is the same', async () => {
    const dir = await makeStore()
    const before = await fingerprintDir(dir)
    const cold = await openFresh(dir)
    expect(cold.from).toEqual({ listing: 'store', index: 'store' })
    expect(cold.written).toBe(true)
    const warm = await openFresh(dir)
    expect(warm.from).toEqual({ listing: 'snapshot', index: 'snapshot' })
    expect(warm.early).toEqual(cold.early)
    expect(warm.rows).toEqual(cold.rows)
    expect(warm.summary).toEqual(cold.summary)
    expect(warm.written).toBe(false)
    // Reading never writes into the store.
    expect(await fingerprintDir(dir)).toEqual(before)
  })

  it('given a snapshot, when a stream is added to the folder, then the folder is listed again and the new stream shows at once', async () => {
    const dir = await makeStore()
    await openFresh(dir)
    await writeStream(dir, 'd', dailyEvents('d', 1))
    const after = await openFresh(dir)
    expect(after.from?.listing).toBe('store')
    expect(after.early.map((row) => row.id)).toEqual(['a', 'b', 'c', 'd'])
    expect(after.written).toBe(true)
    expect((await openFresh(dir)).from?.listing).toBe('snapshot')
  })

  it('given a snapshot whose listing lies (a stream left out, the folder stamp kept), when opened, then the stream is found behind the first page and the snapshot rewritten', async () => {
    const dir = await makeStore()
    const index = await readIndexTable(dir)
    if (index.state !== 'ok' || !index.stamp) throw new Error('index not read')
    await saveStoreSnapshot(dir, {
      listing: { stamp: await folderStampOf(dir), ids: ['a', 'b'] },
      index: { stamp: index.stamp, totalEvents: index.totalEvents, columns: indexColumns(index.entries) },
    })
    const lied = await openFresh(dir)
    expect(lied.from).toEqual({ listing: 'snapshot', index: 'snapshot' })
    // Before the check, c is an index entry without a stream; after it, a stream read like the others.
    expect(lied.early.find((row) => row.id === 'c')?.status).toBe('error')
    expect(lied.rows.find((row) => row.id === 'c')).toMatchObject({ eventCount: 2, status: 'ok' })
    expect(lied.summary.problems).toEqual([])
    expect(lied.written).toBe(true)
    const next = await openFresh(dir)
    expect(next.rows).toEqual(lied.rows)
  })

  it('given a snapshot, when index.json is rewritten, then the index is parsed again and its new counts show', async () => {
    const dir = await makeStore()
    await openFresh(dir)
    await writeIndex(dir, {
      a: { event_count: 3, last_event_at: '2026-01-03T00:00:00' },
      b: { event_count: 4, last_event_at: '2026-01-05T00:00:00' },
      c: { event_count: 2, last_event_at: '2026-01-02T00:00:00' },
    })
    const after = await openFresh(dir)
    expect(after.from).toEqual({ listing: 'snapshot', index: 'store' })
    expect(after.early.find((row) => row.id === 'b')?.indexedCount).toBe(4)
    expect(after.written).toBe(true)
  })

  it('given a snapshot whose index stamp matches but whose hashes do not (it lies about the file), when opened, then index.json is parsed', async () => {
    const dir = await makeStore()
    const index = await readIndexTable(dir)
    if (index.state !== 'ok' || !index.stamp) throw new Error('index not read')
    const columns = indexColumns(index.entries)
    const wrong = { ...columns, counts: Float64Array.from(columns.counts, () => 99) }
    await saveStoreSnapshot(dir, {
      listing: { stamp: await folderStampOf(dir), ids: ['a', 'b', 'c'] },
      index: { stamp: { ...index.stamp, head: '0'.repeat(32) }, totalEvents: 297, columns: wrong },
    })
    const after = await openFresh(dir)
    expect(after.from).toEqual({ listing: 'snapshot', index: 'store' })
    expect(after.early.map((row) => row.indexedCount)).toEqual([3, 5, 2])
    expect(after.summary.indexedEvents).toBe(10)
  })

  it('given a corrupt snapshot file, when opened, then it is discarded and the store is read', async () => {
    const dir = await makeStore()
    const cold = await openFresh(dir)
    const file = await snapshotFile()
    const bytes = await readFile(file)
    bytes.writeUInt8((bytes.at(-3) as number) ^ 0xff, bytes.length - 3)
    await writeFile(file, bytes)
    const after = await openFresh(dir)
    expect(after.from).toEqual({ listing: 'store', index: 'store' })
    expect(after.rows).toEqual(cold.rows)
    expect(after.written).toBe(true)
  })
})

describe('index.json for list --from-index (indexTableOf)', () => {
  const entriesOf = async (dir: string) => {
    const table = await indexTableOf(dir)
    if (table.state !== 'ok') throw new Error(`index ${table.state}`)
    const { entries } = table
    return {
      columns: entries instanceof ColumnIndexEntries,
      rows: entries.sortedIds().map((id) => [id, entries.eventCount(id), entries.lastEventAt(id)]),
    }
  }

  it('given a snapshot, when asked, then the index comes from it, sorted, as a parse of index.json says; once index.json is rewritten, from the file', async () => {
    const dir = await makeStore()
    const parsed = await entriesOf(dir)
    expect(parsed.columns).toBe(false)
    await openFresh(dir)
    const cached = await entriesOf(dir)
    expect(cached).toEqual({ columns: true, rows: parsed.rows })
    await writeIndex(dir, {
      a: { event_count: 3, last_event_at: '2026-01-03T00:00:00' },
      b: { event_count: 4, last_event_at: '2026-01-05T00:00:00' },
      c: { event_count: 2, last_event_at: '2026-01-02T00:00:00' },
    })
    const rewritten = await entriesOf(dir)
    expect(rewritten.columns).toBe(false)
    expect(rewritten.rows.find(([id]) => id === 'b')).toEqual(['b', 4, '2026-01-05T00:00:00'])
  })

  it('given a snapshot and the cache switched off, when asked, then index.json is parsed, not the snapshot taken', async () => {
    const dir = await makeStore()
    await openFresh(dir)
    configureScanCache({ root: cacheRoot, settleMs: 0, enabled: false })
    expect((await entriesOf(dir)).columns).toBe(false)
  })
})
