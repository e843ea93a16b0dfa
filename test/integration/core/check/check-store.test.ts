// checkStore over a store with planted violations, on worker shards and in-process alike: the same
// first violations, custom-reducer types checked on this side, progress to the end, and cancel.

import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { checkStore, type CheckReport } from '../../../../electron/core/check/check-store'
import { compileInvariant } from '../../../../electron/core/check/invariants'
import { loadStoreReducers } from '../../../../electron/core/check/store-reducers'
import { configureWorkers } from '../../../../electron/core/worker/run-task'
import { builtStreamWorker } from '../../../support/built-worker'
import { planted, plantedInvariant, writePlantedStore } from '../../../support/planted-store'
import { jsonLines, writeStream } from '../../../support/store-files'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()
afterEach(() => configureWorkers({}))

const invariants = [
  compileInvariant({ name: 'no overdraft', expression: plantedInvariant, types: ['Account'] }),
  compileInvariant({ name: 'total', expression: 'not exists(state.total) or state.total >= 0', types: [] }),
  compileInvariant({ name: 'orders', expression: 'not to(state.status, "shipped")', types: ['Order'] }),
]

async function run(dir: string, trusted: boolean, onProgress?: (done: number, total: number) => void) {
  const reducers = await loadStoreReducers(dir, trusted)
  try {
    return await checkStore(dir, invariants, reducers.forType, {
      customTypes: [...reducers.custom.keys()],
      ...(onProgress ? { onProgress } : {}),
    })
  } finally {
    reducers.dispose()
  }
}

const summary = (report: CheckReport) => ({
  aggregates: report.aggregates,
  events: report.events,
  violations: report.violations.map((v) => [
    v.aggregateId,
    v.invariant,
    v.version,
    v.before,
    v.after,
    v.event.raw,
  ]),
})

describe('checkStore', () => {
  it.each([false, true])(
    'given planted violations (store reducer trusted: %s), when checked on worker shards, then the answer is the in-process one',
    async (trusted) => {
      const dir = await tempDir()
      await writePlantedStore(dir)
      configureWorkers({ file: null })
      const inProcess = await run(dir, trusted)
      configureWorkers({ file: await builtStreamWorker(), minStreams: 2, minScanBytes: 0 })
      const progress: number[][] = []
      const sharded = await run(dir, trusted, (done, total) => progress.push([done, total]))
      expect(summary(sharded)).toEqual(summary(inProcess))
      const byAggregate = sharded.violations.map((v) => `${v.aggregateId}#${v.invariant}@${v.version}`)
      expect(byAggregate).toEqual(
        // Under the store reducer the state is {total}: no balance to overdraw, the total breaks.
        trusted
          ? ['acc-1#1@600', 'acc-3#1@3', 'ord-1#2@3']
          : [`acc-1#0@${planted['acc-1']}`, `acc-3#0@${planted['acc-3']}`, 'ord-1#2@3'],
      )
      const [done, total] = progress.at(-1) ?? []
      expect(done).toBe(total)
    },
  )

  it('given a check on shards, when it is cancelled, then it stops with the signal', async () => {
    const dir = await tempDir()
    await writePlantedStore(dir)
    configureWorkers({ file: await builtStreamWorker(), minStreams: 2, minScanBytes: 0 })
    const controller = new AbortController()
    controller.abort(new Error('stop'))
    await expect(
      checkStore(
        dir,
        invariants,
        () => {
          throw new Error('not reached')
        },
        { signal: controller.signal },
      ),
    ).rejects.toThrow('stop')
  })

  it('given a store reducer that fails in its second chunk of events, when checked, then every version before it was checked and the failure is exact', async () => {
    const dir = await tempDir()
    const events = Array.from({ length: 2500 }, (_, at) => ({ event_type: 'CounterBumped', n: at + 1 }))
    await writeStream(dir, 'c-1', jsonLines(events))
    await mkdir(join(dir, '.eventscope', 'reducers'), { recursive: true })
    await writeFile(
      join(dir, '.eventscope', 'reducers', 'Counter.js'),
      'export function initialState() { return { n: 0 } }\nexport function evolve(s, e) { if (e.version === 1500) throw new Error("boom"); return { n: e.payload.n } }\n',
    )
    const reducers = await loadStoreReducers(dir, true)
    try {
      const report = await checkStore(
        dir,
        [compileInvariant({ name: 'n', expression: 'state.n != 1499 and state.n != 7', types: [] })],
        reducers.forType,
      )
      expect(report.violations.map((v) => v.version)).toEqual([7])
      const second = await checkStore(
        dir,
        [compileInvariant({ name: 'n', expression: 'state.n != 1499', types: [] })],
        reducers.forType,
      )
      expect(second.violations.map((v) => [v.version, v.before, v.after])).toEqual([
        [1499, { n: 1498 }, { n: 1499 }],
      ])
      expect(second.failures).toEqual([])
      const whole = await checkStore(
        dir,
        [compileInvariant({ name: 't', expression: 'true', types: [] })],
        reducers.forType,
      )
      expect(whole.events).toBe(1499)
      expect(whole.failures.map((f) => [f.aggregateId, f.failure.version, f.failure.message])).toEqual([
        ['c-1', 1500, 'boom'],
      ])
    } finally {
      reducers.dispose()
    }
  })
})
