// `eventscope state` of a big stream keeps what its read learned in the scan cache, and the next
// process answers from it: the same answer, and the right one whatever happened to the stream since
// (grown, touched, replaced) or to the cache file (corrupt). Whole processes, as a user runs them.

import { appendFile, readdir, readFile, rename, stat, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { writeStream } from '../../support/store-files'
import { useTempDirs } from '../../support/temp-dir'
import { requireBuiltCli, runCli } from './run-built-cli'

const tempDir = useTempDirs('eventscope-state-cache-')
beforeAll(() => requireBuiltCli())

// A stream written a moment ago is trusted from the cache (see cache-place.ts on settling).
const env = { EVENTSCOPE_CACHE_SETTLE_MS: '0' }

const line = (n: number): string =>
  `{"event_type":"${n === 1 ? 'AccountOpenedEvent' : 'MoneyDepositedEvent'}","event_id":"e-${n}","aggregate_id":"s1","occurred_at":"2026-03-01T09:00:00+00:00","balance":${n},"note":"${'n'.repeat(160)}","k${n % 5}":${n % 7 === 0 ? 'null' : n}}\n`

// 9 MiB: big enough to be read on every core and kept in the cache (8 MiB and up).
async function store(): Promise<{ dir: string; file: string }> {
  const dir = await tempDir()
  const events = Array.from({ length: 40_000 }, (_, i) => line(i + 1)).join('')
  const file = await writeStream(dir, 's1', events)
  expect((await stat(file)).size).toBeGreaterThan(8 * 1024 * 1024)
  return { dir, file }
}

async function state(dir: string, ...more: string[]): Promise<unknown> {
  const run = await runCli(['state', dir, 's1', '--json', ...more], { env })
  expect(run.code, run.stderr).toBe(0)
  return JSON.parse(run.stdout)
}

async function cachedStreams(): Promise<string[]> {
  const root = join(process.env.XDG_CACHE_HOME as string, 'eventscope')
  const found: string[] = []
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) await walk(path)
      else if (dir.endsWith('streams')) found.push(path)
    }
  }
  await walk(root)
  return found
}

describe('given a big stream read once by `state`', () => {
  it('when `state` runs again, then it answers the same from the cache', async () => {
    const { dir } = await store()
    const before = new Set(await cachedStreams())
    const cold = await state(dir)
    expect((await cachedStreams()).filter((file) => !before.has(file))).toHaveLength(1)
    expect(await state(dir)).toEqual(cold)
    expect(await state(dir, '--at', '-1')).toEqual(await state(dir, '--at', '-1', '--no-cache'))
  })

  it('when events were appended since, then the answer has them', async () => {
    const { dir, file } = await store()
    await state(dir)
    await appendFile(file, line(40_001) + line(40_002))
    const warm = (await state(dir)) as { eventCount: number }
    expect(warm.eventCount).toBe(40_002)
    expect(warm).toEqual(await state(dir, '--no-cache'))
  })

  it('when the stream was touched without a change, then the answer is the same', async () => {
    const { dir, file } = await store()
    const cold = await state(dir)
    const later = new Date(Date.now() + 5000)
    await utimes(file, later, later)
    expect(await state(dir)).toEqual(cold)
  })

  it('when the stream was replaced by another of the same size, then the answer is the new one', async () => {
    const { dir, file } = await store()
    await state(dir)
    const text = await readFile(file, 'utf8')
    await writeFile(`${file}.new`, text.replace('"balance":40000,', '"balance":49999,'))
    await rename(`${file}.new`, file)
    const warm = (await state(dir)) as { state: { balance: number } }
    expect(warm.state.balance).toBe(49999)
    expect(warm).toEqual(await state(dir, '--no-cache'))
  })

  it('when the cache file is corrupt, then the stream is read again and the cache file rewritten', async () => {
    const { dir } = await store()
    const before = new Set(await cachedStreams())
    const cold = await state(dir)
    const [cached] = (await cachedStreams()).filter((file) => !before.has(file))
    const bytes = await readFile(cached as string)
    bytes.fill(0x55, bytes.length >> 1, (bytes.length >> 1) + 64)
    await writeFile(cached as string, bytes)
    expect(await state(dir)).toEqual(cold)
    expect((await readFile(cached as string)).equals(bytes)).toBe(false)
    expect(await state(dir)).toEqual(cold)
  })

  it('when --no-cache is given, then nothing is written to the cache', async () => {
    const { dir } = await store()
    const before = await cachedStreams()
    await state(dir, '--no-cache')
    expect(await cachedStreams()).toEqual(before)
  })
})
