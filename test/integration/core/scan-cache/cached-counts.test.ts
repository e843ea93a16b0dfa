// Search confirms its versions from the scan cache only for a stream that is still the file the cache
// read: then the lines its needles skip are counted by shape, unchecked; a stream changed since is
// checked line by line, and the versions are exact either way.

import { appendFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { configureScanCache } from '../../../../electron/core/scan-cache/cache-place'
import { cachedCounts, type CachedCount } from '../../../../electron/core/scan-cache/cached-counts'
import { searchStore } from '../../../../electron/core/search/run-search'
import { OpenStore } from '../../../../electron/core/store/open-store'
import { clearStoreFacts } from '../../../../electron/core/stream-facts/store-facts'
import { useFreshScanCache } from '../../../support/fresh-scan-cache'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

useFreshScanCache(tempDir)

const line = (n: number) => JSON.stringify({ event_type: 'T', aggregate_id: 's', n: 100000 + n })

/** A store of one stream whose third line looks like an object but is no event. */
async function makeStore(): Promise<string> {
  const dir = await tempDir()
  const lines = [line(1), line(2), '{"event_type": "T", broken}', line(3), line(4)]
  await writeFile(join(dir, 's.events.jsonl'), `${lines.join('\n')}\n`)
  return dir
}

/** Read the store through as a process would, so the cache file holds its streams; then forget it here. */
async function cache(dir: string): Promise<void> {
  const store = await OpenStore.open(dir)
  store.window({ offset: 0, limit: 10, sort: { column: 'id', direction: 'asc' }, filter: '' })
  await store.reconciled
  await store.cacheWritten
  store.close()
  clearStoreFacts()
}

/** The cached counts, recording which streams had their count confirmed and what it was. */
async function watched(dir: string): Promise<{ counts: CachedCount; asked: (number | null)[] }> {
  const real = await cachedCounts(dir)
  expect(real).not.toBeNull()
  const asked: (number | null)[] = []
  const counts: CachedCount = (id) => {
    const confirm = real?.(id) ?? null
    return (
      confirm &&
      (async () => {
        const count = await confirm()
        asked.push(count)
        return count
      })
    )
  }
  return { counts, asked }
}

describe('search with the scan cache', () => {
  it('given a stream the cache read and that has not changed, when searched with a needle, then its count confirms the versions', async () => {
    const dir = await makeStore()
    await cache(dir)
    const { counts, asked } = await watched(dir)

    const found = await searchStore(dir, { where: 'payload.n == 100004' }, { cachedCount: counts })

    expect(found.matches.map((m) => m.version)).toEqual([4])
    expect(asked).toEqual([4])
  })

  it('given a stream changed since the cache read it, when searched, then the cache gives no count and the versions are still exact', async () => {
    const dir = await makeStore()
    await cache(dir)
    await appendFile(join(dir, 's.events.jsonl'), `{"event_type": "T", also broken}\n${line(5)}\n`)
    const { counts, asked } = await watched(dir)

    const found = await searchStore(dir, { where: 'payload.n == 100005' }, { cachedCount: counts })

    expect(found.matches.map((m) => m.version)).toEqual([5])
    expect(asked).toEqual([null])
  })

  it('given the cache switched off, when counts are asked for, then there are none', async () => {
    const dir = await makeStore()
    await cache(dir)
    configureScanCache({ enabled: false })

    expect(await cachedCounts(dir)).toBeNull()
  })
})
