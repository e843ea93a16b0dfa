// `eventscope list` over the scan cache, as whole processes: the second list reads no stream, says so
// per row, agrees with a list that reads everything; --from-index answers from index.json alone;
// the cache can be switched off three ways and cleared; two processes share it safely.

import { appendFile, mkdir, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cacheFormat } from '../../../electron/core/scan-cache/cache-frame'
import { useTempDirs } from '../../support/temp-dir'
import { runCli, type ListDoc } from './run-built-cli'

const tempDir = useTempDirs()

type ListCacheDoc = Omit<ListDoc, 'aggregates'> & {
  aggregates: (ListDoc['aggregates'][number] & { from: string })[]
  cache: { state: string; cache: number; 'cache+tail': number; stream: number } | null
}

async function setUp(aggregates = 30) {
  const root = await tempDir()
  const dir = join(root, 'store')
  const env = {
    EVENTSCOPE_CACHE_DIR: join(root, 'cache'),
    // A file's ctime cannot be set back: trust files at once instead of 2 s after they changed.
    EVENTSCOPE_CACHE_SETTLE_MS: '0',
    XDG_CONFIG_HOME: join(root, 'config'),
  }
  const gen = await runCli([
    'gen',
    dir,
    '--aggregates',
    String(aggregates),
    '--events',
    String(aggregates * 4),
  ])
  expect(gen.code).toBe(0)
  const list = async (...args: string[]): Promise<ListCacheDoc> => {
    const run = await runCli(['list', dir, '--json', ...args], { env })
    if (run.code !== 0) throw new Error(`list exited ${run.code}: ${run.stderr}`)
    return JSON.parse(run.stdout) as ListCacheDoc
  }
  return { root, dir, env, list }
}

const withoutFrom = (doc: ListCacheDoc) => ({
  ...doc,
  cache: null,
  aggregates: doc.aggregates.map(({ from: _from, ...row }) => row),
})

