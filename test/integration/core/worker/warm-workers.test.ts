// Worker threads started before their task (warm-workers.ts): a stat run on them gives what a stat
// on threads started for it gives, each warm thread is used once, and one that died while waiting is
// never handed a task. An app's session keeps them warm; a one-shot command's does not.

import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import { statStreams, type StatBatch } from '../../../../electron/core/worker/off-thread'
import { configureWorkers } from '../../../../electron/core/worker/run-task'
import {
  coolWorkers,
  takeWarmWorker,
  warmCount,
  warmWorkers,
} from '../../../../electron/core/worker/warm-workers'
import { statWidth } from '../../../../electron/core/worker/worker-protocol'
import { builtStreamWorker } from '../../../support/built-worker'
import { writeStream } from '../../../support/store-files'
import { useTempDirs } from '../../../support/temp-dir'
import { until } from '../../../support/until'

const tempDir = useTempDirs()

afterEach(async () => {
  configureWorkers({})
  await coolWorkers()
})

// Every stream's size as the stat found it, by id.
async function sizes(dir: string, ids: string[]): Promise<Record<string, number>> {
  const batches: StatBatch[] = []
  await statStreams(dir, ids, { onStats: (batch) => void batches.push(batch) })
  const found: Record<string, number> = {}
  for (const batch of batches)
    for (let i = batch.from; i < batch.to; i++) {
      expect(found[ids[i] as string]).toBeUndefined()
      found[ids[i] as string] = batch.columns[(i - batch.from) * statWidth] as number
    }
  return found
}

describe('warm stream workers', () => {
  it('given two threads warmed before the stat, when a store is stat-ed on two threads, then both warm threads are taken and every stream comes back once with its size', async () => {
    const file = await builtStreamWorker()
    configureWorkers({ file, minStreams: 0, minStreamsPerThread: 2, scanThreads: 2 })
    const dir = await tempDir()
    const ids = ['a', 'b', 'c', 'd', 'e']
    for (const [i, id] of ids.entries()) await writeStream(dir, id, 'x'.repeat(i + 1))
    const cold = await sizes(dir, ids)
    expect(cold).toEqual({ a: 1, b: 2, c: 3, d: 4, e: 5 })

    warmWorkers(file, 2)
    expect(warmCount(file)).toBe(2)
    expect(await sizes(dir, ids)).toEqual(cold)
    expect(warmCount(file)).toBe(0)
  })

  it('given a warm thread that died while waiting, when a thread is asked for, then it is not handed out', async () => {
    const dir = await tempDir()
    const dies = join(dir, 'dies.js')
    await writeFile(dies, 'process.exit(3)\n')
    warmWorkers(dies, 1)
    expect(warmCount(dies)).toBe(1)
    // Gone from the waiting threads once its exit is seen.
    await until(() => warmCount(dies) === 0, 'the dead warm thread forgotten')
    expect(takeWarmWorker(dies)).toBeNull()
  })

  it("given an app's session (it watches), when it starts and when a store it opened was read through on the threads, then as many threads as a stat uses wait warm again", async () => {
    const file = await builtStreamWorker()
    configureWorkers({ file, minStreams: 0, minStreamsPerThread: 2, scanThreads: 2 })
    const dir = await tempDir()
    for (const id of ['a', 'b', 'c', 'd', 'e']) await writeStream(dir, id, '{"event_type": "X"}\n')

    const oneShot = new ExplorerSession()
    expect(warmCount(file)).toBe(0)
    await oneShot.open(dir)
    oneShot.close()
    await coolWorkers()

    const app = new ExplorerSession({ watch: true })
    try {
      expect(warmCount(file)).toBe(2)
      await app.open(dir)
      await app.whenReconciled()
      // The reading took the warm threads (the cache knows nothing of this store: read whole).
      await until(() => warmCount(file) === 2, 'the threads warmed again after the reading')
    } finally {
      app.close()
    }
  })
})
