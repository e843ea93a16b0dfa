// The store watcher as the session uses it now: started without waiting for its first listing (so the
// first rows of a 100,000-stream store do not wait for a second readdir), and closed at any moment.

import { stat, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { folderChanged, StoreWatcher } from '../../../../electron/core/store/store-watcher'
import { OpenStore } from '../../../../electron/core/store/open-store'
import { useTempDirs } from '../../../support/temp-dir'
import { until } from '../../../support/until'

const tempDir = useTempDirs('eventscope-watcher-')

describe('StoreWatcher', () => {
  it('given a watcher whose first listing has not finished, when a stream is written, then it is reported (fs.watch listens from the start)', async () => {
    const dir = await tempDir()
    const reported: string[] = []
    const watcher = new StoreWatcher(dir, (names) => reported.push(...names), { settleMs: 5 })
    const starting = watcher.start()
    try {
      await writeFile(join(dir, 'c.events.jsonl'), '{}\n')
      await starting
      await writeFile(join(dir, 'c.events.jsonl'), '{}\n{}\n')
      await until(() => reported.includes('c.events.jsonl'), 'the stream to be reported')
    } finally {
      watcher.close()
    }
  })

  it('given a watcher polling, when a stream file is added, then the poll reports the folder changed (two stats a poll, no listing)', async () => {
    const dir = await tempDir()
    const reported: string[] = []
    const watcher = new StoreWatcher(dir, (names) => reported.push(...names), { settleMs: 5, pollMs: 20 })
    await watcher.start()
    try {
      await writeFile(join(dir, 'd.events.jsonl'), '{}\n')
      await until(() => reported.includes(folderChanged), 'the folder change to be reported')
    } finally {
      watcher.close()
    }
  })

  it('given the folder as listed before the watch began, when it starts, then what moved since is reported once and nothing when nothing did', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'index.json'), '{}')
    const stampOf = async (readAtMs: number) => {
      const info = await stat(dir)
      return { dev: info.dev, ino: info.ino, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, readAtMs }
    }
    // What the watcher reports first. Whether it reports at all is decided before start() settles
    // (both stats are awaited there): a report is waited for as long as it takes, and when none is
    // due, the watcher is closed after its settle time, long before its first poll.
    const firstReport = async (listedAt: Awaited<ReturnType<typeof stampOf>>, due: boolean) => {
      const reported: string[] = []
      const watcher = new StoreWatcher(dir, (names) => reported.push(...names), { settleMs: 5, listedAt })
      await watcher.start()
      if (due) await until(() => reported.length > 0, 'the first report')
      else await new Promise((resolve) => setTimeout(resolve, 100))
      watcher.close()
      return reported.sort()
    }
    // Listed long after the last change (as if the files settled before): nothing moved since.
    const quiet = await stampOf(Date.now() + 10_000)

    expect(await firstReport(quiet, false)).toEqual([])
    await writeFile(join(dir, 'e.events.jsonl'), '{}\n')
    expect(await firstReport(quiet, true)).toEqual([folderChanged])
    const listed = await stampOf(Date.now() + 10_000)
    await writeFile(join(dir, 'index.json'), '{"e": {}}')
    await utimes(join(dir, 'index.json'), new Date(Date.now() + 20_000), new Date(Date.now() + 20_000))
    expect(await firstReport(listed, true)).toEqual(['index.json'])
  })

  it('given an open store, when only the folder change is reported, then refreshing finds the stream that came', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'a.events.jsonl'), '{"event_type": "E"}\n')
    const store = await OpenStore.open(dir)
    try {
      await store.reconciled
      await writeFile(join(dir, 'b.events.jsonl'), '{"event_type": "E"}\n{"event_type": "E"}\n')
      expect(await store.refresh(new Set([folderChanged]))).toEqual(['b'])
      expect(store.eventCount('b')).toBe(2)
    } finally {
      store.close()
    }
  })
})
