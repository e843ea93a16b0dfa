// The desktop app's main process never runs store code: the built main bundle, loaded in plain Node with
// a fake `electron` (this machine has no Electron binary), opens a trusted store whose reducers try to
// outrun the sandbox, and through its real IPC handlers asks for their states while asking `app.info`
// again and again on the same thread. Every state answers with its reason; the main thread never
// stalls (before, a reducer ran on it and hung it for good).

import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  hostileId,
  hostileReducers,
  writeHostileStore,
  type HostileReducer,
} from '../../../fixtures/hostile-code'

const root = resolve(import.meta.dirname, '../../../..')
const runner = join(import.meta.dirname, 'fake-electron-runner.cjs')
const mainBundle = join(root, 'out/main/index.js')

const cases = ['Getters', 'ProxyThrown', 'StackGetter', 'Strings', 'IndexOf', 'AwaitLoop'].map(
  (type) => hostileReducers.find((hostile) => hostile.type === type) as HostileReducer,
)

interface Run {
  aggregateId: string
  answer: {
    ok: boolean
    value?: {
      version: number
      failure?: { kind: string; version: number } | null
      reducer: { loadError: string | null }
    }
  }
  ms: number
  stallMs: number
  slowestMs: number
  asked: number
}

describe('the built main bundle on a trusted store whose reducers try to outrun the sandbox', () => {
  let runs: Run[] = []
  let maxRssBytes = 0
  let errors: string[] = []

  beforeAll(async () => {
    if (!existsSync(mainBundle))
      throw new Error(`${mainBundle} is missing: build first with \`npm run build\`.`)
    const store = mkdtempSync(join(tmpdir(), 'eventscope-hostile-'))
    writeHostileStore(store, cases)
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [runner, 'main', mainBundle, mkdtempSync(join(tmpdir(), 'eventscope-userdata-')), store],
      {
        cwd: root,
        timeout: 170_000,
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, EVENTSCOPE_PROBE_SANDBOX: JSON.stringify(cases.map(hostileId)) },
      },
    )
    const marker = stdout.lastIndexOf('@@REPORT@@')
    if (marker < 0) throw new Error(`the runner printed no report:\n${stdout}`)
    const report = JSON.parse(stdout.slice(marker + '@@REPORT@@'.length)) as {
      sandbox?: { runs: Run[]; maxRssBytes: number }
      errors: string[]
    }
    errors = report.errors
    runs = report.sandbox?.runs ?? []
    maxRssBytes = report.sandbox?.maxRssBytes ?? 0
  }, 180_000)

  it('given the probe ran, then the app started without errors and every case was asked', () => {
    expect(errors).toEqual([])
    expect(runs.map((run) => run.aggregateId)).toEqual(cases.map(hostileId))
  })

  it.each(cases.map((hostile) => [hostile.what, hostile] as const))(
    'when a reducer runs %s, then state.at answers with its reason and the main thread keeps answering meanwhile',
    (_what, hostile) => {
      const run = runs.find((candidate) => candidate.aggregateId === hostileId(hostile))
      expect(run?.answer.ok, JSON.stringify(run)).toBe(true)
      // Generous for a loaded machine: the main thread only waits for the worker's answer.
      expect(run?.stallMs).toBeLessThan(2_000)
      expect(run?.slowestMs).toBeLessThan(2_000)
      expect(run?.ms).toBeLessThan(30_000)
      const value = run?.answer.value
      if (hostile.fails === 'load') expect(value?.reducer.loadError).toMatch(hostile.message)
      else {
        expect(value?.version).toBe(2)
        expect(value?.failure?.version).toBe(3)
        expect(hostile.kinds).toContain(value?.failure?.kind)
      }
    },
  )

  it('when every case is over, then the process never held more than a bounded amount of memory', () => {
    // Node, the app and a few sandbox workers (each capped near 80 MB of heap).
    expect(maxRssBytes).toBeGreaterThan(0)
    expect(maxRssBytes).toBeLessThan(600 * 1024 * 1024)
  })
})
