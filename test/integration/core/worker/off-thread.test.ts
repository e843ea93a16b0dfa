import { appendFile, mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { stateAt } from '../../../../electron/core/replay/replay'
import { scanStream } from '../../../../electron/core/stream/stream-index'
import { extendStream } from '../../../../electron/core/stream/stream-index'
import {
  openStreamIndex,
  outcomesOf,
  readStreams,
  type OutcomeBatch,
} from '../../../../electron/core/worker/off-thread'
import { configureWorkers, workerFile } from '../../../../electron/core/worker/run-task'
import { warmCount, warmWorkers } from '../../../../electron/core/worker/warm-workers'
import { workerSettings } from '../../../../electron/core/worker/worker-settings'
import { findInParallel } from '../../../../electron/core/worker/parallel-find'
import { exactNeedle } from '../../../../electron/core/scan/needle-finder'
import { scanLines, type ScannedEvent } from '../../../../electron/core/scan/scan-lines'
import type { ReadOutcome } from '../../../../electron/core/worker/worker-protocol'
import { builtStreamWorker } from '../../../support/built-worker'
import { naiveStates } from '../../../support/naive-replay'
import { jsonLines, writeStream } from '../../../support/store-files'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

afterEach(() => configureWorkers({}))

const events = Array.from({ length: 1500 }, (_, i) => ({
  event_type: i % 3 === 0 ? 'ItemAdded' : 'ItemRenamed',
  event_id: `e${i}`,
  aggregate_id: 's1',
  occurred_at: `2026-03-01T09:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}+00:00`,
  name: `item ${i}`,
  tags: { [`t${i % 7}`]: i, gone: i % 5 === 0 ? null : true },
}))
const payloads = events.map(
  ({ event_type: _t, event_id: _i, aggregate_id: _a, occurred_at: _o, ...payload }) => payload,
)

async function streamWithDamage(): Promise<string> {
  const dir = await tempDir()
  const lines = jsonLines(events).split('\n')
  lines.splice(10, 0, '{"event_type": "Broken", oops')
  await writeStream(dir, 's1', lines.join('\n'))
  return join(dir, 's1.events.jsonl')
}

/** What one plain pass over `file` matches, and the style the parallel searches are given. */
async function onePass(
  file: string,
  needles: ReturnType<typeof exactNeedle>[][],
  test: (event: ScannedEvent) => boolean,
): Promise<{ sequential: ScannedEvent[]; style: NonNullable<ScannedEvent['style']> }> {
  const sequential: ScannedEvent[] = []
  await scanLines(file, 's1', { needles, onEvent: (event) => void (test(event) && sequential.push(event)) })
  const style = sequential[0]?.style
  if (!style) throw new Error('no event')
  return { sequential, style }
}

/** Where each match is: its version, line, offset and bytes. */
const placesOf = (events: readonly ScannedEvent[] | null | undefined) =>
  events?.map((event) => [event.version, event.line, event.offset, event.raw])

describe.each([
  [
    'a worker thread',
    async () => configureWorkers({ file: await builtStreamWorker(), minScanBytes: 0, minStreams: 0 }),
  ],
  ['in-process (no built worker)', async () => configureWorkers({ file: null })],
])('reading off the main thread on %s', (_name, setUp) => {
  it('given a stream with a bad line, when searched in ranges on every core, then the matches and versions are those of one pass', async () => {
    await setUp()
    const file = await streamWithDamage()
    const needles = [[exactNeedle('"ItemAdded"')]]
    const test = (event: ScannedEvent) => event.envelope.type === 'ItemAdded'
    const { sequential, style } = await onePass(file, needles, test)
    const parallel = await findInParallel(file, 3, { aggregateId: 's1', style, needles, test })
    expect(placesOf(parallel)).toEqual(placesOf(sequential))
  })

  it('given the main thread searching beside the workers, when a stream is searched in pieces, then the matches and versions are those of one pass', async () => {
    await setUp()
    configureWorkers({ ...workerSettings(), mainThreadSearches: true })
    const file = await streamWithDamage()
    const needles = [[exactNeedle('"ItemRenamed"')], [exactNeedle('7')]]
    const test = (event: ScannedEvent) => event.envelope.type === 'ItemRenamed' && event.raw.includes('7')
    const { sequential, style } = await onePass(file, needles, test)
    for (const threads of [1, 2, 3]) {
      const parallel = await findInParallel(file, threads, { aggregateId: 's1', style, needles, test })
      expect(placesOf(parallel)).toEqual(placesOf(sequential))
    }
  })

  it('given a worker warmed before the search, when a stream is searched in pieces, then the warm worker runs a task and the versions are those of one pass', async () => {
    await setUp()
    const built = workerFile()
    if (built) warmWorkers(built, 1)
    const file = await streamWithDamage()
    const needles = [[exactNeedle('"ItemAdded"')]]
    const test = (event: ScannedEvent) => event.envelope.type === 'ItemAdded'
    const { sequential, style } = await onePass(file, needles, test)
    const parallel = await findInParallel(file, 2, { aggregateId: 's1', style, needles, test })
    expect(placesOf(parallel)).toEqual(placesOf(sequential))
    // The search took the warm worker (it hangs if the task never reaches it).
    if (built) expect(warmCount(built)).toBe(0)
  })

  it('given a stream with a bad line, when opened, then the index equals an in-process scan and replays the same states', async () => {
    await setUp()
    const file = await streamWithDamage()
    const progress: number[] = []
    const index = await openStreamIndex(file, 's1', { onProgress: (done) => progress.push(done) })
    const direct = await scanStream(file, 's1', { replay: true })
    expect(index.eventCount).toBe(direct.eventCount)
    expect(index.problems).toEqual(direct.problems)
    expect(index.lastEventAt).toBe(direct.lastEventAt)
    expect(index.checkpoints.size).toBe(direct.checkpoints.size)
    expect(index.latestState).toEqual(direct.latestState)
    expect(Object.fromEntries(index.typeCounts)).toEqual(Object.fromEntries(direct.typeCounts))
    const states = naiveStates(payloads)
    for (const version of [0, 1, 511, 512, 513, 1024, 1499, 1500])
      expect((await stateAt(index, version)).state).toEqual(states[version])
    expect(progress.at(-1)).toBeGreaterThan(0)
  })

  it('given an opened stream, when the file grows, then the received index extends by the appended bytes', async () => {
    await setUp()
    const file = await streamWithDamage()
    const index = await openStreamIndex(file, 's1')
    await appendFile(file, jsonLines([{ ...events[0], event_id: 'late', name: 'late' }]))
    expect(await extendStream(index)).toBe(true)
    expect(index.eventCount).toBe(1501)
    expect((await stateAt(index, 1501)).state.name).toBe('late')
  })

  it('given an aborted signal, when a stream is opened, then it rejects with the abort reason', async () => {
    await setUp()
    const file = await streamWithDamage()
    const controller = new AbortController()
    const opening = openStreamIndex(file, 's1', { signal: controller.signal })
    controller.abort(new Error('moved on'))
    await expect(opening).rejects.toThrow('moved on')
  })

  it('given known stamps, when many streams are read, then unchanged files are not read, longer ones are left to the caller to read on and others are read', async () => {
    await setUp()
    const dir = await tempDir()
    await writeStream(dir, 'a', jsonLines([{ event_type: 'A', aggregate_id: 'a' }]))
    await writeStream(dir, 'b', jsonLines([{ event_type: 'B', aggregate_id: 'b' }]))
    const first: ReadOutcome[] = []
    await readStreams(
      { dir, ids: ['a', 'b', 'gone'] },
      { onOutcomes: (batch) => void first.push(...outcomesOf(['a', 'b', 'gone'], batch)) },
    )
    expect(first.map((o) => o.kind)).toEqual(['read', 'read', 'failed'])
    const known = (id: string) => {
      const outcome = first.find((o) => o.aggregateId === id)
      return outcome?.kind === 'read' ? outcome.entry.stamp : null
    }
    // Rewritten in place, longer: same file, so the caller (who holds the cached entry) checks its old bytes.
    await writeFile(join(dir, 'b.events.jsonl'), jsonLines([{ event_type: 'B' }, { event_type: 'B2' }]))
    await writeStream(dir, 'c', jsonLines([{ event_type: 'C' }]))
    const again: ReadOutcome[] = []
    await readStreams(
      { dir, ids: ['a', 'b', 'c'], known: (id) => known(id === 'c' ? 'a' : id) },
      { onOutcomes: (batch) => void again.push(...outcomesOf(['a', 'b', 'c'], batch)) },
    )
    expect(again.map((o) => o.kind)).toEqual(['unchanged', 'grown', 'read'])
    expect(again[2]?.kind === 'read' && again[2].entry.reading.eventCount).toBe(1)
  })

  it('given a link and a folder named like streams and nothing cached, when read, then the link is reported, not followed, and the folder is no stream', async () => {
    await setUp()
    const dir = await tempDir()
    await writeStream(dir, 'a', jsonLines([{ event_type: 'A', aggregate_id: 'a' }]))
    await symlink(join(dir, 'a.events.jsonl'), join(dir, 'l.events.jsonl'))
    await mkdir(join(dir, 'f.events.jsonl'))
    const outcomes: ReadOutcome[] = []
    await readStreams(
      { dir, ids: ['a', 'f', 'l'] },
      { onOutcomes: (batch) => void outcomes.push(...outcomesOf(['a', 'f', 'l'], batch)) },
    )
    expect(outcomes.map((o) => [o.aggregateId, o.kind])).toEqual([
      ['a', 'read'],
      ['f', 'not-file'],
      ['l', 'link'],
    ])
  })

  it('given a taker slower than the reader, when many streams are read, then every outcome arrives once, in order, and reading ends after the last batch is taken in', async () => {
    await setUp()
    const dir = await tempDir()
    const ids = Array.from({ length: 450 }, (_, i) => `s${String(i).padStart(3, '0')}`)
    for (const id of ids) await writeStream(dir, id, jsonLines([{ event_type: 'A', aggregate_id: id }]))
    const taken: string[] = []
    let taking = 0
    let overlapped = false

    await readStreams(
      { dir, ids },
      {
        onOutcomes: async (batch) => {
          overlapped ||= taking > 0
          taking++
          await new Promise((resolve) => setTimeout(resolve, 5))
          taken.push(...outcomesOf(ids, batch).map((outcome) => outcome.aggregateId))
          taking--
        },
      },
    )

    expect(taken).toEqual(ids)
    expect(overlapped).toBe(false)
    expect(taking).toBe(0)
  })
})

describe('reading a big store on every core', () => {
  it('given a store cut into two parts on two threads, when its streams are read, then every outcome arrives once, progress reaches the total, and the stamps spare them all the next time', async () => {
    configureWorkers({
      file: await builtStreamWorker(),
      minStreams: 0,
      scanThreads: 2,
      minStreamsPerThread: 100,
    })
    const dir = await tempDir()
    const ids = Array.from({ length: 300 }, (_, i) => `s${String(i).padStart(3, '0')}`)
    for (const id of ids) await writeStream(dir, id, jsonLines([{ event_type: 'A', aggregate_id: id }]))
    const first: ReadOutcome[] = []
    let progress = 0
    await readStreams(
      { dir, ids },
      {
        onOutcomes: (batch) => void first.push(...outcomesOf(ids, batch)),
        onProgress: (done, total) => {
          expect(total).toBe(300)
          progress = Math.max(progress, done)
        },
      },
    )
    expect(first.map((outcome) => outcome.aggregateId).sort()).toEqual(ids)
    expect(first.every((outcome) => outcome.kind === 'read')).toBe(true)
    expect(progress).toBe(300)
    const stamps = new Map(first.map((o) => [o.aggregateId, o.kind === 'read' ? o.entry.stamp : null]))
    const again: ReadOutcome[] = []
    await readStreams(
      { dir, ids, known: (id) => stamps.get(id) ?? null },
      { onOutcomes: (batch) => void again.push(...outcomesOf(ids, batch)) },
    )
    expect(again.map((outcome) => outcome.aggregateId).sort()).toEqual(ids)
    expect(again.every((outcome) => outcome.kind === 'unchanged')).toBe(true)
  })

  it('given every stream as known, when a store is read again on two threads, then its batches name no stream and cover every position once', async () => {
    configureWorkers({
      file: await builtStreamWorker(),
      minStreams: 0,
      scanThreads: 2,
      minStreamsPerThread: 100,
    })
    const dir = await tempDir()
    const ids = Array.from({ length: 300 }, (_, i) => `s${String(i).padStart(3, '0')}`)
    for (const id of ids) await writeStream(dir, id, jsonLines([{ event_type: 'A', aggregate_id: id }]))
    const stamps = new Map<string, ReadOutcome>()
    await readStreams(
      { dir, ids },
      { onOutcomes: (batch) => outcomesOf(ids, batch).forEach((o) => stamps.set(o.aggregateId, o)) },
    )
    const batches: OutcomeBatch[] = []
    await readStreams(
      {
        dir,
        ids,
        known: (id) => {
          const outcome = stamps.get(id)
          return outcome?.kind === 'read' ? outcome.entry.stamp : null
        },
      },
      { onOutcomes: (batch) => void batches.push(batch) },
    )
    expect(batches.flatMap((batch) => batch.outcomes)).toEqual([])
    const covered = batches.flatMap((batch) => ids.slice(batch.from, batch.to))
    expect(covered.sort()).toEqual(ids)
  })
})

describe('where the worker is looked for', () => {
  it('given the TS sources (no built worker next to them), when asked, then there is none and reading stays in-process', () => {
    configureWorkers({})
    expect(workerFile()).toBeNull()
  })

  it('given a worker script that cannot start, when a stream is opened, then it is read in-process instead', async () => {
    const file = await streamWithDamage()
    configureWorkers({ file: join(file, '..', 'no-such-worker.js'), minScanBytes: 0 })
    const index = await openStreamIndex(file, 's1')
    expect(index.eventCount).toBe(1500)
  })
})
