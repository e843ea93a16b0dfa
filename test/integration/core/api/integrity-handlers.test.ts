// store.verify, store.repair and store.reindex through the router: the open session takes the
// rewritten files in at once, and a verification stops when asked to or when another store opens.

import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Dispatch } from '../../../../electron/core/api/router'
import { testDispatch } from '../../../support/test-dispatch'
import { generateStore } from '../../../../electron/core/gen/generate-store'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import type { ChannelOutput } from '../../../../shared/contract'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs('eventscope-integrity-')
let session: ExplorerSession | null = null
afterEach(() => session?.close())

async function open(dir: string): Promise<{ dispatch: Dispatch; pushes: string[] }> {
  const pushes: string[] = []
  session = new ExplorerSession({ onEvent: (event) => void pushes.push(event) })
  const dispatch = testDispatch(session)
  expect(await dispatch('store.open', { dir })).toMatchObject({ ok: true })
  await session.whenReconciled()
  return { dispatch, pushes }
}

async function call<C extends 'store.verify' | 'store.repair' | 'store.reindex'>(
  dispatch: Dispatch,
  channel: C,
  input: unknown,
): Promise<ChannelOutput<C>> {
  const result = await dispatch(channel, input)
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  return result.value as ChannelOutput<C>
}

async function damagedStore(): Promise<{ dir: string; tornId: string }> {
  const dir = join(await tempDir(), 'store')
  await generateStore({ dir, aggregates: 5, events: 50, seed: 3 })
  const tornFile = (await readdir(dir)).filter((name) => name.endsWith('.events.jsonl')).sort()[0] as string
  await appendFile(join(dir, tornFile), '{"event_id": "x", "event_ty')
  const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as { total_events: number }
  index.total_events += 7
  await writeFile(join(dir, 'index.json'), JSON.stringify(index))
  return { dir, tornId: tornFile.replace('.events.jsonl', '') }
}

describe('integrity channels', () => {
  it('given a damaged store, when verified, then the report counts its findings and progress was pushed', async () => {
    const { dir, tornId } = await damagedStore()
    const { dispatch, pushes } = await open(dir)
    const report = await call(dispatch, 'store.verify', { taskId: 'v' })
    expect(report).toMatchObject({ ok: false, aggregates: 5, events: 50, errors: 1, warnings: 1 })
    expect(report.affectedAggregates).toBe(1)
    expect(report.problemCount).toBe(2)
    expect(report.problems[0]).toMatchObject({
      aggregateId: tornId,
      kind: 'torn_tail',
      line: expect.any(Number),
    })
    expect(pushes).toContain('onProgress')
  })

  it('given a dry run, when repair and reindex are asked, then they say what would change and write nothing', async () => {
    const { dir, tornId } = await damagedStore()
    const { dispatch } = await open(dir)
    const before = await readdir(dir)
    const repair = await call(dispatch, 'store.repair', { dryRun: true })
    expect(repair).toMatchObject({
      dryRun: true,
      actions: [{ aggregateId: tornId, file: `${tornId}.events.jsonl` }],
    })
    const reindex = await call(dispatch, 'store.reindex', { dryRun: true })
    expect(reindex).toMatchObject({
      dryRun: true,
      written: true,
      totalBefore: 57,
      totalAfter: 50,
      updated: [],
    })
    expect(await readdir(dir)).toEqual(before)
  })

  it('given a repair and a reindex, when carried out, then the session shows the store without those findings', async () => {
    const { dir, tornId } = await damagedStore()
    const { dispatch, pushes } = await open(dir)
    expect((await session?.streamOpen(tornId))?.problemCount).toBe(1)
    pushes.length = 0
    await call(dispatch, 'store.repair', { dryRun: false })
    expect(pushes).toContain('onStoreChanged')
    expect((await session?.streamOpen(tornId))?.problemCount).toBe(0)
    expect((await readdir(dir)).some((name) => name.startsWith(`${tornId}.events.jsonl.bak-`))).toBe(true)
    expect(session?.summary().problems.map((problem) => problem.kind)).toEqual(['index_total_mismatch'])
    await call(dispatch, 'store.reindex', { dryRun: false })
    expect(session?.summary()).toMatchObject({ indexedEvents: 50, problems: [] })
    expect(await call(dispatch, 'store.verify', { taskId: 'v' })).toMatchObject({ ok: true, problems: [] })
  })

  it('given a verification running, when it is cancelled, then it answers cancelled', async () => {
    const dir = join(await tempDir(), 'store')
    await generateStore({ dir, aggregates: 200, events: 2000, seed: 4 })
    const { dispatch } = await open(dir)
    const running = dispatch('store.verify', { taskId: 'v' })
    expect(await dispatch('task.cancel', { taskId: 'v' })).toEqual({ ok: true, value: { cancelled: true } })
    expect(await running).toMatchObject({ ok: false, error: { code: 'cancelled' } })
    expect(await dispatch('task.cancel', { taskId: 'v' })).toEqual({ ok: true, value: { cancelled: false } })
  })

  it('given no store open, when verify is asked, then it answers no_store', async () => {
    session = new ExplorerSession()
    const dispatch = testDispatch(session)
    expect(await dispatch('store.verify', { taskId: 'v' })).toMatchObject({
      ok: false,
      error: { code: 'no_store' },
    })
    expect(await dispatch('store.repair', { dryRun: 'yes' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    })
  })
})
