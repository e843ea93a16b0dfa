// The rows of a reopened store as they are if every stream is found as cached (cached-rows.ts), and
// `list`'s table laid out from them ahead (list-ahead.ts): the very bytes the usual way prints when
// every stream was found as cached, and never used when anything else happened (a stream grew or was
// rewritten, or its row is not the usual clean one).

import { appendFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { StoreSummary } from '../../../../shared/contract'
import { listTableAhead } from '../../../../electron/cli/format/list-ahead'
import {
  listText,
  listTextAfter,
  type RowFrom,
  type RowSource,
} from '../../../../electron/cli/format/list-format'
import { OpenStore } from '../../../../electron/core/store/open-store'
import { clearStoreFacts } from '../../../../electron/core/stream-facts/store-facts'
import { dailyEvents, jsonLines, writeIndex, writeStream } from '../../../support/store-files'
import { useFreshScanCache } from '../../../support/fresh-scan-cache'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

useFreshScanCache(tempDir)

const fromNames = { cached: 'cache', extended: 'cache+tail', read: 'stream' } as const

// Ids whose widths and bytes differ (accents, CJK, an emoji), and types of two lengths.
async function makeStore(): Promise<string> {
  const dir = await tempDir()
  const ids = ['a', 'b-long-identifier', 'é', '日本', 'z😀']
  const entries: Record<string, { event_count: number; last_event_at: string | null }> = {}
  for (const [n, id] of ids.entries()) {
    await writeStream(dir, id, dailyEvents(id, n + 1))
    entries[id] = { event_count: n + 1, last_event_at: `2026-01-0${n + 1}T00:00:00` }
  }
  const long = {
    event_type: 'AccountOpenedEverywhere',
    aggregate_id: 'long',
    occurred_at: '2026-01-01T00:00:00',
  }
  await writeStream(dir, 'long', jsonLines([long]))
  entries.long = { event_count: 1, last_event_at: '2026-01-01T00:00:00' }
  await writeIndex(dir, entries)
  return dir
}

/** Open as a new process would; the table laid out ahead (null: none) and what the usual way prints. */
async function listBoth(dir: string) {
  clearStoreFacts()
  const store = await OpenStore.open(dir)
  const rows = store.cachedRows()
  const table = rows.then((found) => found && listTableAhead(found))
  await store.whenReconciled()
  const found = await rows
  const laidOut = await table
  const summary = { ...store.summary(), source: null } as unknown as StoreSummary
  const source: RowSource = {
    from: (id) => {
      const freshness = store.freshness(id)
      return freshness === undefined ? 'stream' : fromNames[freshness]
    },
    cache: store.cacheState(),
  }
  const usual = listText(summary, store.catalog.all(), source)
  const from = new Array<RowFrom>(found?.size ?? 0).fill('cache')
  const holds = found?.holds() ?? false
  const ahead = laidOut && holds ? laidOut.finish(listTextAfter(summary, from, source, [])) : null
  // The next opening reads what this one wrote.
  await store.cacheWritten
  await store.snapshotWritten
  store.close()
  // A closed store's rows hold no more.
  if (found) expect(found.holds()).toBe(false)
  return { found, laidOut, holds, ahead, usual: usual.toString('utf8') }
}

describe('a table laid out ahead from cached rows', () => {
  it('given a store found as cached, when listed, then the table laid out ahead is the very bytes the usual way prints', async () => {
    const dir = await makeStore()
    const cold = await listBoth(dir)
    expect(cold.found).toBeNull()
    const warm = await listBoth(dir)
    expect(warm.holds).toBe(true)
    expect(warm.ahead?.toString('utf8')).toBe(warm.usual)
    expect(warm.usual).toContain('z😀')
  })

  it('given a stream that grew, or one rewritten at the same size, when listed, then the rows laid out ahead do not hold and the usual way prints the new counts', async () => {
    const dir = await makeStore()
    await listBoth(dir)
    await appendFile(join(dir, 'a.events.jsonl'), `${dailyEvents('a', 2).split('\n')[1]}\n`)
    const grown = await listBoth(dir)
    expect(grown.found).not.toBeNull()
    expect(grown.holds).toBe(false)
    expect(grown.usual).toMatch(/^a\s+E\s+2\s+1\s.*cache\+tail$/m)
    await listBoth(dir)
    const file = join(dir, 'b-long-identifier.events.jsonl')
    await writeFile(file, dailyEvents('b-long-identifier', 2).replace('"n":0', '"n":7'))
    const rewritten = await listBoth(dir)
    expect(rewritten.found).not.toBeNull()
    expect(rewritten.holds).toBe(false)
    expect(rewritten.usual).toMatch(/^b-long-identifier\s.*stream$/m)
  })

  it('given a stream whose row is not the usual clean one (a damaged line, an index that disagrees), when listed, then nothing is laid out ahead', async () => {
    const dir = await makeStore()
    await appendFile(join(dir, 'é.events.jsonl'), '{not json\n')
    await listBoth(dir)
    const damaged = await listBoth(dir)
    expect(damaged.found).not.toBeNull()
    expect(damaged.laidOut).toBeNull()
    expect(damaged.usual).toMatch(/^é\s.*(warning|error)/m)
    const clean = await makeStore()
    await writeIndex(clean, { a: { event_count: 9, last_event_at: '2026-01-01T00:00:00' } })
    await listBoth(clean)
    const disagrees = await listBoth(clean)
    expect(disagrees.found).not.toBeNull()
    expect(disagrees.laidOut).toBeNull()
    expect(disagrees.usual).toMatch(/^a\s+E\s+1\s+9\s.*warning/m)
  })
})
