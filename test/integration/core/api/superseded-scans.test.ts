// Store-wide questions the window does not name (histogram, as-of, correlation) are superseded: a
// newer one of the same kind stops the running one, and so does opening another store; those it
// cancels by task id (search, projection) stop when another store opens too. Every one answers the
// error `cancelled`. An export stops when cancelled
// even while it is still reading the streams it will write.

import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Dispatch } from '../../../../electron/core/api/router'
import { generateStore } from '../../../../electron/core/gen/generate-store'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import { repairStore } from '../../../../electron/core/verify/repair-store'
import { reindexStore } from '../../../../electron/core/write/reindex'
import { testDispatch } from '../../../support/test-dispatch'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs('eventscope-superseded-')
let session: ExplorerSession | null = null
afterEach(() => session?.close())

async function twoStores(): Promise<{ first: string; second: string; dispatch: Dispatch }> {
  const root = await tempDir()
  const [first, second] = [join(root, 'first'), join(root, 'second')]
  await generateStore({ dir: first, aggregates: 20, events: 4000, seed: 1 })
  await generateStore({ dir: second, aggregates: 2, events: 10, seed: 2 })
  session = new ExplorerSession()
  const dispatch = testDispatch(session, { exportTarget: async (name) => join(root, 'out', name) })
  expect(await dispatch('store.open', { dir: first })).toMatchObject({ ok: true })
  await session.whenReconciled()
  return { first, second, dispatch }
}

const cancelled = { ok: false, error: { code: 'cancelled' } }

describe('store-wide questions without a cancel channel', () => {
  it.each([
    ['store.histogram', {}],
    ['store.asOf', { at: '2026-03-20T00:00:00Z' }],
  ])(
    'given %s running, when the same question is asked again, then the first ends cancelled and the second answers',
    async (channel, input) => {
      const { dispatch } = await twoStores()
      const first = dispatch(channel, input)
      const second = dispatch(channel, input)
      expect(await first).toMatchObject(cancelled)
      expect(await second).toMatchObject({ ok: true })
    },
  )

  it.each([
    ['store.histogram', {}],
    ['store.asOf', { at: '2026-03-20T00:00:00Z' }],
    ['search.run', { taskId: 's', text: 'no such text' }],
    ['projection.run', { taskId: 'p', kind: 'builtin', name: 'events-per-type' }],
    ['store.reindex', { dryRun: true }],
    ['store.repair', { dryRun: true }],
  ])('given %s running, when another store is opened, then it ends cancelled', async (channel, input) => {
    const { second, dispatch } = await twoStores()
    const running = dispatch(channel, input)
    expect(await dispatch('store.open', { dir: second })).toMatchObject({ ok: true })
    expect(await running).toMatchObject(cancelled)
  })

  it('given a correlation being followed, when another is asked for, then the first ends cancelled', async () => {
    const { dispatch } = await twoStores()
    const earlier = dispatch('correlation.list', { correlationId: 'c-1' })
    const later = dispatch('correlation.list', { correlationId: 'c-2' })
    expect(await earlier).toMatchObject(cancelled)
    expect(await later).toMatchObject({ ok: true, value: { correlationId: 'c-2', events: [] } })
  })
})

describe('aggregates narrowed to a time range', () => {
  it('given the active set of one range being computed, when another range is asked for, then the first ends cancelled', async () => {
    const { dispatch } = await twoStores()
    const query = { offset: 0, limit: 10, sort: { column: 'id', direction: 'asc' }, filter: '' }
    const first = dispatch('aggregates.window', { ...query, activeSince: '2026-03-02T00:00:00Z' })
    const second = dispatch('aggregates.window', { ...query, activeSince: '2026-03-03T00:00:00Z' })
    expect(await first).toMatchObject(cancelled)
    expect(await second).toMatchObject({ ok: true, value: { rows: expect.any(Array) } })
  })
})

describe('export cancelled while it selects streams', () => {
  it('given an export of the whole store, when cancelled at once, then it answers cancelled and writes nothing', async () => {
    const { first, dispatch } = await twoStores()
    const out = join(first, '..', 'out')
    const running = dispatch('export.run', { taskId: 'x', format: 'jsonl', aggregateIds: [] })
    // Cancel once the export has started (the save target is being asked for, then streams read).
    await new Promise((resolve) => setImmediate(resolve))
    expect(await dispatch('task.cancel', { taskId: 'x' })).toMatchObject({
      ok: true,
      value: { cancelled: true },
    })
    expect(await running).toMatchObject(cancelled)
    expect(await readdir(out).catch(() => [])).toEqual([])
  })
})

describe('reindex and repair aborted while they count', () => {
  it('given a stale index, when a reindex is aborted, then index.json is left as it was', async () => {
    const dir = join(await tempDir(), 'store')
    await generateStore({ dir, aggregates: 5, events: 50, seed: 4 })
    await writeFile(join(dir, 'index.json'), '{"aggregates": {}, "total_events": 0}')
    const controller = new AbortController()
    controller.abort(new Error('stop'))
    await expect(reindexStore(dir, undefined, controller.signal)).rejects.toThrow('stop')
    expect(await readFile(join(dir, 'index.json'), 'utf8')).toBe('{"aggregates": {}, "total_events": 0}')
  })

  it('given an aborted signal, when a repair (not a dry run) runs, then it runs to its end and reports', async () => {
    const dir = join(await tempDir(), 'store')
    await generateStore({ dir, aggregates: 2, events: 10, seed: 5 })
    const controller = new AbortController()
    controller.abort(new Error('stop'))
    await expect(repairStore(dir, { dryRun: false, signal: controller.signal })).resolves.toMatchObject({
      actions: [],
    })
    await expect(repairStore(dir, { dryRun: true, signal: controller.signal })).rejects.toThrow('stop')
  })
})
