// The sandbox's limits hold whatever the code does: every escape in test/fixtures/hostile-code.ts, run
// as a reducer and (a few) as a projection through the host's API, stops at its event with the right
// kind of failure, within a bound, while the calling thread keeps running.

import { describe, expect, it } from 'vitest'
import type { CodeFile } from '../../../electron/core/reducers/code-files'
import { SandboxedReducer } from '../../../electron/core/reducers/sandboxed-reducer'
import { runProjection } from '../../../electron/core/projections/run-projection'
import { StepFailure, type ReplayEvent } from '../../../electron/core/replay/reducer'
import { SandboxError } from '../../../electron/core/sandbox/sandbox-error'
import {
  hostileEvents,
  hostileProjectionSource,
  hostileReducers,
  hostileReducerSource,
  writeHostileStore,
} from '../../fixtures/hostile-code'
import { useTempDirs } from '../../support/temp-dir'

const tempDir = useTempDirs()

/** Generous for a loaded machine: the limits are 100 ms a call, 1 s to load, 2x + 0.5 s to be stopped. */
const boundMs = 30_000

const events: ReplayEvent[] = Array.from({ length: hostileEvents }, (_, i) => ({
  version: i + 1,
  type: 'Tick',
  occurredAt: null,
  id: `e${i + 1}`,
  payload: { i },
  metadata: null,
}))

/** The longest the calling thread's event loop went without running a timer while `work` ran. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ value: T; stallMs: number; ms: number }> {
  let last = Date.now()
  let stallMs = 0
  const timer = setInterval(() => {
    const now = Date.now()
    stallMs = Math.max(stallMs, now - last)
    last = now
  }, 5)
  const began = Date.now()
  try {
    const value = await work()
    return { value, stallMs: Math.max(stallMs, Date.now() - last), ms: Date.now() - began }
  } finally {
    clearInterval(timer)
  }
}

async function foldAll(reducer: SandboxedReducer): Promise<unknown> {
  return reducer
    .fold(reducer.initialState(), async (cursor) => {
      await cursor.stepAll(events)
      return cursor.state()
    })
    .catch((error: unknown) => error)
}

describe('given a reducer that tries to outrun the sandbox', () => {
  it.each(hostileReducers.map((hostile) => [hostile.what, hostile] as const))(
    'when it runs %s, then it is stopped with a clear reason within the bound and the caller never stalls',
    async (_what, hostile) => {
      const source = {
        id: hostile.type,
        fileName: `${hostile.type}.js`,
        source: hostileReducerSource(hostile),
      }

      const {
        value: failure,
        stallMs,
        ms,
      } = await longestStall(async () => {
        const loaded = await SandboxedReducer.load(source).catch((error: unknown) => error)
        if (!(loaded instanceof SandboxedReducer)) return loaded
        try {
          return await foldAll(loaded)
        } finally {
          loaded.dispose()
        }
      })

      expect(ms).toBeLessThan(boundMs)
      expect(stallMs).toBeLessThan(2_000)
      if (hostile.fails === 'load') {
        expect(failure).toBeInstanceOf(SandboxError)
        expect((failure as SandboxError).kind).toBe('load')
        expect((failure as SandboxError).message).toMatch(hostile.message)
        return
      }
      expect(failure).toBeInstanceOf(StepFailure)
      const { index, cause } = failure as StepFailure
      expect(index).toBe(2)
      expect(cause).toBeInstanceOf(SandboxError)
      expect(hostile.kinds).toContain((cause as SandboxError).kind)
      expect((cause as SandboxError).message).toMatch(hostile.message)
      expect((cause as SandboxError).message.length).toBeLessThan(200)
    },
    boundMs * 2,
  )

  it(
    'given a reducer stopped by the host, when it is used again, then a new worker answers from the start',
    async () => {
      const hostile = hostileReducers.find((candidate) => candidate.type === 'IndexOf')
      if (!hostile) throw new Error('the fixture lost its IndexOf case')
      const reducer = await SandboxedReducer.load({
        id: 'i',
        fileName: 'IndexOf.js',
        source: hostileReducerSource(hostile),
      })
      try {
        expect(await foldAll(reducer)).toBeInstanceOf(StepFailure)

        const state = await reducer.fold(reducer.initialState(), async (cursor) => {
          await cursor.stepAll(events.slice(0, 2))
          return cursor.state()
        })

        expect(state).toEqual({ n: 2 })
      } finally {
        reducer.dispose()
      }
    },
    boundMs * 2,
  )
})

describe('given a reducer whose worker is let go while idle', () => {
  it(
    'when a fold goes on after the worker was let go, then a new worker takes it up where it was',
    async () => {
      const reducer = await SandboxedReducer.load({
        id: 'count',
        fileName: 'count.js',
        source:
          'export function initialState() { return { n: 0 } }\nexport function evolve(s, e) { return { n: s.n + e.payload.i } }\n',
        idleMs: 50,
      })
      try {
        const state = await reducer.fold(reducer.initialState(), async (cursor) => {
          await cursor.stepAll(events.slice(0, 3))
          const began = Date.now()
          while (reducer.running && Date.now() - began < boundMs) await new Promise((r) => setTimeout(r, 10))
          expect(reducer.running).toBe(false)
          await cursor.stepAll(events.slice(3))
          return cursor.state()
        })

        expect(state).toEqual({ n: 0 + 1 + 2 + 3 + 4 })
      } finally {
        reducer.dispose()
      }
    },
    boundMs * 2,
  )
})

describe('given a projection that tries to outrun the sandbox', () => {
  const projections: [string, string, string][] = [
    [
      'a thrown Proxy whose every trap loops',
      'throw new Proxy({}, { getOwnPropertyDescriptor() { for (;;) {} }, getPrototypeOf() { for (;;) {} } })',
      'timeout',
    ],
    [
      'a loop pushing 1 MiB strings',
      'const keep = []; for (;;) keep.push("x".repeat(1 << 20) + keep.length)',
      'memory|timeout',
    ],
    ['indexOf over a 2^40-long array-like', '[].indexOf.call({ length: 2 ** 40 }, 1)', 'timeout'],
    [
      'one 1 GiB ArrayBuffer (out of memory inside a batch, which loses the state)',
      'return { size: new ArrayBuffer(2 ** 30).byteLength }',
      'memory',
    ],
    [
      'an Error whose stack getter loops',
      'const e = new Error("nope"); Object.defineProperty(e, "stack", { get() { for (;;) {} } }); throw e',
      'threw',
    ],
  ]

  it.each(projections)(
    'when a handler runs %s, then the run ends with that event named, within the bound',
    async (_what, code, kinds) => {
      const dir = await tempDir()
      writeHostileStore(dir, hostileReducers.slice(0, 1))
      const source = hostileProjectionSource(code)
      const file: CodeFile = {
        file: `${dir}/p.js`,
        fileName: 'p.js',
        source,
        id: 'p',
        mtimeMs: 0,
        size: source.length,
      }

      const {
        value: outcome,
        stallMs,
        ms,
      } = await longestStall(() => runProjection(dir, { kind: 'custom', code: file }))

      expect(ms).toBeLessThan(boundMs)
      expect(stallMs).toBeLessThan(2_000)
      expect(outcome.result).toBeNull()
      expect(outcome.failure?.kind).toMatch(new RegExp(`^(${kinds})$`))
      expect(outcome.failure?.version).toBe(3)
    },
    boundMs * 2,
  )
})
