// The stat-streams task (stat-task.ts) on a worker thread and in-process: one lstat per stream, the
// numbers as columns, a link reported (never followed), a folder named like a stream told apart, and
// a missing file's error code, every stream once and in order across parts.

import { lstat, mkdir, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { statStreams, type StatBatch } from '../../../../electron/core/worker/off-thread'
import { configureWorkers } from '../../../../electron/core/worker/run-task'
import { StatKind, statWidth } from '../../../../electron/core/worker/worker-protocol'
import { builtStreamWorker } from '../../../support/built-worker'
import { writeStream } from '../../../support/store-files'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

afterEach(() => configureWorkers({}))

describe.each([
  [
    'two worker threads',
    async () =>
      configureWorkers({
        file: await builtStreamWorker(),
        minStreams: 0,
        minStreamsPerThread: 2,
        scanThreads: 2,
      }),
  ],
  ['in-process (no built worker)', async () => configureWorkers({ file: null })],
])('stat-streams on %s', (_name, setUp) => {
  it('given a stream, a link, a folder and a missing file named like streams, when stat-ed, then each comes back once, in order, as what it is', async () => {
    await setUp()
    const dir = await tempDir()
    await writeStream(dir, 'a', '{"event_type": "X"}\n')
    await writeStream(dir, 'b', '{"event_type": "Y"}\n{"event_type": "Z"}\n')
    await symlink(join(dir, 'a.events.jsonl'), join(dir, 'c.events.jsonl'))
    await mkdir(join(dir, 'd.events.jsonl'))
    const ids = ['a', 'b', 'c', 'd', 'e']
    const batches: StatBatch[] = []
    const progress: number[] = []
    await statStreams(dir, ids, {
      onStats: (batch) => void batches.push(batch),
      onProgress: (done) => void progress.push(done),
    })
    const kinds = new Map<string, number>()
    const codes = new Map<string, string>()
    const stats = new Map<string, number[]>()
    for (const batch of batches) {
      expect(batch.columns.length).toBe((batch.to - batch.from) * statWidth)
      for (let i = batch.from; i < batch.to; i++) {
        const id = ids[i] as string
        expect(kinds.has(id)).toBe(false)
        const at = (i - batch.from) * statWidth
        kinds.set(id, batch.columns[at + 5] as number)
        stats.set(id, Array.from(batch.columns.subarray(at, at + 5)))
      }
      for (const [at, code] of batch.failures) codes.set(ids[batch.from + at] as string, code)
    }
    expect(Object.fromEntries(kinds)).toEqual({
      a: StatKind.file,
      b: StatKind.file,
      c: StatKind.link,
      d: StatKind.other,
      e: StatKind.failed,
    })
    expect(Object.fromEntries(codes)).toEqual({ e: 'ENOENT' })
    const info = await lstat(join(dir, 'b.events.jsonl'))
    expect(stats.get('b')).toEqual([info.size, info.mtimeMs, info.ctimeMs, info.ino, info.dev])
    expect(Math.max(...progress)).toBe(ids.length)
  })
})
