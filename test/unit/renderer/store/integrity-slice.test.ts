import { beforeEach, describe, expect, it } from 'vitest'
import type { ChannelOutput } from '../../../../shared/contract'
import { aggregateRow, eventAt, problemOn, stateAt, streamInfoOf } from './fixtures'
import { deferred, fakeApi, opened, settle, storeWith, opensAnyPath, type FakeApi } from './fake-host'

let api: FakeApi

const report: ChannelOutput<'store.verify'> = {
  ok: false,
  aggregates: 2,
  events: 9,
  errors: 1,
  warnings: 0,
  affectedAggregates: 1,
  problems: [],
  problemCount: 1,
}
const repairPlan = (dryRun: boolean): ChannelOutput<'store.repair'> => ({
  dryRun,
  actions: [
    { aggregateId: 'a1', file: 'a1.events.jsonl', line: 5, cutAt: 100, bytesRemoved: 9, backup: 'a1.bak' },
  ],
  leftAlone: [],
  removedTemps: [],
})
const reindexPlan = (dryRun: boolean): ChannelOutput<'store.reindex'> => ({
  dryRun,
  before: 'ok',
  corruptCopy: null,
  added: [],
  removed: [],
  updated: ['a1'],
  removedTemps: [],
  totalBefore: 8,
  totalAfter: 9,
  written: true,
})

beforeEach(() => {
  api = fakeApi({
    'store.open': opensAnyPath(3),
    'aggregates.window': ({ offset }) => ({
      total: 3,
      unfiltered: 3,
      offset,
      rows: [aggregateRow('bad', 'error'), aggregateRow('odd', 'warning'), aggregateRow('fine', 'ok')],
    }),
    'store.verify': report,
    'task.cancel': { cancelled: true },
    'store.repair': ({ dryRun }) => repairPlan(dryRun),
    'store.reindex': ({ dryRun }) => reindexPlan(dryRun),
    'stream.open': ({ aggregateId }) => streamInfoOf(aggregateId, 5, [{ row: 2, problem: problemOn(3) }]),
    'state.at': ({ aggregateId, version }) => stateAt(aggregateId, version),
    'event.get': ({ aggregateId, version }) => eventAt(aggregateId, version),
  })
})

describe('the integrity slice', () => {
  it('given a store with damaged aggregates, when opened, then the error and warning rows are flagged', async () => {
    const store = storeWith(api)
    await opened(store)

    expect(store.getState().integrity.flagged?.map((row) => row.id)).toEqual(['bad', 'odd'])
    expect(api['aggregates.window']).toHaveBeenCalledWith(
      expect.objectContaining({ sort: { column: 'status', direction: 'asc' }, limit: 1000 }),
    )
  })

  it('given a store opening, when its first rows have not arrived yet, then the flagged rows are asked for only after they are drawn', async () => {
    const firstPage = deferred<ChannelOutput<'aggregates.window'>>()
    const answer = api['aggregates.window'].getMockImplementation()
    api['aggregates.window'].mockImplementationOnce(() => firstPage.promise)
    const store = storeWith(api)
    await opened(store)

    const sorts = () => api['aggregates.window'].mock.calls.map(([query]) => query.sort.column)
    expect(sorts()).toEqual(['id'])
    firstPage.resolve(
      await answer!({ offset: 0, limit: 200, sort: { column: 'id', direction: 'asc' }, filter: '' }),
    )
    await Promise.resolve()
    // Drawn: node has no frames, so afterNextPaint asks as the next task after the rows land.
    expect(sorts()).toEqual(['id'])
    await settle()
    await settle()

    expect(sorts()).toContain('status')
    expect(store.getState().integrity.flagged?.map((row) => row.id)).toEqual(['bad', 'odd'])
  })

  it('given Verify now, when the report arrives, then it is shown and no longer stale', async () => {
    const store = storeWith(api)
    await opened(store)

    await store.getState().verifyRequested()

    expect(store.getState().integrity).toMatchObject({ report, verifying: false, stale: false, error: null })
  })

  it('given a report, when the store changes on disk, then the report is marked stale', async () => {
    const store = storeWith(api)
    await opened(store)
    await store.getState().verifyRequested()

    store.getState().integrityStoreChanged(['a1'])

    expect(store.getState().integrity.stale).toBe(true)
  })

  it('given a verification cancelled, when the host answers cancelled, then no error is shown', async () => {
    api['store.verify'].mockRejectedValueOnce(Object.assign(new Error('Cancelled.'), { code: 'cancelled' }))
    const store = storeWith(api)
    await opened(store)

    const running = store.getState().verifyRequested()
    store.getState().verifyCancelled()
    await running

    expect(api['task.cancel']).toHaveBeenCalledOnce()
    expect(store.getState().integrity).toMatchObject({ verifying: false, error: null, report: null })
  })

  it('given Repair…, when confirmed after its dry run, then the cut is reported with its backup and the rows are recounted', async () => {
    const store = storeWith(api)
    await opened(store)

    await store.getState().integrityActionRequested('repair')
    expect(store.getState().integrity.confirmation).toEqual({ action: 'repair', plan: repairPlan(true) })
    await store.getState().integrityActionConfirmed()

    expect(api['store.repair'].mock.calls.map(([input]) => input)).toEqual([
      { dryRun: true },
      { dryRun: false },
    ])
    expect(store.getState().integrity).toMatchObject({
      busy: null,
      confirmation: null,
      notice: 'Cut 1 torn line; backup kept: a1.bak',
    })
  })

  it('given a report, when Reindex… is confirmed, then the notice says what changed and the report is made again', async () => {
    const store = storeWith(api)
    await opened(store)
    await store.getState().verifyRequested()

    await store.getState().integrityActionRequested('reindex')
    await store.getState().integrityActionConfirmed()

    expect(store.getState().integrity.notice).toBe('index.json rewritten: total_events 8 → 9')
    expect(api['store.verify']).toHaveBeenCalledTimes(2)
  })

  it('given a confirmation, when cancelled, then nothing is written', async () => {
    const store = storeWith(api)
    await opened(store)
    await store.getState().integrityActionRequested('repair')

    store.getState().integrityActionCancelled()

    expect(store.getState().integrity.confirmation).toBeNull()
    expect(api['store.repair']).toHaveBeenCalledOnce()
  })

  it('given a finding on line 3 of a1, when chosen, then a1 opens with that line focused', async () => {
    const store = storeWith(api)
    await opened(store)

    await store
      .getState()
      .problemChosen({ severity: 'error', kind: 'bad_line', aggregateId: 'a1', line: 3, message: 'not JSON' })

    expect(store.getState().stream.aggregateId).toBe('a1')
    expect(store.getState().stream.focus).toEqual({ row: 2, version: 2 })
  })

  it('given the panel open and a report on its way, when another store is opened, then the panel stays open and the old report never lands', async () => {
    const late = deferred<ChannelOutput<'store.verify'>>()
    api['store.verify'].mockImplementationOnce(() => late.promise)
    const store = storeWith(api)
    await opened(store)
    store.getState().problemsToggled(true)
    const running = store.getState().verifyRequested()

    await opened(store, '/data/other')
    late.resolve(report)
    await running

    expect(store.getState().integrity).toMatchObject({ panelOpen: true, report: null, verifying: false })
    expect(store.getState().integrity.flagged?.map((row) => row.id)).toEqual(['bad', 'odd'])
  })
})
