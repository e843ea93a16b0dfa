// A whole-store answer leaves out the lines that hold no event, and says which: search counts those
// that might have matched (they hold the query's bytes, or a correlation id's), a projection and a
// check every one. The same answer on
// every path a stream is searched by: one pass, a pass trusting a known count, and pieces on threads.

import { afterEach, describe, expect, it } from 'vitest'
import { checkStore } from '../../../../electron/core/check/check-store'
import { compileInvariant } from '../../../../electron/core/check/invariants'
import type { CodeFile } from '../../../../electron/core/reducers/code-files'
import { mergePatchReducer } from '../../../../electron/core/replay/reducer'
import { runProjection } from '../../../../electron/core/projections/run-projection'
import { LinesLeftOut } from '../../../../electron/core/scan/lines-left-out'
import { listCorrelated } from '../../../../electron/core/search/correlation'
import { searchStore } from '../../../../electron/core/search/run-search'
import { configureWorkers } from '../../../../electron/core/worker/run-task'
import { builtStreamWorker } from '../../../support/built-worker'
import { jsonLines, writeStream } from '../../../support/store-files'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()
afterEach(() => configureWorkers({}))

const eventsOf = (id: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    event_type: i % 3 === 0 ? 'ItemAdded' : 'ItemRenamed',
    event_id: `${id}-${i}`,
    aggregate_id: id,
    occurred_at: `2026-03-01T09:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}+00:00`,
    name: `item ${i}`,
  }))

/** Each stream's lines with damaged ones put in at given lines; what a reader must leave out of each. */
interface Damage {
  readonly line: number
  readonly text: string
  /** It holds the bytes of the query `ItemAdded`. */
  readonly holdsNeedle: boolean
}

const damageOf: Record<string, readonly Damage[]> = {
  // Sorted first: its damage is what the answer names first.
  a0: [
    { line: 4, text: '["ItemAdded"]', holdsNeedle: true },
    { line: 9, text: '', holdsNeedle: false },
  ],
  b1: [
    { line: 2, text: '{"event_type": "Broken", oops', holdsNeedle: false },
    { line: 11, text: '{"event_type": "ItemAdded", oops', holdsNeedle: true },
    { line: 700, text: '{"event_type": "ItemAdded" "name": 1}', holdsNeedle: true },
  ],
  c2: [],
}
const counts: Record<string, number> = { a0: 40, b1: 1500, c2: 25 }

async function damagedStore(): Promise<string> {
  const dir = await tempDir()
  for (const [id, damage] of Object.entries(damageOf)) {
    const lines = jsonLines(eventsOf(id, counts[id] as number))
      .trimEnd()
      .split('\n')
    for (const { line, text } of damage) lines.splice(line - 1, 0, text)
    await writeStream(dir, id, `${lines.join('\n')}\n`)
  }
  return dir
}

const expected = (only: (damage: Damage) => boolean) => {
  const streams = Object.entries(damageOf).filter(([, damage]) => damage.some(only))
  const [firstId, firstDamage] = streams[0] as [string, readonly Damage[]]
  return {
    lines: streams.reduce((sum, [, damage]) => sum + damage.filter(only).length, 0),
    streams: streams.length,
    first: { aggregateId: firstId, line: (firstDamage.find(only) as Damage).line },
  }
}
const placeOf = (leftOut: Awaited<ReturnType<typeof searchStore>>['leftOut']) => ({
  lines: leftOut.lines,
  streams: leftOut.streams,
  first: leftOut.first && { aggregateId: leftOut.first.aggregateId, line: leftOut.first.line },
})

