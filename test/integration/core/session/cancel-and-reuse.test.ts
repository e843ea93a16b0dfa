import { utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { PushEvent } from '../../../../shared/channels'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import { OpenStore } from '../../../../electron/core/store/open-store'
import { configureWorkers } from '../../../../electron/core/worker/run-task'
import { builtStreamWorker } from '../../../support/built-worker'
import { jsonLines, writeIndex, writeStream } from '../../../support/store-files'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

afterEach(() => configureWorkers({}))

const many = (id: string, count: number) =>
  jsonLines(
    Array.from({ length: count }, (_, i) => ({
      event_type: 'Counted',
      aggregate_id: id,
      occurred_at: `2026-03-01T09:00:00.${String(i).padStart(6, '0')}+00:00`,
      n: i,
    })),
  )

describe.each([
  [
    'on a worker thread',
    async () => configureWorkers({ file: await builtStreamWorker(), minScanBytes: 0, minStreams: 0 }),
  ],
  ['in-process', async () => configureWorkers({ file: null })],
])('ExplorerSession reading %s', (_name, setUp) => {
  it('given a stream being opened, when another aggregate is opened, then the first open is cancelled and the second answers', async () => {
    await setUp()
    const dir = await tempDir()
    await writeStream(dir, 'big', many('big', 20000))
    await writeStream(dir, 'small', many('small', 3))
    const session = new ExplorerSession()
    await session.open(dir)
    const first = session.streamOpen('big')
    const second = session.streamOpen('small')
    await expect(first).rejects.toMatchObject({ code: 'cancelled' })
    await expect(second).resolves.toMatchObject({ aggregateId: 'small', eventCount: 3 })
    // Opened again, the abandoned stream reads to the end.
    await expect(session.streamOpen('big')).resolves.toMatchObject({ eventCount: 20000 })
    session.close()
  })

  it('given a stream being opened, when another store is opened, then the open is cancelled', async () => {
    await setUp()
    const dir = await tempDir()
    await writeStream(dir, 'big', many('big', 20000))
    const session = new ExplorerSession()
    await session.open(dir)
    const other = await tempDir()
    const cancelled = expect(session.stateAt({ aggregateId: 'big', version: 5 })).rejects.toMatchObject({
      code: 'cancelled',
    })
    await session.open(other)
    await cancelled
  })

  it('given a store reconciled by a worker, when done, then rows, counts and progress match the streams', async () => {
    await setUp()
    const dir = await tempDir()
    for (const id of ['a', 'b', 'c']) await writeStream(dir, id, many(id, 4))
    const last = '2026-03-01T09:00:00.000003+00:00'
    await writeIndex(dir, {
      a: { event_count: 4, last_event_at: last },
      b: { event_count: 3, last_event_at: last },
    })
    const pushed: { event: PushEvent; payload: unknown }[] = []
    const session = new ExplorerSession({ onEvent: (event, payload) => pushed.push({ event, payload }) })
    await session.open(dir)
    const summary = await session.whenReconciled()
    expect(summary).toMatchObject({ aggregates: 3, events: 12, reconciled: true })
    expect(session.aggregates().map((row) => [row.id, row.eventCount, row.status])).toEqual([
      ['a', 4, 'ok'],
      ['b', 4, 'warning'],
      ['c', 4, 'warning'],
    ])
    expect(pushed.filter((p) => p.event === 'onProgress').at(-1)?.payload).toMatchObject({
      done: 3,
      total: 3,
    })
    session.close()
  })
})

describe('OpenStore reopened in the same process', () => {
  it('given a store read before, when reopened, then only the stream whose file changed is read again', async () => {
    configureWorkers({ file: null })
    const dir = await tempDir()
    await writeStream(dir, 'a', many('a', 2))
    await writeStream(dir, 'b', many('b', 2))
    const first = await OpenStore.open(dir)
    await first.reconciled
    first.close()
    // Same size and mtime, different content: proof that an unchanged-looking file is not read.
    const sameLooking = (await import('node:fs')).statSync(join(dir, 'a.events.jsonl'))
    await writeFile(join(dir, 'a.events.jsonl'), many('a', 2).replace('"n": 0', '"n": 9'))
    await utimes(join(dir, 'a.events.jsonl'), sameLooking.atime, sameLooking.mtime)
    await writeStream(dir, 'b', many('b', 3))
    const again = await OpenStore.open(dir)
    await again.reconciled
    expect(again.catalog.get('a')?.eventCount).toBe(2)
    expect(again.catalog.get('b')?.eventCount).toBe(3)
    expect(again.summary().events).toBe(5)
    again.close()
  })
})
