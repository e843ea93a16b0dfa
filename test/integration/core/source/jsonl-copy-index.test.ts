// A copy into a directory writes index.json a few times, not once per stream (which made a copy of S
// streams O(S²)), and the index it leaves is the one `reindex` would write: after a whole run, after
// a run stopped before it settled (as a killed process leaves it) and run again, and after a run
// cancelled half-way.

import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { copyStore } from '../../../../electron/core/source/copy-store'
import { openJsonlSource } from '../../../../electron/core/source/jsonl/jsonl-source'
import type { Source } from '../../../../electron/core/source/source'
import { countStreams } from '../../../../electron/core/write/store-scan'
import { newIndexText } from '../../../../electron/core/write/index-update'
import { initStore } from '../../../../electron/core/write/init-store'
import { useTempDirs } from '../../../support/temp-dir'
import type * as DurableFile from '../../../../electron/core/write/durable-file'

// Every replacement of a file goes through replaceDurably: count those of index.json.
const indexWrites = vi.hoisted(() => ({ count: 0 }))
vi.mock('../../../../electron/core/write/durable-file', async (importOriginal) => {
  const original = await importOriginal<typeof DurableFile>()
  return {
    ...original,
    replaceDurably: async (...args: Parameters<typeof original.replaceDurably>) => {
      if (String(args[0]).endsWith('index.json')) indexWrites.count++
      return original.replaceDurably(...args)
    },
  }
})

const tempDir = useTempDirs('eventscope-copy-index-')
/** Past one settle (at 1,000 waiting streams), few enough to copy in seconds: each stream is an fsync. */
const streams = 1100
/** A copy of 1,100 streams on a loaded 2-core machine: generous, not a speed target. */
const timeout = 180_000

// A source store of `streams` small streams (1-3 events each), written as files with its index.
async function sourceStore(): Promise<string> {
  const dir = await tempDir()
  await initStore(dir)
  for (let n = 0; n < streams; n++) {
    const id = `cart-${String(n).padStart(5, '0')}`
    const lines = Array.from({ length: 1 + (n % 3) }, (_, at) =>
      JSON.stringify({
        event_id: `${id}-${at + 1}`,
        event_type: at === 0 ? 'CartOpened' : 'ItemAdded',
        aggregate_id: id,
        occurred_at: `2026-01-01T00:${String(at).padStart(2, '0')}:00+00:00`,
        item: n,
      }),
    )
    await writeFile(join(dir, `${id}.events.jsonl`), `${lines.join('\n')}\n`)
  }
  await writeFile(join(dir, 'index.json'), newIndexText(await countStreams(dir)))
  return dir
}

async function freshStore(): Promise<string> {
  const dir = await tempDir()
  await initStore(dir)
  return dir
}

// index.json's entries and total as values: what the streams say, whatever the order of entries.
async function indexOf(dir: string): Promise<unknown> {
  return JSON.parse(await readFile(join(dir, 'index.json'), 'utf8'))
}

async function reindexed(dir: string): Promise<unknown> {
  return JSON.parse(newIndexText(await countStreams(dir)))
}

// The destination as a process killed before settling leaves it: its imports, never settled.
function neverSettled(to: Source): Source {
  return {
    ...to,
    listStreams: to.listStreams.bind(to),
    stream: to.stream.bind(to),
    streamEvents: to.streamEvents.bind(to),
    importEvents: (request) => (to.importEvents as NonNullable<Source['importEvents']>).call(to, request),
    importFound: undefined,
    settleImports: undefined,
    close: async () => {},
  } as Source
}

describe('given a store of 1,100 small streams copied into a fresh directory', () => {
  it(
    'when the copy ends, then index.json was written a handful of times and is what reindex writes',
    async () => {
      const src = await sourceStore()
      const dst = await freshStore()
      const [from, to] = [await openJsonlSource(src), await openJsonlSource(dst)]
      indexWrites.count = 0
      const result = await copyStore(from, to)
      expect(result.streams).toBe(streams)
      // Once per batch was 1,100 writes; settled at 1,000 waiting streams and at the end: 2.
      expect(indexWrites.count).toBeLessThanOrEqual(5)
      expect(await indexOf(dst)).toEqual(await reindexed(dst))
      expect(await indexOf(dst)).toEqual(await indexOf(src))
      // Run again: nothing to copy and nothing to write.
      indexWrites.count = 0
      const again = await copyStore(from, to)
      expect(again.copied).toBe(0)
      expect(indexWrites.count).toBe(0)
      await Promise.all([from.close(), to.close()])
    },
    timeout,
  )

  it(
    'when a run stopped before it settled index.json is run again, then the index is right',
    async () => {
      const src = await sourceStore()
      const dst = await freshStore()
      const from = await openJsonlSource(src)
      const to = await openJsonlSource(dst)
      const controller = new AbortController()
      await expect(
        copyStore(from, neverSettled(to), {
          signal: controller.signal,
          onProgress: (progress) => {
            if (progress.streams === 1050) controller.abort()
          },
        }),
      ).rejects.toThrow()
      // The streams are written, index.json lags them (at most the last settle's 1,000 entries).
      const lagging = (await indexOf(dst)) as { aggregates: Record<string, unknown> }
      expect(Object.keys(lagging.aggregates).length).toBeLessThan(1050)
      // A new process, as after a kill: nothing it kept in memory helps.
      const rerun = await openJsonlSource(dst)
      const result = await copyStore(from, rerun)
      expect(result.already).toBeGreaterThan(0)
      expect(await indexOf(dst)).toEqual(await reindexed(dst))
      expect(await indexOf(dst)).toEqual(await indexOf(src))
      await Promise.all([from.close(), rerun.close()])
    },
    timeout,
  )

  it(
    'when a run is cancelled half-way, then what it copied is in index.json',
    async () => {
      const src = await sourceStore()
      const dst = await freshStore()
      const [from, to] = [await openJsonlSource(src), await openJsonlSource(dst)]
      const controller = new AbortController()
      await expect(
        copyStore(from, to, {
          signal: controller.signal,
          onProgress: (progress) => {
            if (progress.streams === 500) controller.abort()
          },
        }),
      ).rejects.toThrow()
      const index = (await indexOf(dst)) as { aggregates: Record<string, unknown> }
      expect(Object.keys(index.aggregates)).toHaveLength(500)
      expect(index).toEqual(await reindexed(dst))
      await Promise.all([from.close(), to.close()])
    },
    timeout,
  )
})
