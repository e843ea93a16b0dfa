// The sandbox's limits as a user meets them: the built `eventscope state --trust` and `project`, each a
// whole process, given reducers and projections that try to outrun the limits. Each run ends within a
// bound, says why in one line, and never holds more than a bounded amount of memory; Ctrl-C and SIGTERM
// end a long run at once.

import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  hostileId,
  hostileProjectionSource,
  hostileReducers,
  writeHostileStore,
  type HostileReducer,
} from '../../fixtures/hostile-code'
import { cpuSeconds, watchPeakMemory } from '../../support/process-memory'
import { useTempDirs } from '../../support/temp-dir'
import { builtCli, oneLineError, repoRoot, requireBuiltCli } from './run-built-cli'

const tempDir = useTempDirs()

/** Generous for a loaded machine: a call's limit is 100 ms, the host stops it at 2x + 0.5 s. */
const boundMs = 30_000
/** Before: 300 MB after 5.5 s and still growing. Node, the store and the worker take ~150 MB. */
const memoryBound = 400 * 1024 * 1024

interface Run {
  readonly code: number | null
  readonly stderr: string
  readonly ms: number
  /** When the process ended (Date.now()). */
  readonly endedAt: number
  readonly peakBytes: number
}

function runMeasured(
  args: readonly string[],
  signal?: { name: NodeJS.Signals; when: (pid: number) => Promise<void> },
): Promise<Run> {
  requireBuiltCli()
  return new Promise((resolve, reject) => {
    const began = Date.now()
    const child = spawn(process.execPath, [builtCli, ...args], {
      cwd: repoRoot,
      env: { ...process.env, EVENTSCOPE_DEBUG: '' },
    })
    const memory = watchPeakMemory(child.pid ?? 0)
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.stdout.resume()
    child.on('error', reject)
    if (signal) void signal.when(child.pid ?? 0).then(() => child.kill(signal.name))
    child.on('close', (code) => {
      const endedAt = Date.now()
      void memory
        .stop()
        .then((peakBytes) => resolve({ code, stderr, ms: endedAt - began, endedAt, peakBytes }))
    })
  })
}

const pick = (...types: string[]): HostileReducer[] =>
  types.map((type) => {
    const found = hostileReducers.find((hostile) => hostile.type === type)
    if (!found) throw new Error(`no hostile case ${type}`)
    return found
  })

describe('given eventscope state --trust on a store whose reducers try to outrun the sandbox', () => {
  const cases = pick(
    'Getters',
    'ProxyThrown',
    'StackGetter',
    'Strings',
    'IndexOf',
    'AwaitLoop',
    'AwaitIndexOf',
  )

  it.each(cases.map((hostile) => [hostile.what, hostile] as const))(
    'when the reducer runs %s, then the process exits 1 within the bound, in one line, with bounded memory',
    async (_what, hostile) => {
      const dir = await tempDir()
      writeHostileStore(dir, [hostile])

      const run = await runMeasured(['state', dir, hostileId(hostile), '--trust'])

      expect(run.code).toBe(1)
      expect(run.ms).toBeLessThan(boundMs)
      expect(run.peakBytes).toBeLessThan(memoryBound)
      const line = oneLineError({ ...run, stdout: '' })
      if (hostile.fails === 'load')
        expect(line).toMatch(new RegExp(`^eventscope: .*${hostile.type}\\.js cannot be used: `))
      else expect(line).toMatch(/^eventscope: reducer failed at version 3: .*; state shown is version 2$/)
      expect(line).toMatch(new RegExp(hostile.message.source.replace(/^\^|\$$/g, '')))
    },
    boundMs * 2,
  )
})

describe('given eventscope project with a projection that tries to outrun the sandbox', () => {
  it.each([
    [
      'a thrown Proxy whose every trap loops',
      'throw new Proxy({}, { getOwnPropertyDescriptor() { for (;;) {} }, getPrototypeOf() { for (;;) {} } })',
    ],
    [
      'a loop pushing 1 MiB strings',
      'const keep = []; for (;;) keep.push("x".repeat(1 << 20) + keep.length)',
    ],
    ['indexOf over a 2^40-long array-like', '[].indexOf.call({ length: 2 ** 40 }, 1)'],
  ])(
    'when a handler runs %s, then the process exits 1 within the bound naming the event, with bounded memory',
    async (_what, code) => {
      const dir = await tempDir()
      writeHostileStore(dir, pick('Getters'))
      const file = join(dir, 'hostile-projection.js')
      writeFileSync(file, hostileProjectionSource(code))

      const run = await runMeasured(['project', dir, file])

      expect(run.code).toBe(1)
      expect(run.ms).toBeLessThan(boundMs)
      expect(run.peakBytes).toBeLessThan(memoryBound)
      expect(oneLineError({ ...run, stdout: '' })).toMatch(
        /^eventscope: projection failed at getters-1 version 3 \(Tick\): (.*time limit|.*memory)/,
      )
    },
    boundMs * 2,
  )
})

describe('given a long, well-behaved reducer run', () => {
  // 20 ms an event over 5,000 events: 100 s if nothing stops it. Well inside the sandbox's 100 ms an
  // event, which is wall time: at 50 ms an event, a worker descheduled for 50 ms on a loaded machine
  // hit the limit and the run failed (exit 1) before the signal came.
  const slow = `export function initialState() { return { n: 0 } }
export function evolve(state) { const end = Date.now() + 20; while (Date.now() < end) {} return { n: state.n + 1 } }
`
  async function slowStore(): Promise<{ dir: string; reducer: string }> {
    const dir = await tempDir()
    const lines = Array.from(
      { length: 5000 },
      (_, i) =>
        `${JSON.stringify({ event_id: `e${i}`, event_type: 'Tick', aggregate_id: 'slow-1', occurred_at: '2026-01-01T00:00:00', i })}\n`,
    )
    writeFileSync(join(dir, 'slow-1.events.jsonl'), lines.join(''))
    writeFileSync(
      join(dir, 'index.json'),
      JSON.stringify({
        aggregates: { 'slow-1': { event_count: 5000, last_event_at: '2026-01-01T00:00:00' } },
        total_events: 5000,
      }),
    )
    const reducer = join(dir, 'slow.js')
    writeFileSync(reducer, slow)
    return { dir, reducer }
  }

  // Signal once the reducer is surely running: the process has used a second of CPU (start-up takes a
  // fraction of that). Where the system does not say, after a pause.
  async function whenBusy(pid: number): Promise<void> {
    const began = Date.now()
    for (;;) {
      const used = await cpuSeconds(pid)
      if (used === null) return new Promise((resolve) => setTimeout(resolve, 3_000))
      if (used >= 1 || Date.now() - began > 60_000) return
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    'when %s arrives while the reducer runs, then the process exits %i at once',
    async (name, code) => {
      const { dir, reducer } = await slowStore()
      let signalledAt = 0

      const run = await runMeasured(['state', dir, 'slow-1', '--reducer', reducer], {
        name,
        when: async (pid) => {
          await whenBusy(pid)
          signalledAt = Date.now()
        },
      })

      expect(run.code).toBe(code)
      expect(run.stderr).toBe('eventscope: state cancelled\n')
      // At once: the reducer had ~95 s to go; generous for a loaded machine.
      expect(run.endedAt - signalledAt).toBeLessThan(10_000)
    },
    120_000,
  )
})
