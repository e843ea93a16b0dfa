// Two writers on one aggregate at once: two eventscope processes (the store lock serializes them, and
// takes turns: neither starves), and eventscope beside the seed's own Python writer (no lock there:
// only the lines are promised, not the index).

import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { verifyStore } from '../../../electron/core/verify/verify-store'
import { initStore } from '../../../electron/core/write/init-store'
import { reindexStore } from '../../../electron/core/write/reindex'
import {
  acknowledged,
  killWriter,
  pythonMissingReason,
  startAppendLoop,
  startSeedLoop,
  type Writer,
} from '../../fixtures/writer-process'
import { useTempDirs } from '../../support/temp-dir'

const tempDir = useTempDirs('eventscope-two-writers-')

interface Line {
  readonly event_id: string
  readonly writer: string
  readonly i: number
}

/** Every line of the stream, each of which must be a whole JSON object (no glued or interleaved lines). */
async function streamLines(dir: string): Promise<Line[]> {
  const text = await readFile(join(dir, 'agg.events.jsonl'), 'utf8')
  expect(text.endsWith('\n')).toBe(true)
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as Line)
}

/** The longest run of consecutive events from one writer: how long one writer kept the other out. */
function longestRun(lines: readonly Line[]): number {
  let longest = 0
  let run = 0
  for (let at = 0; at < lines.length; at++) {
    run = at > 0 && lines[at - 1]?.writer === lines[at]?.writer ? run + 1 : 1
    longest = Math.max(longest, run)
  }
  return longest
}

async function finish(writer: Writer): Promise<void> {
  const { code, stderr } = await writer.exited
  expect(stderr).toBe('')
  expect(writer.lines.find((line) => line.error)).toBeUndefined()
  expect(code).toBe(0)
}

describe('given two eventscope processes appending 500 events each to one aggregate at once', () => {
  it('then all 1,000 lines are whole, each writer’s in order, the index counts them, and the writers take turns (no starvation)', async () => {
    const dir = join(await tempDir(), 'store')
    await initStore(dir)
    const writers = await Promise.all(
      ['a', 'b'].map((name) =>
        startAppendLoop(dir, 'agg', [
          '--count',
          '500',
          '--writer',
          name,
          '--seed',
          name === 'a' ? '1' : '2',
          '--go',
        ]),
      ),
    )
    try {
      await Promise.all(writers.map((writer) => writer.ready))
      for (const writer of writers) writer.child.stdin.end('go\n')
      await Promise.all(writers.map(finish))
    } finally {
      await Promise.all(writers.map(killWriter))
    }
    const lines = await streamLines(dir)
    expect(lines).toHaveLength(1000)
    for (const [at, name] of ['a', 'b'].entries()) {
      expect(lines.filter((line) => line.writer === name).map((line) => line.i)).toEqual(
        Array.from({ length: 500 }, (_, i) => i),
      )
      expect(lines.filter((line) => line.writer === name).map((line) => line.event_id)).toEqual(
        acknowledged(writers[at] as Writer),
      )
    }
    expect((await verifyStore(dir)).problems).toEqual([])
    const waits = writers.map((writer) => Math.max(...writer.lines.flatMap((line) => line.waitMs ?? [])))
    const run = longestRun(lines)
    console.log(
      `two eventscope writers: longest run of one writer ${run} events, longest single append ${waits.join(' / ')} ms, done after ${writers.map((writer) => writer.lines.at(-1)?.ms).join(' / ')} ms`,
    )
    // Before the fix the writer that re-locked within microseconds kept the other out: single appends
    // waited 0.5-3 s here (and with slower appends 2-8 s, until the waiter gave up after ~13 s). Now a
    // waiter gets a turn after 200 ms. Counted, not the single longest: a busy machine can stall a process
    // for a second now and then, which makes one slow append, while starvation keeps a writer out again
    // and again.
    for (const writer of writers) {
      const slow = writer.lines.filter((line) => (line.waitMs ?? 0) > 1000).length
      expect(slow, 'appends that waited over 1 s').toBeLessThanOrEqual(10)
    }
    // The wait notes are cleaned up by the writers that left them.
    expect((await readdir(dir)).filter((name) => name.startsWith('.eventscope.lock'))).toEqual([])
    // Every append is locked and fsync'd twice: beside a CI install (load 10) 2,000 of them took over
    // 120 s, so 500 each now, and a limit that only a hang reaches.
  }, 600_000)
})