describe('list over the scan cache', () => {
  it('given a store listed once, when listed again, then no stream is read, every row says "cache", and it agrees with a list that reads everything', async () => {
    const { dir, list } = await setUp()
    const cold = await list()
    expect(new Set(cold.aggregates.map((row) => row.from))).toEqual(new Set(['stream']))
    const warm = await list()
    expect(warm.cache).toMatchObject({ state: 'hit', cache: 30, stream: 0 })
    expect(new Set(warm.aggregates.map((row) => row.from))).toEqual(new Set(['cache']))
    expect(withoutFrom(warm)).toEqual(withoutFrom(cold))

    const id = warm.aggregates[3]?.id as string
    await appendFile(
      join(dir, `${id}.events.jsonl`),
      `${JSON.stringify({ event_type: 'Late', aggregate_id: id })}\n`,
    )
    const grown = await list()
    expect(grown.aggregates.find((row) => row.id === id)).toMatchObject({ from: 'cache+tail' })
    const fresh = await list('--no-cache')
    expect(fresh.cache?.state).toBe('off')
    expect(withoutFrom(grown)).toEqual(withoutFrom(fresh))
  })

  it('given a warm cache, when one stream grew, one was rewritten, one touched and one removed, then the rows the cache spared and those read are what a list reading everything prints, in text and JSON', async () => {
    // 250 streams: past the worker threshold, so the stat runs on the workers as in a big store.
    const { dir, env, list } = await setUp(250)
    const ids = (await list()).aggregates.map((row) => row.id)
    const file = (id: string) => join(dir, `${id}.events.jsonl`)
    const late = (id: string) => `${JSON.stringify({ event_type: 'Late', aggregate_id: id })}\n`
    const change = async (grown: string, rewritten: string, touched: string, removed: string) => {
      await appendFile(file(grown), late(grown))
      await writeFile(file(rewritten), late(rewritten))
      const later = new Date(Date.now() + 5000)
      await utimes(file(touched), later, later)
      await rm(file(removed))
    }
    const text = async (...args: string[]) => {
      const run = await runCli(['list', dir, ...args], { env })
      expect(run.code).toBe(0)
      // FROM and the line counting it say how each row was had; the rest must be the same bytes.
      return run.stdout
        .split('\n')
        .filter((line) => !line.startsWith('Every stream checked now'))
        .map((line) => line.replace(/ +(FROM|cache|cache\+tail|stream)$/, ''))
        .join('\n')
    }

    await change(ids[1] as string, ids[50] as string, ids[120] as string, ids[249] as string)
    const warmText = await text()
    expect(warmText).toContain(`${ids[249] as string}: `)
    expect(warmText).toEqual(await text('--no-cache'))

    await change(ids[2] as string, ids[60] as string, ids[130] as string, ids[248] as string)
    const warm = await list()
    const from = Object.fromEntries(warm.aggregates.map((row) => [row.id, row.from]))
    expect(from[ids[2] as string]).toBe('cache+tail')
    expect(from[ids[60] as string]).toBe('stream')
    expect(from[ids[130] as string]).toBe('stream')
    expect(from[ids[0] as string]).toBe('cache')
    expect(warm.cache).toMatchObject({ state: 'hit', 'cache+tail': 1 })
    expect(withoutFrom(warm)).toEqual(withoutFrom(await list('--no-cache')))
  })

  it('given a warm cache and a store that did not change, when listed as text (its table laid out while the streams are judged), then it prints what a list reading everything prints', async () => {
    // 250 streams: past the worker threshold, so the stat runs on the workers as in a big store.
    const { dir, env, list } = await setUp(250)
    await list()
    const text = async (...args: string[]) => {
      const run = await runCli(['list', dir, ...args], { env })
      expect(run.code).toBe(0)
      return run.stdout
    }
    const warm = await text()
    const fresh = await text('--no-cache')
    const rows = (output: string) => output.split('\n').slice(1, 251)
    expect(rows(warm).every((line) => line.endsWith('  cache'))).toBe(true)
    // FROM and the line counting it say how each row was had; the rest must be the same bytes.
    const same = (output: string) =>
      output
        .split('\n')
        .filter((line) => !line.startsWith('Every stream checked now'))
        .map((line) => line.replace(/ +(FROM|cache|stream)$/, ''))
    expect(same(warm)).toEqual(same(fresh))
    expect(warm).toContain(
      'Every stream checked now: 250 streams as cached (not read), 0 read from their old end, 0 read whole (scan cache: hit)',
    )
  })

  it('given a warm cache over every kind of row (clean, damaged lines, index counts and times that disagree or are not numbers, no index entry, an entry without a stream), when listed, then each row is what a list reading everything prints, with index.json and without', async () => {
    // 250 streams: the stat runs on the workers, as in a big store.
    const { dir, list } = await setUp(250)
    const ids = (await list()).aggregates.map((row) => row.id)
    const id = (i: number) => ids[i] as string
    await appendFile(join(dir, `${id(5)}.events.jsonl`), '{not json\n')
    const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as {
      aggregates: Record<string, Record<string, unknown>>
    }
    const entries = index.aggregates
    ;(entries[id(10)] as Record<string, unknown>).event_count = 999
    ;(entries[id(11)] as Record<string, unknown>).event_count = 'three'
    ;(entries[id(13)] as Record<string, unknown>).last_event_at = '1999-01-01T00:00:00+00:00'
    delete entries[id(12)]
    entries['only-in-the-index'] = { event_count: 1, last_event_at: '2026-01-01T00:00:00+00:00' }
    await writeFile(join(dir, 'index.json'), JSON.stringify(index, null, 2))

    await list()
    const warm = await list()
    // Every stream as cached; the 251st row is the index entry without a stream.
    expect(warm.cache).toMatchObject({ state: 'hit', cache: 250 })
    expect(warm.aggregates.find((row) => row.id === 'only-in-the-index')).toMatchObject({ status: 'error' })
    expect(new Set(warm.aggregates.map((row) => row.status))).toEqual(new Set(['ok', 'warning', 'error']))
    expect(withoutFrom(warm)).toEqual(withoutFrom(await list('--no-cache')))

    await rm(join(dir, 'index.json'))
    await list()
    const unindexed = await list()
    expect(unindexed.cache).toMatchObject({ state: 'hit', cache: 250 })
    expect(withoutFrom(unindexed)).toEqual(withoutFrom(await list('--no-cache')))
  })

  it('given an index that disagrees with a stream, when listed --from-index, then the index is answered unchecked, and plain list counts the stream', async () => {
    const { dir, list } = await setUp(3)
    const first = (await list()).aggregates[0] as ListCacheDoc['aggregates'][number]
    await appendFile(
      join(dir, `${first.id}.events.jsonl`),
      `${JSON.stringify({ event_type: 'X', aggregate_id: first.id })}\n`,
    )
    const fromIndex = await list('--from-index')
    expect(fromIndex.cache).toBeNull()
    expect(fromIndex.aggregates[0]).toMatchObject({
      id: first.id,
      event_count: first.event_count,
      from: 'index',
      status: 'pending',
    })
    const counted = await list()
    expect(counted.aggregates[0]).toMatchObject({
      event_count: (first.event_count as number) + 1,
      status: 'warning',
    })
  })

  it('given a store without index.json, when listed --from-index, then it fails in one line', async () => {
    const { root, env } = await setUp(1)
    const empty = join(root, 'empty')
    await mkdir(empty)
    const run = await runCli(['list', empty, '--from-index'], { env })
    expect(run.code).toBe(1)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toContain('--from-index needs one')
  })

  it('given the cache switched off by --no-cache, EVENTSCOPE_CACHE=off or the preference, when listed twice, then nothing is cached', async () => {
    const { root, dir, env } = await setUp(3)
    const twice = async (args: string[], extra: Record<string, string> = {}) => {
      for (let i = 0; i < 2; i++) {
        const run = await runCli(['list', dir, '--json', ...args], { env: { ...env, ...extra } })
        expect(run.code).toBe(0)
        const doc = JSON.parse(run.stdout) as ListCacheDoc
        expect(doc.cache?.state).toBe('off')
        expect(doc.aggregates.every((row) => row.from === 'stream')).toBe(true)
      }
    }
    await twice(['--no-cache'])
    await twice([], { EVENTSCOPE_CACHE: 'off' })
    await mkdir(join(root, 'config', 'eventscope'), { recursive: true })
    await writeFile(join(root, 'config', 'eventscope', 'settings.json'), '{"scanCache": false}')
    await twice([])
    await expect(readdir(join(root, 'cache'))).rejects.toThrow()
  })

  it('given a warm cache, when cleared, then status shows it empty and the next list reads every stream', async () => {
    const { env, list } = await setUp(3)
    await list()
    const status = JSON.parse((await runCli(['cache', 'status', '--json'], { env })).stdout) as {
      files: number
      bytes: number
      enabled: boolean
    }
    // The store's readings and its snapshot (listing and index).
    expect(status).toMatchObject({ files: 2, enabled: true })
    expect(status.bytes).toBeGreaterThan(0)
    const cleared = await runCli(['cache', 'clear'], { env })
    expect(cleared.stdout).toMatch(/^Removed 2 cache files/)
    expect(JSON.parse((await runCli(['cache', 'status', '--json'], { env })).stdout)).toMatchObject({
      files: 0,
      bytes: 0,
    })
    expect((await list()).cache?.state).toMatch(/^miss/)
    expect((await runCli(['cache', 'frob'], { env })).code).toBe(2)
  })

  it('given two eventscope processes sharing the cache, when they list (and one clears) at once, round after round, then each answers right and the cache is whole after', async () => {
    // 250 streams: past the worker threshold, so the worker path is the one shared.
    const { root, dir, env, list } = await setUp(250)
    const truth = withoutFrom(await list('--no-cache'))
    for (let round = 0; round < 4; round++) {
      const both = await Promise.all([
        runCli(['list', dir, '--json'], { env }),
        round === 2 ? runCli(['cache', 'clear'], { env }) : runCli(['list', dir, '--json'], { env }),
      ])
      for (const run of both) expect(run.code).toBe(0)
      expect(withoutFrom(JSON.parse(both[0].stdout) as ListCacheDoc)).toEqual(truth)
      if (round !== 2) expect(withoutFrom(JSON.parse(both[1].stdout) as ListCacheDoc)).toEqual(truth)
    }
    // The last writer's file is whole (never half of two) and no temp file is left behind.
    const last = await list()
    expect(last.cache?.state).toBe('hit')
    expect(withoutFrom(last)).toEqual(truth)
    const folder = join(root, 'cache', `v${cacheFormat}`)
    const [key] = await readdir(folder)
    expect((await readdir(join(folder, key as string))).sort()).toEqual(['readings', 'snapshot'])
  })
})
