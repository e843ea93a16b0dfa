// A big stream's scan kept in the persistent scan cache comes back as the scan itself, and is trusted
// only while the file is the one it was taken from (or only grew): never when replaced, cut, or when
// the cache lies about where the events are.

import { appendFile, readFile, rename, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { stringifyExact } from '../../../../electron/core/json/big-integers'
import { stateAt } from '../../../../electron/core/replay/replay'
import { configureScanCache, resetScanCacheConfig } from '../../../../electron/core/scan-cache/cache-place'
import { loadStreamScan, saveStreamScan } from '../../../../electron/core/scan-cache/scan-cache'
import { stampOf } from '../../../../electron/core/scan-cache/stream-stamp'
import {
  cachedScan,
  decodeSnapshot,
  encodeSnapshot,
  keepScan,
} from '../../../../electron/core/stream-facts/cached-scan'
import { openRegularFile } from '../../../../electron/core/store/regular-file'
import { scanStream, type StreamIndex } from '../../../../electron/core/stream/stream-index'
import { scanInParallel } from '../../../../electron/core/worker/parallel-scan'
import { configureWorkers } from '../../../../electron/core/worker/run-task'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs('eventscope-cached-scan-')

beforeEach(async () => {
  // Files written a moment ago count as settled, and every stream is big enough to keep.
  configureScanCache({ settleMs: 0, root: join(await tempDir(), 'cache') })
  configureWorkers({ file: null, minScanBytes: 0 })
})
afterEach(() => {
  resetScanCacheConfig()
  configureWorkers({})
})

const line = (n: number, extra = ''): string =>
  `{"event_type":"${n % 2 ? 'Added' : 'Renamed'}","aggregate_id":"s1","occurred_at":"2026-03-01T09:00:${String(n % 60).padStart(2, '0')}Z","n":${n},"k${n % 3}":${n % 4 === 0 ? 'null' : n}${extra}}\n`

async function stream(events = 1500): Promise<{ dir: string; file: string }> {
  const dir = await tempDir()
  const file = join(dir, 's1.events.jsonl')
  const lines = Array.from({ length: events }, (_, i) => line(i + 1))
  lines[3] = 'not json\n'
  lines[700] = line(701, ',"big":18446744073709551616,"one":1.0,"__proto__":{"x":1}')
  await writeFile(file, lines.join(''))
  return { dir, file }
}

async function facts(index: StreamIndex) {
  return {
    eventCount: index.eventCount,
    problems: index.problems,
    positions: Array.from({ length: index.eventCount }, (_, i) => [
      index.positions.offsetOf(i + 1),
      index.positions.lengthOf(i + 1),
      index.positions.lineOf(i + 1),
    ]),
    typeCounts: Object.fromEntries(index.typeCounts),
    lastEventAt: index.lastEventAt,
    beyondSafe: index.beyondSafe,
    latest: stringifyExact(index.latestState),
    states: await Promise.all(
      [0, 1, 511, 512, 700, 701, 702, 1024, index.eventCount].map(async (v) =>
        stringifyExact((await stateAt(index, v)).state),
      ),
    ),
  }
}

describe('given a stream whose scan was kept', () => {
  it('when the file is unchanged, then the cached scan is the scan, exact numbers and __proto__ keys included', async () => {
    const { dir, file } = await stream()
    const scan = await scanStream(file, 's1', { replay: true })
    expect(await keepScan(dir, scan)).toBe(true)
    const cached = await cachedScan(dir, 's1', file)
    expect(cached?.grown).toBe(false)
    expect(await facts(cached?.index as StreamIndex)).toEqual(await facts(scan))
  })

  it('when the scan was joined from chunks, then its deferred checkpoints are kept resolved', async () => {
    const { dir, file } = await stream(3000)
    const joined = (await scanInParallel(file, 's1', 3)) as StreamIndex
    expect(await keepScan(dir, joined)).toBe(true)
    const cached = await cachedScan(dir, 's1', file)
    expect(await facts(cached?.index as StreamIndex)).toEqual(
      await facts(await scanStream(file, 's1', { replay: true })),
    )
  })

  it('when events were appended, then the scan is read on from its old end', async () => {
    const { dir, file } = await stream()
    await keepScan(dir, await scanStream(file, 's1', { replay: true }))
    await appendFile(file, line(1501) + line(1502, ',"k1":null'))
    const cached = await cachedScan(dir, 's1', file)
    expect(cached?.grown).toBe(true)
    expect(await facts(cached?.index as StreamIndex)).toEqual(
      await facts(await scanStream(file, 's1', { replay: true })),
    )
  })

  it.each([
    ['cut short', (file: string) => truncate(file, 1000)],
    [
      'replaced by another file of the same size',
      async (file: string) => {
        await writeFile(`${file}.new`, (await readFile(file, 'utf8')).replace('"n":1,', '"n":7,'))
        await rename(`${file}.new`, file)
      },
    ],
    [
      'rewritten in place at the same size',
      async (file: string) => {
        await writeFile(file, (await readFile(file, 'utf8')).replace('"n":9,', '"n":8,'))
      },
    ],
  ])('when the file was %s, then nothing cached is used', async (_name, change) => {
    const { dir, file } = await stream()
    await keepScan(dir, await scanStream(file, 's1', { replay: true }))
    await change(file)
    expect(await cachedScan(dir, 's1', file)).toBeNull()
  })

  it('when the cache says the events are elsewhere than they are (a lie the stamp cannot see), then it is not used and is removed', async () => {
    const { dir, file } = await stream()
    const other = join(dir, 'other.events.jsonl')
    // The same events one line further down: every position is off by that line.
    await writeFile(other, `{"pad":"${'x'.repeat(40)}"}\n${await readFile(file, 'utf8')}`)
    const { handle, info } = await openRegularFile(file)
    const stamp = await stampOf(handle, info)
    await handle.close()
    await saveStreamScan(
      dir,
      's1',
      encodeSnapshot(await scanStream(other, 's1', { replay: true }), stamp, Date.now()),
    )
    expect(await cachedScan(dir, 's1', file)).toBeNull()
    expect((await loadStreamScan(dir, 's1', decodeSnapshot)).kind).toBe('miss')
  })

  it('when the cache is switched off, then nothing is kept or used', async () => {
    const { dir, file } = await stream()
    const scan = await scanStream(file, 's1', { replay: true })
    configureScanCache({ enabled: false })
    expect(await keepScan(dir, scan)).toBe(false)
    configureScanCache({ enabled: true })
    expect(await cachedScan(dir, 's1', file)).toBeNull()
  })

  it('when the stream is smaller than a worker is worth, then it is not kept', async () => {
    configureWorkers({ file: null })
    const { dir, file } = await stream()
    expect(await keepScan(dir, await scanStream(file, 's1', { replay: true }))).toBe(false)
  })
})
