// The persistent scan cache behind opening a store: what is spared, read on or read whole, and that a
// cache that is corrupt, of another version or lying is discarded, never trusted. Each "new process"
// is a fresh open with this process's remembered readings forgotten, so only the cache file remains.

import {
  appendFile,
  chmod,
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { OpenStore } from '../../../../electron/core/store/open-store'
import { clearStoreFacts } from '../../../../electron/core/stream-facts/store-facts'
import { configureScanCache, resetScanCacheConfig } from '../../../../electron/core/scan-cache/cache-place'
import {
  cacheFormat,
  decodeFrame,
  encodeFrame,
  type FrameHeader,
} from '../../../../electron/core/scan-cache/cache-frame'
import {
  decodeReadings,
  encodeReadings,
  type KnownReadings,
  type StampedReading,
} from '../../../../electron/core/scan-cache/readings-codec'
import { jsonLines, writeIndex, writeStream } from '../../../support/store-files'
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

const event = (id: string, n: number) => ({
  event_type: `E${n % 3}`,
  aggregate_id: id,
  n,
  occurred_at: `2026-01-0${1 + (n % 9)}T00:00:00`,
})
const events = (id: string, count: number) => jsonLines(Array.from({ length: count }, (_, n) => event(id, n)))

async function makeStore(): Promise<string> {
  const dir = await tempDir()
  await writeStream(dir, 'a', events('a', 3))
  await writeStream(dir, 'b', events('b', 5))
  await writeStream(dir, 'c', events('c', 2))
  await writeIndex(dir, {
    a: { event_count: 3, last_event_at: null },
    b: { event_count: 5, last_event_at: null },
    c: { event_count: 2, last_event_at: null },
  })
  return dir
}

/** Open the store as a new process would (nothing remembered), read it through, close it. */
async function openFresh(dir: string) {
  clearStoreFacts()
  const store = await OpenStore.open(dir)
  store.window({ offset: 0, limit: 10, sort: { column: 'id', direction: 'asc' }, filter: '' })
  await store.reconciled
  const written = await store.cacheWritten
  await store.snapshotWritten
  const ids = ['a', 'b', 'c']
  const result = {
    loaded: store.cacheState(),
    written,
    freshness: Object.fromEntries(ids.map((id) => [id, store.freshness(id) ?? null])),
    counts: Object.fromEntries(ids.map((id) => [id, store.eventCount(id)])),
    rows: ids.map((id) => store.row(id)),
  }
  store.close()
  return result
}

async function readingsFile(): Promise<string> {
  const [version] = await readdir(cacheRoot)
  const folder = join(cacheRoot, version as string)
  const [key] = await readdir(folder)
  return join(folder, key as string, 'readings')
}

describe('the scan cache', () => {
  it('given a store read once, when a new process opens it, then no stream is read again and every row is the same', async () => {
    const dir = await makeStore()
    const cold = await openFresh(dir)
    expect(cold.freshness).toEqual({ a: 'read', b: 'read', c: 'read' })
    expect(cold.written).toBe(true)
    const warm = await openFresh(dir)
    expect(warm.loaded).toBe('hit')
    expect(warm.freshness).toEqual({ a: 'cached', b: 'cached', c: 'cached' })
    expect(warm.rows).toEqual(cold.rows)
    expect(warm.written).toBe(false)
  })

  it('given streams with damaged lines and index entries that disagree, when a new process opens the store warm, then its findings, problems and rows are what the first reading found', async () => {
    const dir = await tempDir()
    await writeStream(dir, 'a', events('a', 3))
    // A line that is not JSON (an error) and an event without a type (a warning).
    const untyped = `${JSON.stringify({ aggregate_id: 'b', n: 9, occurred_at: '2026-01-09T00:00:00' })}\n`
    await writeStream(dir, 'b', `${events('b', 2)}{not json\n${untyped}`)
    await writeStream(dir, 'c', events('c', 4))
    await writeStream(dir, 'd', events('d', 2))
    await writeStream(dir, 'e', events('e', 1))
    await writeIndex(dir, {
      a: { event_count: 3, last_event_at: '2026-01-03T00:00:00' },
      b: { event_count: 3, last_event_at: '2026-01-01T00:00:00' },
      c: { event_count: 9, last_event_at: '2026-01-04T00:00:00' },
      d: { event_count: 2, last_event_at: '1999-01-01T00:00:00' },
    })
    const opened = async () => {
      clearStoreFacts()
      const store = await OpenStore.open(dir)
      await store.whenReconciled()
      const { findings, problems } = store.summary()
      const ids = ['a', 'b', 'c', 'd', 'e']
      const result = {
        findings,
        problems,
        rows: ids.map((id) => store.row(id)),
        freshness: ids.map((id) => store.freshness(id)),
      }
      await store.cacheWritten
      await store.snapshotWritten
      store.close()
      return result
    }
    const cold = await opened()
    expect(cold.findings.errors + cold.findings.warnings).toBeGreaterThanOrEqual(4)
    const warm = await opened()
    expect(warm.freshness).toEqual(['cached', 'cached', 'cached', 'cached', 'cached'])
    expect(warm.findings).toEqual(cold.findings)
    expect(warm.problems).toEqual(cold.problems)
    expect(warm.rows).toEqual(cold.rows)
  })

  it('given a store opened warm (streams taken as cached, no entry made), when this process opens it again after a stream grew, then it takes what it remembered and every row is what a whole read finds', async () => {
    const dir = await makeStore()
    await openFresh(dir)
    await openFresh(dir)
    // Reopened without forgetting: the entries remembered are those the warm opening marked.
    await appendFile(join(dir, 'b.events.jsonl'), jsonLines([event('b', 5)]))
    const store = await OpenStore.open(dir)
    await store.whenReconciled()
    expect(store.cacheState()).toBe('memory')
    expect(['a', 'b', 'c'].map((id) => store.freshness(id))).toEqual(['cached', 'extended', 'cached'])
    const rows = ['a', 'b', 'c'].map((id) => store.row(id))
    expect(store.summary().events).toBe(11)
    store.close()
    clearStoreFacts()
    configureScanCache({ enabled: false })
    expect((await openFresh(dir)).rows).toEqual(rows)
  })

  it('given a cached store, when a stream is removed, then the next opening writes the cache without it, and the one after writes nothing', async () => {
    const dir = await makeStore()
    await openFresh(dir)
    expect((await openFresh(dir)).written).toBe(false)
    await rm(join(dir, 'c.events.jsonl'))
    const after = await openFresh(dir)
    expect(after.written).toBe(true)
    expect(after.freshness).toEqual({ a: 'cached', b: 'cached', c: null })
    const again = await openFresh(dir)
    expect(again.written).toBe(false)
    expect(again.freshness).toEqual({ a: 'cached', b: 'cached', c: null })
  })

  it('given a cached store, when one stream grew, one was truncated, one replaced, then the grown one is read on from its old end and the others whole, with true counts', async () => {
    const dir = await makeStore()
    await openFresh(dir)
    await appendFile(join(dir, 'a.events.jsonl'), jsonLines([event('a', 3), event('a', 4)]))
    await writeFile(join(dir, 'b.events.jsonl'), events('b', 4)) // truncated in place, shorter
    await writeFile(join(dir, 'c.new'), events('c', 7))
    await rename(join(dir, 'c.new'), join(dir, 'c.events.jsonl')) // replaced: another inode
    const after = await openFresh(dir)
    expect(after.freshness).toEqual({ a: 'extended', b: 'read', c: 'read' })
    expect(after.counts).toEqual({ a: 5, b: 4, c: 7 })
    // What was read on is what a whole read finds.
    clearStoreFacts()
    configureScanCache({ enabled: false })
    const whole = await openFresh(dir)
    expect(whole.rows).toEqual(after.rows)
  })

  it('given a cached stream, when bytes before its old end changed and it grew, then it is read whole, not read on', async () => {
    const dir = await makeStore()
    await openFresh(dir)
    const text = events('a', 3).replace('"n":1', '"n":7')
    await writeFile(join(dir, 'a.events.jsonl'), text + jsonLines([event('a', 3)]))
    const after = await openFresh(dir)
    expect(after.freshness.a).toBe('read')
    expect(after.counts.a).toBe(4)
  })

  it('given a cached stream, when it is touched without a change, then it is read again and found the same', async () => {
    const dir = await makeStore()
    const before = await openFresh(dir)
    const later = new Date(Date.now() + 5000)
    await utimes(join(dir, 'b.events.jsonl'), later, later)
    const after = await openFresh(dir)
    expect(after.freshness).toEqual({ a: 'cached', b: 'read', c: 'cached' })
    expect(after.rows).toEqual(before.rows)
    expect((await openFresh(dir)).freshness.b).toBe('cached')
  })

  it('given a cached stream, when it is rewritten at the same size and its mtime set back, then ctime gives it away and it is read', async () => {
    const dir = await makeStore()
    await openFresh(dir)
    const file = join(dir, 'c.events.jsonl')
    const { atime, mtime } = await stat(file)
    const text = await readFile(file, 'utf8')
    await writeFile(file, text.replace('"E0"', '"X0"'))
    await utimes(file, atime, mtime)
    const after = await openFresh(dir)
    expect(after.freshness.c).toBe('read')
    expect(after.rows[2]?.type).toBe('X0')
  })

  it('given a corrupt cache file, when the store is opened, then the file is discarded and every stream read', async () => {
    const dir = await makeStore()
    const cold = await openFresh(dir)
    const file = await readingsFile()
    const bytes = await readFile(file)
    bytes.writeUInt8((bytes.at(-20) as number) ^ 0x01, bytes.length - 20)
    await writeFile(file, bytes)
    const after = await openFresh(dir)
    expect(after.loaded).toBe('discarded: corrupt (checksum differs)')
    expect(after.freshness).toEqual({ a: 'read', b: 'read', c: 'read' })
    expect(after.rows).toEqual(cold.rows)
    // Written again, whole: the next opening spares every stream.
    expect((await openFresh(dir)).freshness).toEqual({ a: 'cached', b: 'cached', c: 'cached' })
  })

  it('given a torn cache file, when the store is opened, then it is discarded', async () => {
    const dir = await makeStore()
    await openFresh(dir)
    const file = await readingsFile()
    const bytes = await readFile(file)
    await writeFile(file, bytes.subarray(0, bytes.length - 7))
    expect((await openFresh(dir)).loaded).toBe('discarded: torn (length differs)')
  })

  it('given a cache file of another format or another build, when the store is opened, then it is discarded', async () => {
    const dir = await makeStore()
    await openFresh(dir)
    const file = await readingsFile()
    const text = (await readFile(file)).toString('latin1')
    await writeFile(file, Buffer.from(text.replace(`"format":${cacheFormat}`, '"format":0'), 'latin1'))
    expect((await openFresh(dir)).loaded).toBe('discarded: format 0')
    await writeFile(file, Buffer.from(text.replace(/"code":"[^"]*"/, '"code":"1/other-build"'), 'latin1'))
    expect((await openFresh(dir)).loaded).toBe('discarded: written by another build')
  })

  it('given a cache file that lies about a stream (its stamp holds but the bytes differ), when the store is opened, then the sample check catches it, the cache is discarded and every spared stream is read', async () => {
    const dir = await makeStore()
    await openFresh(dir)
    // Change b's bytes behind stat's back: same size, then give the cache the file's new stat but
    // the old hashes, as a cache that lies would.
    const file = join(dir, 'b.events.jsonl')
    const text = await readFile(file, 'utf8')
    await writeFile(file, text.replace('"E0"', '"Z0"'))
    const info = await stat(file)
    const cacheFile = await readingsFile()
    const bytes = await readFile(cacheFile)
    const header = JSON.parse(bytes.toString('utf8').split('\n')[1] as string) as FrameHeader
    const frame = decodeFrame(bytes, header)
    if (!frame.ok) throw new Error(frame.reason)
    const known = decodeReadings(frame.body) as KnownReadings
    const entries = new Map([...known.keys()].map((id) => [id, known.get(id) as StampedReading]))
    const lie = entries.get('b') as StampedReading
    const { dev, ino, size, mtimeMs, ctimeMs } = info
    const { head, tail } = lie.stamp
    entries.set('b', {
      reading: lie.reading,
      readAtMs: lie.readAtMs,
      resume: lie.resume,
      stamp: { dev, ino, size, mtimeMs, ctimeMs, head, tail },
    })
    await writeFile(cacheFile, encodeFrame(header, encodeReadings(entries), header.writtenAt))
    const after = await openFresh(dir)
    expect(after.loaded).toBe('discarded: a file did not hash as its stamp says')
    expect(after.freshness).toEqual({ a: 'read', b: 'read', c: 'read' })
    expect(after.rows[1]?.type).toBe('Z0')
    expect(after.counts.b).toBe(5)
  })

  it('given the cache switched off, when a store is opened twice, then nothing is written and every stream is read each time', async () => {
    configureScanCache({ enabled: false })
    const dir = await makeStore()
    await openFresh(dir)
    const again = await openFresh(dir)
    expect(again.freshness).toEqual({ a: 'read', b: 'read', c: 'read' })
    await expect(readdir(cacheRoot)).rejects.toThrow()
  })

  it('given a cache folder inside the store, when it is opened, then the cache is not used: reading never writes into a store', async () => {
    const dir = await makeStore()
    configureScanCache({ root: join(dir, '.cache') })
    const result = await openFresh(dir)
    expect(result.loaded).toBe('miss: the cache folder is inside the store')
    expect(await readdir(dir)).toEqual(['a.events.jsonl', 'b.events.jsonl', 'c.events.jsonl', 'index.json'])
  })

  it.skipIf(process.platform === 'win32')(
    'given a cache folder others may write to (POSIX modes: skipped on Windows, which has none), when a store is opened, then the cache is neither read nor written',
    async () => {
      const dir = await makeStore()
      await mkdir(cacheRoot, { recursive: true })
      await chmod(cacheRoot, 0o777)
      expect((await openFresh(dir)).loaded).toBe(`miss: ${cacheRoot} is writable by others`)
      expect(await readdir(join(cacheRoot, `v${cacheFormat}`))).toEqual([])
    },
  )

  it('given a cache folder still to be made under a link into the store, when the store is opened, then the cache is not used', async () => {
    const dir = await makeStore()
    const outside = await tempDir()
    await symlink(dir, join(outside, 'link'))
    configureScanCache({ root: join(outside, 'link', 'not-yet', 'cache') })
    expect((await openFresh(dir)).loaded).toBe('miss: the cache folder is inside the store')
    expect(await readdir(dir)).toEqual(['a.events.jsonl', 'b.events.jsonl', 'c.events.jsonl', 'index.json'])
  })
})

describe('the scan cache size cap', () => {
  it('given a cap that holds one store, when a second store is read, then the least recently used store leaves the cache and the cap holds', async () => {
    const first = await makeStore()
    await openFresh(first)
    const file = await readingsFile()
    const snapshot = join(dirname(file), 'snapshot')
    // A store's files: its readings and its snapshot (listing and index).
    const one = (await stat(file)).size + (await stat(snapshot)).size
    configureScanCache({ root: cacheRoot, settleMs: 0, maxBytes: Math.floor(one * 1.5) })
    const old = new Date(Date.now() - 60_000)
    await utimes(file, old, old)
    await utimes(snapshot, old, old)
    const second = await makeStore()
    await openFresh(second)
    const version = join(cacheRoot, (await readdir(cacheRoot))[0] as string)
    expect(await readdir(version)).toHaveLength(2) // the folders stay; the first one's readings are gone
    const readings = await Promise.all(
      (await readdir(version)).map(
        async (key) => (await readdir(join(version, key))).filter((name) => name === 'readings').length,
      ),
    )
    expect(readings.sort()).toEqual([0, 1])
    expect((await openFresh(second)).loaded).toBe('hit')
    expect((await openFresh(first)).loaded).toMatch(/^miss/)
  })

  it('given a temp file a killed writer left long ago, when the cache is written, then the leftover is removed', async () => {
    const dir = await makeStore()
    await openFresh(dir)
    const leftover = `${await readingsFile()}.999.abcdef.tmp`
    await writeFile(leftover, 'half')
    const old = new Date(Date.now() - 3_600_000)
    await utimes(leftover, old, old)
    await appendFile(join(dir, 'a.events.jsonl'), jsonLines([event('a', 9)]))
    expect((await openFresh(dir)).written).toBe(true)
    await expect(stat(leftover)).rejects.toThrow()
  })
})
