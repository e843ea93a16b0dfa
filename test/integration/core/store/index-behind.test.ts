// A page's big store is listed and shown first, its index.json read right behind the first rows
// (store-opening.ts, open-store.ts): the first page comes from the listing alone, then the index is
// taken in whole (rows, ghost entries, findings) and said so, and every stream is judged against it.
// A one-shot command, and a store with a small index, read the index before answering, as before.

import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { OpenStore } from '../../../../electron/core/store/open-store'
import { indexBehindBytes } from '../../../../electron/core/store/store-opening'
import { dailyEvents, fingerprintDir, writeStream } from '../../../support/store-files'
import { useFreshScanCache } from '../../../support/fresh-scan-cache'
import { useTempDirs } from '../../../support/temp-dir'
import { until } from '../../../support/until'

const tempDir = useTempDirs()

useFreshScanCache(tempDir)

const entries = {
  a: { event_count: 3, last_event_at: '2026-01-03T00:00:00' },
  b: { event_count: 5, last_event_at: '2026-01-05T00:00:00' },
  // Claims one event too many: a warning once its stream is read against it.
  c: { event_count: 3, last_event_at: '2026-01-02T00:00:00' },
  // No stream file: a row of its own, an error.
  ghost: { event_count: 1, last_event_at: '2026-01-01T00:00:00' },
}

/** Streams a, b, c and an index.json over the threshold (the seed's shape, then white space). */
async function storeWithIndex(size: 'big' | 'small', text?: string): Promise<string> {
  const dir = await tempDir()
  await writeStream(dir, 'a', dailyEvents('a', 3))
  await writeStream(dir, 'b', dailyEvents('b', 5))
  await writeStream(dir, 'c', dailyEvents('c', 2))
  const json = text ?? JSON.stringify({ aggregates: entries, total_events: 12 }, null, 2)
  await writeFile(join(dir, 'index.json'), size === 'big' ? json + ' '.repeat(indexBehindBytes) : json)
  return dir
}

const firstPage = { offset: 0, limit: 50, sort: { column: 'id', direction: 'asc' }, filter: '' } as const

describe('a big index.json read behind the first rows', () => {
  it('given a page opening a store with a big index, when the first page is asked, then it lists the streams alone, and the index follows whole: its columns, its ghost entry, its findings', async () => {
    const dir = await storeWithIndex('big')
    const before = await fingerprintDir(dir)
    let told = 0
    const store = await OpenStore.open(dir, () => {}, { pageFirst: true, onIndexRead: () => told++ })
    try {
      expect(store.summary().index).toBe('reading')
      expect(store.summary().indexedEvents).toBeNull()
      // Nothing is known of the index yet: no ghost row, no index column, no finding.
      const early = store.window(firstPage)
      expect(early.rows.map((row) => [row.id, row.indexedCount, row.status])).toEqual([
        ['a', null, 'pending'],
        ['b', null, 'pending'],
        ['c', null, 'pending'],
      ])
      expect(store.summary().problems).toEqual([])

      await until(() => told === 1, 'the index read behind the first rows')
      expect(store.summary().index).toBe('ok')
      expect(store.summary().indexedEvents).toBe(12)
      const later = store.window(firstPage)
      expect(later.rows.map((row) => [row.id, row.indexedCount])).toEqual([
        ['a', 3],
        ['b', 5],
        ['c', 3],
        ['ghost', 1],
      ])
      expect(store.summary().problems.map((problem) => problem.kind)).toContain('missing_stream')

      // Every stream is judged against the index read behind: c's count disagrees.
      await store.reconciled
      const rows = new Map(store.window(firstPage).rows.map((row) => [row.id, row]))
      expect(rows.get('a')?.status).toBe('ok')
      expect(rows.get('c')?.status).toBe('warning')
      expect(rows.get('ghost')?.status).toBe('error')
      expect(told).toBe(1)
      // Reading never writes.
      expect(await fingerprintDir(dir)).toEqual(before)
    } finally {
      store.close()
    }
  })

  it('given a page opening a store with a big index, when no page is asked, then reading the streams still reads the index first', async () => {
    const dir = await storeWithIndex('big')
    const store = await OpenStore.open(dir, () => {}, { pageFirst: true })
    try {
      expect(store.summary().index).toBe('reading')
      await store.whenReconciled()
      expect(store.summary().index).toBe('ok')
      expect(store.summary().reconciled).toBe(true)
      const c = store.window(firstPage).rows.find((row) => row.id === 'c')
      expect(c?.status).toBe('warning')
    } finally {
      store.close()
    }
  })

  it('given a big index that is not JSON, when read behind the first rows, then it is reported unreadable as when read first', async () => {
    const dir = await storeWithIndex('big', '{"aggregates": {"a": ')
    let told = 0
    const store = await OpenStore.open(dir, () => {}, { pageFirst: true, onIndexRead: () => told++ })
    try {
      store.window(firstPage)
      await until(() => told === 1, 'the index read behind the first rows')
      expect(store.summary().index).toBe('unreadable')
      expect(store.summary().problems.map((problem) => problem.kind)).toContain('index_unreadable')
      await store.reconciled
      expect(store.window(firstPage).rows.map((row) => row.status)).toEqual(['ok', 'ok', 'ok'])
    } finally {
      store.close()
    }
  })

  it('given a store closed before its index was read, when the read would end, then nothing is taken in or said', async () => {
    const dir = await storeWithIndex('big')
    let told = 0
    const store = await OpenStore.open(dir, () => {}, { pageFirst: true, onIndexRead: () => told++ })
    store.window(firstPage)
    store.close()
    await store.reconciled
    // The read was started with the window: give it every chance to land.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(told).toBe(0)
    expect(store.summary().index).toBe('reading')
  })

  it.each([
    ['a one-shot command (no page) with a big index', 'big', false],
    ['a page with a small index', 'small', true],
  ] as const)(
    'given %s, when opened, then the index is read before the answer',
    async (_, size, pageFirst) => {
      const dir = await storeWithIndex(size)
      const store = await OpenStore.open(dir, () => {}, { pageFirst })
      try {
        expect(store.summary().index).toBe('ok')
        expect(store.window(firstPage).rows.map((row) => row.id)).toEqual(['a', 'b', 'c', 'ghost'])
      } finally {
        store.close()
      }
    },
  )
})