describe.each([
  ['one pass in-process', () => configureWorkers({ file: null }), false],
  ['one pass trusting the known counts', () => configureWorkers({ file: null }), true],
  [
    'pieces on worker threads',
    async () =>
      configureWorkers({ file: await builtStreamWorker(), minScanBytes: 0, minStreams: 0, scanThreads: 2 }),
    false,
  ],
])('searching a store with damaged lines, %s', (_path, setUp, knowCounts) => {
  const knownCount = knowCounts ? { knownCount: (id: string) => counts[id] ?? null } : {}

  it('given a query with bytes to look for, when searched, then exactly the damaged lines holding them are left out, the first named', async () => {
    await setUp()
    const dir = await damagedStore()
    const result = await searchStore(dir, { eventTypes: ['ItemAdded'] }, knownCount)
    expect(placeOf(result.leftOut)).toEqual(expected((damage) => damage.holdsNeedle))
    expect(result.leftOut.first?.message).toMatch(/JSON/)
    // The matches are whole all the same: every ItemAdded event of every stream.
    const wanted = Object.values(counts).reduce((sum, count) => sum + Math.ceil(count / 3), 0)
    expect(result.matches).toHaveLength(wanted)
  })

  it('given a query with no bytes to look for, when searched, then every damaged line is left out', async () => {
    await setUp()
    const dir = await damagedStore()
    const result = await searchStore(dir, { since: '2000-01-01T00:00:00Z' }, knownCount)
    expect(placeOf(result.leftOut)).toEqual(expected(() => true))
  })

  it('given a clean store, when searched, then nothing is left out', async () => {
    await setUp()
    const dir = await tempDir()
    await writeStream(dir, 'c2', jsonLines(eventsOf('c2', 30)))
    const result = await searchStore(dir, { eventTypes: ['ItemAdded'] }, knownCount)
    expect(result.leftOut).toEqual({ lines: 0, streams: 0, first: null })
  })
})

describe('a projection over a store with damaged lines', () => {
  it('given a built-in projection, when run, then every damaged line is reported as left out', async () => {
    const dir = await damagedStore()
    const outcome = await runProjection(dir, { kind: 'builtin', name: 'events-per-type' })
    expect(placeOf(outcome.leftOut)).toEqual(expected(() => true))
    expect(outcome.events).toBe(Object.values(counts).reduce((sum, count) => sum + count, 0))
  })

  it('given a custom projection, when run in time order, then every damaged line is reported as left out', async () => {
    const dir = await damagedStore()
    const source = `export function initialState() {
  return 0
}
export const handlers = { ItemAdded: (count) => count + 1 }
`
    const code: CodeFile = {
      file: `${dir}/count.js`,
      fileName: 'count.js',
      source,
      id: 'count',
      mtimeMs: 0,
      size: source.length,
    }
    const outcome = await runProjection(dir, { kind: 'custom', code })
    expect(outcome.failure).toBeNull()
    expect(outcome.result).toBe(Object.values(counts).reduce((sum, count) => sum + Math.ceil(count / 3), 0))
    expect(placeOf(outcome.leftOut)).toEqual(expected(() => true))
  })
})

const invariantOf = (expression: string) => compileInvariant({ name: expression, expression, types: [] })

describe('an invariant check over a store with damaged lines', () => {
  it.each([
    ['in-process', () => configureWorkers({ file: null })],
    [
      'in shards on worker threads',
      async () => configureWorkers({ file: await builtStreamWorker(), minScanBytes: 0, minStreams: 0 }),
    ],
  ])(
    'given an invariant that holds, when checked %s, then every damaged line is reported as left out',
    async (_path, setUp) => {
      await setUp()
      const dir = await damagedStore()
      const report = await checkStore(dir, [invariantOf('true')], () => mergePatchReducer)
      expect(report.violations).toEqual([])
      expect(placeOf(report.leftOut)).toEqual(expected(() => true))
    },
  )
})

describe('following a correlation over a store with damaged lines', () => {
  it('given damaged lines with and without the id, when followed, then only those holding the id are counted as not followed', async () => {
    const dir = await tempDir()
    const event = (id: string, n: number, correlation: string) =>
      JSON.stringify({ event_type: 'E', aggregate_id: id, n, metadata: { correlation_id: correlation } })
    await writeStream(
      dir,
      'x1',
      `${event('x1', 1, 'corr-1')}\n{"metadata": {"correlation_id": "corr-1"} oops\n`,
    )
    await writeStream(dir, 'x2', `${event('x2', 1, 'corr-2')}\nnot json\n${event('x2', 2, 'corr-1')}\n`)
    const leftOut = new LinesLeftOut()
    const events = await listCorrelated(dir, 'corr-1', { leftOut })
    expect(events.map((found) => [found.aggregateId, found.version])).toEqual([
      ['x1', 1],
      ['x2', 2],
    ])
    expect(placeOf(leftOut.summary())).toEqual({
      lines: 1,
      streams: 1,
      first: { aggregateId: 'x1', line: 2 },
    })
  })
})
