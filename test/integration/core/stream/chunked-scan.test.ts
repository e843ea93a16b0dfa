// A stream scanned in chunks on several threads and joined must be the stream scanned in one pass:
// every position, finding, count and the state at every version, key order included, and it must
// extend as a one-pass scan does when the file grows.

import { appendFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { stringifyExact } from '../../../../electron/core/json/big-integers'
import { stateAt } from '../../../../electron/core/replay/replay'
import { planChunks } from '../../../../electron/core/stream/chunked-scan'
import { extendStream, scanStream, type StreamIndex } from '../../../../electron/core/stream/stream-index'
import { openStreamIndex } from '../../../../electron/core/worker/off-thread'
import { scanInParallel } from '../../../../electron/core/worker/parallel-scan'
import { configureWorkers } from '../../../../electron/core/worker/run-task'
import { builtStreamWorker } from '../../../support/built-worker'
import { churnPatch } from '../../../support/json-arbitraries'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs('eventscope-chunked-')
afterEach(() => configureWorkers({}))

/**
 * Everything a reader sees through an index; the state at every version of a short stream, and of a
 * long one at every 7th version, around every 512th and at both ends (chunks keep checkpoints of
 * their own, relative to their start, resolved when asked for).
 */
async function facts(index: StreamIndex) {
  const all = Array.from({ length: index.eventCount + 1 }, (_, v) => v)
  const versions =
    index.eventCount <= 600
      ? all
      : all.filter((v) => v % 7 === 0 || v % 512 <= 1 || v % 512 === 511 || v > index.eventCount - 3)
  return {
    eventCount: index.eventCount,
    positions: all
      .slice(1)
      .map((v) => [index.positions.offsetOf(v), index.positions.lengthOf(v), index.positions.lineOf(v)]),
    problems: index.problems,
    problemCount: index.problemCount,
    errorCount: index.errorCount,
    style: index.style,
    type: index.type,
    firstEventAt: index.firstEventAt,
    lastEventAt: index.lastEventAt,
    typeCounts: Object.fromEntries(index.typeCounts),
    latestOfType: Object.fromEntries(index.latestOfType),
    beyondSafe: index.beyondSafe,
    committed: [index.committedBytes, index.committedLines, index.fileSize],
    latestState: stringifyExact(index.latestState),
    states: await Promise.all(versions.map(async (v) => stringifyExact((await stateAt(index, v)).state))),
  }
}

async function inChunks(file: string, threads: number): Promise<StreamIndex> {
  const index = await scanInParallel(file, 's1', threads)
  if (!index) throw new Error('the stream was not cut into chunks')
  return index
}

const event = (n: number, payload: object, extra: object = {}): string =>
  JSON.stringify({
    event_type: n % 3 === 0 ? 'ItemAdded' : 'ItemRenamed',
    event_id: `e${n}`,
    aggregate_id: 's1',
    occurred_at: `2026-03-01T09:00:${String(n % 60).padStart(2, '0')}Z`,
    ...payload,
    ...extra,
  })

// BOM, CRLF, a bad line, a non-object, blank lines, foreign aggregate ids far apart (so that several
// chunks meet one), an untyped event, multi-byte text, exact literals, a deletion then a set.
function damagedStream(events = 400): string {
  const lines: string[] = []
  for (let n = 1; n <= events; n++) {
    const payload = { name: `item ${n}`, [`k${n % 4}`]: n % 5 === 0 ? null : n, nested: { [`t${n % 3}`]: n } }
    lines.push(event(n, payload, n % 97 === 0 ? { aggregate_id: `other-${n}` } : {}))
    if (n === 1) lines[0] = `\uFEFF${lines[0] as string}`
    if (n === 50) lines.push('oops', '[1]', '', '   ')
    if (n === 120) lines.push('{"aggregate_id":"s1","n":4}')
    if (n === 200)
      lines.push(
        event(n, { big: 18446744073709551616, one: 1.0, city: 'Kraków 東京' }).replace(
          '"one":1',
          '"one":1.0',
        ),
      )
    if (n === 250) lines.push(event(n, { nested: null }), event(n, { nested: { fresh: true } }))
  }
  return lines.map((line, i) => `${line}${i % 7 === 0 ? '\r\n' : '\n'}`).join('')
}

describe('given a damaged stream scanned in chunks in-process', () => {
  it.each([2, 3, 5, 8])(
    'when cut in %i chunks, then the join is the one-pass scan, state at every version included',
    async (threads) => {
      configureWorkers({ file: null })
      const dir = await tempDir()
      const file = join(dir, 's1.events.jsonl')
      await writeFile(file, damagedStream())
      expect((await planChunks(file, threads)).length).toBe(threads)
      expect(await facts(await inChunks(file, threads))).toEqual(
        await facts(await scanStream(file, 's1', { replay: true })),
      )
    },
  )

  it('when the stream is long enough for checkpoints inside each chunk, then each resolves to the state at its version', async () => {
    configureWorkers({ file: null })
    const dir = await tempDir()
    const file = join(dir, 's1.events.jsonl')
    await writeFile(file, damagedStream(4000))
    const joined = await inChunks(file, 3)
    expect(joined.checkpoints.size).toBeGreaterThan(6)
    expect(await facts(joined)).toEqual(await facts(await scanStream(file, 's1', { replay: true })))
  })

  it('when the last line is unterminated (being written), then it is read provisionally and extends like a one-pass scan', async () => {
    configureWorkers({ file: null })
    const dir = await tempDir()
    const file = join(dir, 's1.events.jsonl')
    const torn = event(401, { name: 'half' }).slice(0, 30)
    await writeFile(file, `${damagedStream()}${torn}`)
    const joined = await inChunks(file, 3)
    expect(await facts(joined)).toEqual(await facts(await scanStream(file, 's1', { replay: true })))
    await appendFile(file, `${event(401, { name: 'half' }).slice(30)}\n${event(402, { k1: null, k9: 9 })}\n`)
    expect(await extendStream(joined)).toBe(true)
    expect(await facts(joined)).toEqual(await facts(await scanStream(file, 's1', { replay: true })))
  })
})

describe('given streams of events that delete and set the same keys, with damage between them', () => {
  const line = fc.oneof(
    { arbitrary: churnPatch.map((payload) => ({ payload })), weight: 8 },
    {
      arbitrary: fc.constantFrom('oops', '', '[1]', '{"aggregate_id":"zz","a":1}', '\uFEFF{"x":1}'),
      weight: 1,
    },
  )
  const stream = fc.record({
    lines: fc.array(line, { minLength: 1, maxLength: 60 }),
    nested: fc.boolean(),
    tail: fc.boolean(),
    threads: fc.integer({ min: 2, max: 6 }),
  })

  it('when scanned in chunks, then every fact and the state at every version are the one-pass scan', async () => {
    configureWorkers({ file: null })
    const dir = await tempDir()
    let run = 0
    await fc.assert(
      fc.asyncProperty(stream, async ({ lines, nested, tail, threads }) => {
        const file = join(dir, `s1-${run++}.events.jsonl`)
        const text = lines
          .map((one, n) =>
            typeof one === 'string'
              ? one
              : nested
                ? JSON.stringify({ type: 'Changed', id: `e${n}`, aggregateId: 's1', data: one.payload })
                : event(n, one.payload),
          )
          .join('\n')
        await writeFile(file, tail ? text : `${text}\n`)
        const joined = await scanInParallel(file, 's1', threads)
        const direct = await scanStream(file, 's1', { replay: true })
        // A stream without an event, or without a line feed, is read in one pass: nothing to compare.
        if (joined) expect(await facts(joined)).toEqual(await facts(direct))
      }),
      { numRuns: 150 },
    )
  })
})

describe('given the built worker', () => {
  it('when a stream is opened with two threads, then the chunks are read on workers and join to the one-pass scan', async () => {
    configureWorkers({ file: await builtStreamWorker(), minScanBytes: 0, scanThreads: 2 })
    const dir = await tempDir()
    const file = join(dir, 's1.events.jsonl')
    await writeFile(file, damagedStream())
    const progress: number[] = []
    const index = await openStreamIndex(file, 's1', { onProgress: (done) => progress.push(done) })
    expect(await facts(index)).toEqual(await facts(await scanStream(file, 's1', { replay: true })))
    expect(progress.length).toBeGreaterThan(0)
  })

  it('when the read is cancelled, then it rejects with the reason and no result', async () => {
    configureWorkers({ file: await builtStreamWorker(), minScanBytes: 0, scanThreads: 2 })
    const dir = await tempDir()
    const file = join(dir, 's1.events.jsonl')
    await writeFile(file, damagedStream())
    const stop = new AbortController()
    stop.abort(new Error('stopped by the test'))
    await expect(openStreamIndex(file, 's1', { signal: stop.signal })).rejects.toThrow('stopped by the test')
  })
})
