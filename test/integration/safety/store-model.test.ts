// Model-based test (fast-check commands): random sequences of eventscope appends, foreign appends (a
// raw line as the seed writes it, no index update), crashes that cut the last line, reindex, reads
// through a session, JSONL exports and repairs, against a model that is a plain list of lines per
// aggregate and whether its tail is torn. After every command the store must be what the model says.

import { appendFile, readFile, rm, stat, truncate } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Json } from '../../../shared/contract'
import { runExport } from '../../../electron/core/export/run-export'
import { pythonJsonDumps, type PythonJsonValue } from '../../../electron/core/gen/python-json'
import { ExplorerSession } from '../../../electron/core/session/explorer-session'
import { repairStore } from '../../../electron/core/verify/repair-store'
import { verifyStore } from '../../../electron/core/verify/verify-store'
import { appendEvent } from '../../../electron/core/write/append'
import { initStore } from '../../../electron/core/write/init-store'
import { reindexStore } from '../../../electron/core/write/reindex'
import { naiveStates } from '../../support/naive-replay'
import { useTempDirs } from '../../support/temp-dir'

const tempDir = useTempDirs('eventscope-model-')

type Payload = { [key: string]: Json }
type Line =
  { readonly kind: 'event'; readonly payload: Payload; readonly raw: string } | { readonly kind: 'bad' }

interface Model {
  readonly streams: Map<string, { lines: Line[]; torn: boolean }>
  /** True once something wrote a stream without updating index.json; reindex clears it. */
  indexStale: boolean
}

interface Real {
  readonly dir: string
}

const aggregates = ['a', 'b'] as const
const payloadArb: fc.Arbitrary<Payload> = fc.dictionary(
  fc.constantFrom('x', 'y', 'z'),
  fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.constant(null), fc.string({ maxLength: 6 })),
  { maxKeys: 3 },
)

function streamOf(model: Model, aggregateId: string): { lines: Line[]; torn: boolean } {
  let stream = model.streams.get(aggregateId)
  if (!stream) model.streams.set(aggregateId, (stream = { lines: [], torn: false }))
  return stream
}

const eventsOf = (stream: { lines: Line[] }): (Line & { kind: 'event' })[] =>
  stream.lines.filter((line): line is Line & { kind: 'event' } => line.kind === 'event')

/** The store against the model: events, damage (bad lines, torn tail) and, when it should be right, the index. */
async function check(model: Model, real: Real): Promise<void> {
  const report = await verifyStore(real.dir)
  const expected: string[] = []
  let events = 0
  for (const [aggregateId, stream] of model.streams) {
    for (const line of stream.lines) if (line.kind === 'bad') expected.push(`${aggregateId} bad_line`)
    if (stream.torn) expected.push(`${aggregateId} torn_tail`)
    events += eventsOf(stream).length
  }
  const damage = report.problems
    .filter((problem) => !problem.kind.startsWith('index_') && problem.kind !== 'missing_from_index')
    // Foreign lines are stamped by Date, ours by the performance clock: a microsecond step back is no damage.
    .filter((problem) => problem.kind !== 'time_backwards')
    .map((problem) => `${problem.aggregateId} ${problem.kind}`)
  expect(damage.sort()).toEqual(expected.sort())
  expect(report.events).toBe(events)
  if (!model.indexStale)
    expect(
      report.problems.filter(
        (problem) => problem.kind.startsWith('index_') || problem.kind === 'missing_from_index',
      ),
    ).toEqual([])
}

class AppendCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly aggregateId: string,
    readonly payload: Payload,
  ) {}
  check = (): boolean => true
  async run(model: Model, real: Real): Promise<void> {
    const result = await appendEvent({
      dir: real.dir,
      aggregateId: this.aggregateId,
      eventType: 'Changed',
      payload: this.payload,
    })
    const stream = streamOf(model, this.aggregateId)
    // A torn tail is closed with a line feed first (never glued onto): it stays as a bad line.
    if (stream.torn) stream.lines.push({ kind: 'bad' })
    stream.torn = false
    stream.lines.push({ kind: 'event', payload: this.payload, raw: result.line })
    expect(result.version).toBe(eventsOf(stream).length)
    await check(model, real)
  }
  toString = (): string => `append(${this.aggregateId}, ${JSON.stringify(this.payload)})`
}

class ForeignAppendCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly aggregateId: string,
    readonly payload: Payload,
  ) {}
  check = (): boolean => true
  async run(model: Model, real: Real): Promise<void> {
    // The seed's append_event without its index update: open(f, 'a').write(line + '\n').
    const raw = pythonJsonDumps({
      event_id: `foreign-${Math.random().toString(36).slice(2)}`,
      event_type: 'Foreign',
      aggregate_id: this.aggregateId,
      occurred_at: new Date().toISOString().replace('Z', '000+00:00'),
      ...this.payload,
    } as PythonJsonValue)
    await appendFile(join(real.dir, `${this.aggregateId}.events.jsonl`), `${raw}\n`)
    const stream = streamOf(model, this.aggregateId)
    // Glued onto a torn tail, the foreign line is lost in one bad line: the seed's own behaviour.
    if (stream.torn) stream.lines.push({ kind: 'bad' })
    else stream.lines.push({ kind: 'event', payload: this.payload, raw })
    stream.torn = false
    model.indexStale = true
    await check(model, real)
  }
  toString = (): string => `foreign(${this.aggregateId}, ${JSON.stringify(this.payload)})`
}

class CrashCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly aggregateId: string,
    readonly cut: number,
  ) {}
  check(model: Readonly<Model>): boolean {
    const stream = model.streams.get(this.aggregateId)
    return stream !== undefined && !stream.torn && stream.lines.at(-1)?.kind === 'event'
  }
  async run(model: Model, real: Real): Promise<void> {
    const stream = streamOf(model, this.aggregateId)
    const last = stream.lines.pop() as Line & { kind: 'event' }
    const file = join(real.dir, `${this.aggregateId}.events.jsonl`)
    const size = (await stat(file)).size
    const length = Buffer.byteLength(last.raw)
    // Keep 1..length-1 bytes of the line: never its closing brace, so the fragment never parses.
    const keep = 1 + Math.floor(this.cut * (length - 1))
    await truncate(file, size - length - 1 + Math.min(keep, length - 1))
    stream.torn = true
    model.indexStale = true
    await check(model, real)
  }
  toString = (): string => `crash(${this.aggregateId}, ${this.cut.toFixed(2)})`
}

class ReindexCommand implements fc.AsyncCommand<Model, Real> {
  check = (): boolean => true
  async run(model: Model, real: Real): Promise<void> {
    await reindexStore(real.dir)
    model.indexStale = false
    await check(model, real)
    const index = JSON.parse(await readFile(join(real.dir, 'index.json'), 'utf8')) as {
      aggregates: Record<string, { event_count: number }>
      total_events: number
    }
    for (const [aggregateId, stream] of model.streams)
      expect(index.aggregates[aggregateId]?.event_count).toBe(eventsOf(stream).length)
  }
  toString = (): string => 'reindex'
}

class ReadCommand implements fc.AsyncCommand<Model, Real> {
  check = (): boolean => true
  async run(model: Model, real: Real): Promise<void> {
    const session = new ExplorerSession()
    try {
      await session.open(real.dir)
      await session.whenReconciled()
      for (const [aggregateId, stream] of model.streams) {
        const events = eventsOf(stream)
        const info = await session.streamOpen(aggregateId)
        expect(info.eventCount).toBe(events.length)
        const read = await session.eventsRange(aggregateId, 0, events.length + 1)
        expect(read.map((event) => [event.version, event.payload])).toEqual(
          events.map((event, at) => [at + 1, event.payload]),
        )
        const states = naiveStates(events.map((event) => event.payload))
        for (const version of new Set([0, events.length >> 1, events.length]))
          expect((await session.stateAt({ aggregateId, version })).state).toEqual(states[version])
      }
    } finally {
      session.close()
    }
  }
  toString = (): string => 'read'
}

class ExportCommand implements fc.AsyncCommand<Model, Real> {
  check = (): boolean => true
  async run(model: Model, real: Real): Promise<void> {
    const out = join(real.dir, '..', `export-${Math.random().toString(36).slice(2)}.jsonl`)
    try {
      const result = await runExport({ dir: real.dir, format: 'jsonl', out })
      const lines = (await readFile(out, 'utf8')).split('\n').filter((line) => line !== '')
      let bad = 0
      for (const [aggregateId, stream] of model.streams) {
        const mine = lines.filter(
          (line) => (JSON.parse(line) as { aggregate_id: string }).aggregate_id === aggregateId,
        )
        // JSONL export is the original lines, byte for byte, damaged ones left out.
        expect(mine).toEqual(eventsOf(stream).map((event) => event.raw))
        bad += stream.lines.length - eventsOf(stream).length + (stream.torn ? 1 : 0)
      }
      expect(result.skippedLines).toBe(bad)
    } finally {
      await rm(out, { force: true })
    }
  }
  toString = (): string => 'export(jsonl)'
}

class RepairCommand implements fc.AsyncCommand<Model, Real> {
  check = (): boolean => true
  async run(model: Model, real: Real): Promise<void> {
    const report = await repairStore(real.dir, { dryRun: false })
    const torn = [...model.streams].filter(([, stream]) => stream.torn).map(([id]) => id)
    expect(report.actions.map((action) => action.aggregateId).sort()).toEqual(torn.sort())
    for (const stream of model.streams.values()) stream.torn = false
    await check(model, real)
  }
  toString = (): string => 'repair'
}

const commands = [
  fc.tuple(fc.constantFrom(...aggregates), payloadArb).map(([id, payload]) => new AppendCommand(id, payload)),
  fc
    .tuple(fc.constantFrom(...aggregates), payloadArb)
    .map(([id, payload]) => new ForeignAppendCommand(id, payload)),
  fc
    .tuple(fc.constantFrom(...aggregates), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }))
    .map(([id, cut]) => new CrashCommand(id, cut)),
  fc.constant(new ReindexCommand()),
  fc.constant(new ReadCommand()),
  fc.constant(new ExportCommand()),
  fc.constant(new RepairCommand()),
]

describe('given random sequences of appends, foreign appends, crashes, reindex, reads, exports and repairs', () => {
  it('then after every command the store holds exactly the model’s events and damage, and the index is right whenever nothing bypassed it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 25 }), async (sequence) => {
        const dir = join(await tempDir(), 'store')
        await initStore(dir)
        await fc.asyncModelRun(
          () => ({ model: { streams: new Map(), indexStale: false }, real: { dir } }),
          sequence,
        )
      }),
      { numRuns: Number(process.env.EVENTSCOPE_MODEL_RUNS ?? 100) },
    )
  }, 120_000)
})
