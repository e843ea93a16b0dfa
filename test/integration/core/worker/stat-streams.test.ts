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

  it("given the ids also as their NUL-joined bytes (a snapshot's listing text), when stat-ed, then each part gets the same ids as from the list; bytes that do not hold exactly those ids are not used", async () => {
    await setUp()
    const dir = await tempDir()
    const ids = Array.from({ length: 9 }, (_, i) => `s${i}-${'x'.repeat(i)}`)
    for (const id of ids.filter((_, i) => i % 3 !== 2)) await writeStream(dir, id, '{"event_type": "X"}\n')
    const statsOf = async (joined?: Buffer) => {
      const seen = new Map<string, number[]>()
      let reports = 0
      await statStreams(dir, ids, {
        joined,
        onStats: (batch) => {
          for (let i = batch.from; i < batch.to; i++) {
            const at = (i - batch.from) * statWidth
            reports++
            seen.set(ids[i] as string, Array.from(batch.columns.subarray(at, at + statWidth)))
          }
        },
      })
      // Each stream once, and no more streams than asked.
      expect(reports).toBe(ids.length)
      return ids.map((id) => seen.get(id))
    }
    const plain = await statsOf()
    expect(plain.filter((numbers) => numbers?.[5] === StatKind.file)).toHaveLength(6)
    expect(await statsOf(Buffer.from(ids.join('\u0000')))).toEqual(plain)
    // Another length, other ends, other characters: the ids are joined as without bytes.
    for (const other of [
      ids.slice(1).join('\u0000'),
      ['t0', ...ids.slice(1)].join('\u0000'),
      ['t0-', ...ids.slice(1)].join('\u0000'),
      [...ids.slice(0, -1), 's8-xxxxxxxy'].join('\u0000'),
      ['é', ...ids.slice(1)].join('\u0000'),
    ])
      expect(await statsOf(Buffer.from(other))).toEqual(plain)
  })
})