const noPython = pythonMissingReason()
if (noPython) console.log(`Skipping eventscope + Python writer test: ${noPython}`)

describe.skipIf(noPython !== null)(
  'given eventscope and the seed’s Python EventStore appending to one aggregate at once',
  () => {
    it('then every line of both is whole and parses, both writers’ events are all there in order, and reindex fixes the index the Python writer rewrote unlocked', async () => {
      const dir = join(await tempDir(), 'store')
      await initStore(dir)
      const ours = await startAppendLoop(dir, 'agg', [
        '--count',
        '200',
        '--writer',
        'eventscope',
        '--big',
        '0.05',
        '--go',
      ])
      const seed = startSeedLoop(dir, 'agg', ['--count', '200', '--max-bytes', '60000'])
      try {
        await Promise.all([ours.ready, seed.ready])
        ours.child.stdin.end('go\n')
        await Promise.all([finish(ours), finish(seed)])
      } finally {
        await Promise.all([killWriter(ours), killWriter(seed)])
      }
      // The seed rewrites index.json in place, unlocked; eventscope reads it again when it catches it
      // half-written, so no append of ours is refused (append-loop exits 1 on any refusal).
      const lines = await streamLines(dir)
      expect(lines).toHaveLength(400)
      expect(lines.filter((line) => line.writer === 'eventscope').map((line) => line.event_id)).toEqual(
        acknowledged(ours),
      )
      expect(lines.filter((line) => line.writer === 'python').map((line) => line.event_id)).toEqual(
        acknowledged(seed),
      )
      // Both really ran at once: their lines interleave.
      expect(longestRun(lines)).toBeLessThan(400)
      // What we promise about the index: nothing while the seed rewrites it in place without a lock
      // (lost updates are the seed's behaviour), and that reindex makes it right. Each writer stamps
      // its event before it writes it, so two writers' times may step back: a warning, not damage.
      const expected = (kind: string): boolean => kind.startsWith('index_') || kind === 'time_backwards'
      const before = await verifyStore(dir)
      expect(before.problems.filter((problem) => !expected(problem.kind))).toEqual([])
      await reindexStore(dir)
      const after = await verifyStore(dir)
      expect(after.problems.filter((problem) => problem.kind !== 'time_backwards')).toEqual([])
      expect(after.events).toBe(400)
    }, 120_000)
  },
)

describe.skipIf(noPython !== null)(
  'given the seed’s Python writer appending lines of up to 2 MiB while eventscope appends',
  () => {
    it('then eventscope never takes a line still being written for a torn one: no blank line, no line cut in two', async () => {
      const dir = join(await tempDir(), 'store')
      await initStore(dir)
      const ours = await startAppendLoop(dir, 'agg', ['--count', '300', '--writer', 'eventscope', '--go'])
      const seed = startSeedLoop(dir, 'agg', ['--count', '40', '--max-bytes', '2000000'])
      try {
        await Promise.all([ours.ready, seed.ready])
        ours.child.stdin.end('go\n')
        await Promise.all([finish(ours), finish(seed)])
      } finally {
        await Promise.all([killWriter(ours), killWriter(seed)])
      }
      const text = await readFile(join(dir, 'agg.events.jsonl'), 'utf8')
      expect(text).not.toContain('\n\n')
      const lines = await streamLines(dir)
      expect(lines).toHaveLength(340)
    }, 120_000)
  },
)
