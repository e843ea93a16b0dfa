import { mkdir, symlink, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generateStore } from '../../../../electron/core/gen/generate-store'
import { OpenStore, type ReconcileProgress } from '../../../../electron/core/store/open-store'
import {
  writeDamagedStore,
  writeStoreWithoutIndex,
  writeStoreWithUnparsableIndex,
} from '../../../fixtures/damaged-store'
import { fingerprintDir, jsonLines, writeIndex, writeStream } from '../../../support/store-files'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

const at = (minute: number): string => `2026-03-01T09:${String(minute).padStart(2, '0')}:00.000001`
const event = (aggregateId: string, minute: number, fields: Record<string, unknown> = {}) => ({
  event_id: `${aggregateId}-${minute}`,
  event_type: 'UserNoted',
  aggregate_id: aggregateId,
  occurred_at: at(minute),
  ...fields,
})

async function opened(dir: string): Promise<OpenStore> {
  const store = await OpenStore.open(dir)
  await store.reconciled
  return store
}

describe('OpenStore', () => {
  it('given a store with an index, when opened, then rows come from index.json at once, pending until their stream is read', async () => {
    const dir = await tempDir()
    await writeStream(dir, 'u1', jsonLines([event('u1', 1), event('u1', 2)]))
    await writeIndex(dir, { u1: { event_count: 7, last_event_at: at(5) } })

    const store = await OpenStore.open(dir)
    const early = store.catalog.get('u1')
    await store.reconciled

    expect(early).toMatchObject({
      id: 'u1',
      status: 'pending',
      eventCount: null,
      indexedCount: 7,
      lastEventAt: at(5),
    })
    expect(store.catalog.get('u1')).toMatchObject({
      status: 'warning',
      eventCount: 2,
      indexedCount: 7,
      lastEventAt: at(2),
      type: 'User',
    })
  })

  it('given a store whose index agrees with its streams, when reconciled, then every row is ok and the summary has no problems', async () => {
    const dir = await tempDir()
    await writeStream(dir, 'u1', jsonLines([event('u1', 1), event('u1', 2)]))
    await writeStream(dir, 'u2', jsonLines([event('u2', 3)]))
    await writeIndex(dir, {
      u1: { event_count: 2, last_event_at: at(2) },
      u2: { event_count: 1, last_event_at: at(3) },
    })

    const store = await opened(dir)

    expect(store.catalog.all().map((row) => [row.id, row.status, row.eventCount, row.issues])).toEqual([
      ['u1', 'ok', 2, []],
      ['u2', 'ok', 1, []],
    ])
    expect(store.summary()).toMatchObject({
      aggregates: 2,
      events: 3,
      indexedEvents: 3,
      index: 'ok',
      reconciled: true,
      problems: [],
    })
  })

  it('given every disagreement between index and streams, when reconciled, then each is reported where it belongs', async () => {
    const dir = await tempDir()
    await writeStream(dir, 'counted', jsonLines([event('counted', 1), event('counted', 2)]))
    await writeStream(dir, 'late', jsonLines([event('late', 1), event('late', 9)]))
    await writeStream(dir, 'unlisted', jsonLines([event('unlisted', 1)]))
    await writeIndex(
      dir,
      {
        counted: { event_count: 3, last_event_at: at(2) },
        late: { event_count: 2, last_event_at: at(8) },
        ghost: { event_count: 4, last_event_at: at(1) },
      },
      100,
    )

    const store = await opened(dir)
    const row = (id: string) => store.catalog.get(id)

    expect(row('counted')).toMatchObject({ status: 'warning', eventCount: 2, indexedCount: 3 })
    expect(row('counted')?.issues.join()).toMatch(/counts 3 events/)
    expect(row('late')).toMatchObject({
      status: 'warning',
      eventCount: 2,
      indexedCount: 2,
      lastEventAt: at(9),
    })
    expect(row('late')?.issues.join()).toMatch(/last changed at/)
    expect(row('unlisted')).toMatchObject({ status: 'warning', eventCount: 1, indexedCount: null })
    expect(row('unlisted')?.issues).toEqual(['Stream unlisted is not listed in index.json'])
    expect(row('ghost')).toMatchObject({ status: 'error', eventCount: 0, indexedCount: 4 })
    expect(store.summary().problems.map((problem) => problem.kind)).toEqual([
      'missing_stream',
      'index_total_mismatch',
    ])
    expect(store.summary()).toMatchObject({ aggregates: 4, events: 5, indexedEvents: 100 })
  })

  it('given no index.json, when opened, then it is not an error: rows are built from the streams', async () => {
    const dir = await tempDir()
    await writeStream(dir, 'u1', jsonLines([event('u1', 1)]))

    const store = await opened(dir)

    expect(store.summary()).toMatchObject({ index: 'missing', indexedEvents: null, events: 1, problems: [] })
    expect(store.catalog.all()).toEqual([
      {
        id: 'u1',
        type: 'User',
        eventCount: 1,
        indexedCount: null,
        lastEventAt: at(1),
        status: 'ok',
        issues: [],
      },
    ])
  })

  it.each([
    ['not JSON', '{"aggregates": {"u1": {"event_co'],
    ['JSON without aggregates', '[1, 2]'],
  ])(
    'given an index.json that is %s, when opened, then one index_unreadable finding says so and rows are built from the streams',
    async (_what, text) => {
      const dir = await tempDir()
      await writeStream(dir, 'u1', jsonLines([event('u1', 1)]))
      await writeFile(join(dir, 'index.json'), text)

      const store = await opened(dir)

      expect(store.summary().index).toBe('unreadable')
      expect(store.summary().problems.map((problem) => [problem.kind, problem.severity])).toEqual([
        ['index_unreadable', 'error'],
      ])
      expect(store.catalog.get('u1')).toMatchObject({ status: 'ok', eventCount: 1 })
    },
  )

  it('given files that are not streams, a folder named like one and a symlinked stream, when opened, then only real stream files are listed and the link and the folder are reported', async () => {
    const dir = await tempDir()
    const elsewhere = await tempDir()
    await writeStream(dir, 'u1', jsonLines([event('u1', 1)]))
    await writeStream(elsewhere, 'secret', jsonLines([event('secret', 1)]))
    await symlink(join(elsewhere, 'secret.events.jsonl'), join(dir, 'linked.events.jsonl'))
    await writeFile(join(dir, '.events.jsonl'), 'x')
    await writeFile(join(dir, 'u1.events.jsonl.tmp'), 'x')
    await writeFile(join(dir, 'notes.txt'), 'x')
    await mkdir(join(dir, 'folder.events.jsonl'))
    await mkdir(join(dir, '.lock'))

    const store = await opened(dir)

    expect(store.catalog.all().map((row) => row.id)).toEqual(['u1'])
    expect(store.summary().problems.map((problem) => [problem.kind, problem.message])).toEqual([
      ['symlink_skipped', 'linked.events.jsonl is a symbolic link; not followed'],
      [
        'not_a_file',
        'folder.events.jsonl is not a regular file (a folder, pipe, socket or device); not read',
      ],
    ])
    expect(store.streamFile('u1')).toBe(join(dir, 'u1.events.jsonl'))
    expect(store.streamFile('linked')).toBeUndefined()
  })

  it('given a symlinked index.json, when opened, then it is not followed and reads as unreadable', async () => {
    const dir = await tempDir()
    const elsewhere = await tempDir()
    await writeStream(dir, 'u1', jsonLines([event('u1', 1)]))
    await writeIndex(elsewhere, { u1: { event_count: 1, last_event_at: at(1) } })
    await symlink(join(elsewhere, 'index.json'), join(dir, 'index.json'))

    const store = await opened(dir)

    expect(store.summary().index).toBe('unreadable')
  })

  it('given a damaged store, when opened and reconciled, then no file in it changes (bytes and mtimes)', async () => {
    const dir = await tempDir()
    writeDamagedStore(dir)
    const before = await fingerprintDir(dir)

    await opened(dir)

    expect(await fingerprintDir(dir)).toEqual(before)
  })

  it('given the shared damaged-store fixture, when reconciled, then rows and store findings match what it expects', async () => {
    const dir = await tempDir()
    const expected = writeDamagedStore(dir)

    const store = await opened(dir)

    for (const stream of expected.streams) {
      expect(store.catalog.get(stream.id), stream.id).toMatchObject({
        type: stream.type,
        eventCount: stream.events.length,
        indexedCount: stream.indexedCount,
        status: stream.status,
        lastEventAt: stream.lastEventAt,
      })
    }
    for (const ghost of expected.ghosts)
      expect(store.catalog.get(ghost.id)).toMatchObject({ status: 'error', indexedCount: ghost.indexedCount })
    expect(store.summary().problems.map((problem) => problem.kind)).toEqual(expected.storeProblems)
    expect(store.summary()).toMatchObject({
      events: expected.totalEvents,
      indexedEvents: expected.indexedTotal,
      index: expected.index,
    })
  })

  it.each([
    ['without an index', writeStoreWithoutIndex],
    ['with an unparsable index', writeStoreWithUnparsableIndex],
  ])(
    'given the fixture store %s, when reconciled, then rows come from the streams and only the expected findings are reported',
    async (_what, write) => {
      const dir = await tempDir()
      const expected = write(dir)

      const store = await opened(dir)

      expect(store.catalog.all().map((row) => [row.id, row.status, row.eventCount])).toEqual(
        expected.streams.map((stream) => [stream.id, stream.status, stream.events.length]),
      )
      expect(store.summary().problems.map((problem) => problem.kind)).toEqual(expected.storeProblems)
    },
  )

  it('given a generated store of the seed layout, when reconciled, then its index agrees with every stream and progress reaches the total', async () => {
    const dir = await tempDir()
    const generated = await generateStore({ dir, aggregates: 450, events: 3_000, seed: 7 })
    const progress: ReconcileProgress[] = []

    const store = await OpenStore.open(dir, (step) => progress.push(step))
    await store.reconciled

    expect(store.summary()).toMatchObject({
      aggregates: 450,
      events: 3_000,
      indexedEvents: 3_000,
      index: 'ok',
      problems: [],
      reconciled: true,
    })
    expect(store.catalog.all().filter((row) => row.status !== 'ok')).toEqual([])
    expect(progress.at(-1)).toEqual({ done: 450, total: 450 })
    expect(progress.map((step) => step.done)).toEqual([200, 400, 450])
    const first = generated.aggregates[0]
    expect(first && store.catalog.get(first.id)).toMatchObject({
      type: first?.type,
      eventCount: first?.eventCount,
      lastEventAt: first?.lastEventAt,
    })
  })

  it('given a stream that disappears before it is read, when reconciled, then its row is an error and the others are still read', async () => {
    const dir = await tempDir()
    // A stream of several MiB first, so reconciliation is still busy with it when the second one goes.
    await writeStream(
      dir,
      'a',
      jsonLines(Array.from({ length: 40_000 }, (_, i) => event('a', i % 60, { pad: 'x'.repeat(100) }))),
    )
    const doomed = await writeStream(dir, 'b', jsonLines([event('b', 1)]))
    await writeStream(dir, 'c', jsonLines([event('c', 1)]))

    const store = await OpenStore.open(dir)
    await unlink(doomed)
    await store.reconciled

    expect(store.catalog.get('a')).toMatchObject({ status: 'ok', eventCount: 40_000 })
    expect(store.catalog.get('c')?.status).toBe('ok')
    expect(store.catalog.get('b')).toMatchObject({
      status: 'error',
      issues: ['Cannot read the stream of b (ENOENT)'],
    })
    expect(store.summary().problems.map((problem) => [problem.kind, problem.severity])).toEqual([
      ['unreadable_stream', 'error'],
    ])
  })
})
