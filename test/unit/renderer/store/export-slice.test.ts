import { beforeEach, describe, expect, it } from 'vitest'
import type { ChannelOutput } from '../../../../shared/contract'
import { aggregateRow, eventAt, stateAt, streamInfoOf } from './fixtures'
import { deferred, fakeApi, opened, settle, storeWith, opensAnyPath, type FakeApi } from './fake-host'

let api: FakeApi
const saved = { status: 'saved' as const, path: '/out/a1.jsonl', events: 3, skippedLines: 0, bytes: 10 }

beforeEach(() => {
  api = fakeApi({
    'store.open': opensAnyPath(2),
    'stream.open': ({ aggregateId }) => streamInfoOf(aggregateId, 3),
    'state.at': ({ aggregateId, version }) => stateAt(aggregateId, version),
    'event.get': ({ aggregateId, version }) => eventAt(aggregateId, version),
    'aggregates.window': ({ offset, filter }) => ({
      total: filter ? 2 : 0,
      unfiltered: 2,
      offset,
      rows: filter ? [aggregateRow('u1'), aggregateRow('u2')] : [],
    }),
    'export.run': saved,
    'task.cancel': { cancelled: true },
  })
})

async function withSelected() {
  const store = storeWith(api)
  await opened(store)
  store.getState().aggregateSelected('a1')
  await settle()
  return store
}

describe('the export slice', () => {
  it('given a selected aggregate, when exported as JSONL, then export.run gets its id and the outcome names the file', async () => {
    const store = await withSelected()

    await store.getState().exportRequested({ format: 'jsonl', scope: 'selected' }, 'dialog')

    expect(api['export.run']).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ format: 'jsonl', aggregateIds: ['a1'] }),
    )
    expect(store.getState().exporting).toEqual({
      running: null,
      outcome: { origin: 'dialog', ok: true, message: 'Saved 3 events to /out/a1.jsonl' },
    })
  })

  it('given a filter, when every matching aggregate is exported, then the ids are collected from the host first', async () => {
    const store = await withSelected()
    store.getState().aggregatesFiltered('User')

    await store.getState().exportRequested({ format: 'csv', scope: 'matching' }, 'dialog')

    expect(api['export.run']).toHaveBeenCalledWith(expect.objectContaining({ aggregateIds: ['u1', 'u2'] }))
  })

  it('given the browser shell, when the host answers a download address, then the page starts the download', async () => {
    api['export.run'].mockResolvedValueOnce({ status: 'download', url: '/download/1' })
    const store = await withSelected()

    await store.getState().exportRequested({ format: 'json', scope: 'selected' }, 'dialog')

    expect(store.downloads).toEqual(['/download/1'])
    expect(store.getState().exporting.outcome?.message).toBe('Download started')
  })

  it("given a download started, when the host says what it holds, then the outcome counts its events and the lines left out; another download's word is ignored", async () => {
    api['export.run'].mockResolvedValueOnce({ status: 'download', url: '/download/1' })
    const store = await withSelected()
    await store.getState().exportRequested({ format: 'jsonl', scope: 'selected' }, 'dialog')
    const taskId = (api['export.run'].mock.calls[0]?.[0] as { taskId: string }).taskId

    store.getState().downloadReady({ taskId: 'export-other', events: 9, skippedLines: 0 })
    expect(store.getState().exporting.outcome?.message).toBe('Download started')
    store.getState().downloadReady({ taskId, events: 3, skippedLines: 2 })
    expect(store.getState().exporting.outcome).toEqual({
      origin: 'dialog',
      ok: true,
      message: 'Download of 3 events started (2 damaged lines left out)',
    })
    // Said once: a second word about the same download changes nothing.
    store.getState().downloadReady({ taskId, events: 4, skippedLines: 0 })
    expect(store.getState().exporting.outcome?.message).toBe(
      'Download of 3 events started (2 damaged lines left out)',
    )
  })

  it('given an export running, when cancelled, then task.cancel gets its id and the cancelled answer ends it', async () => {
    const answer = deferred<ChannelOutput<'export.run'>>()
    api['export.run'].mockImplementationOnce(() => answer.promise)
    const store = await withSelected()

    const done = store.getState().exportRequested({ format: 'jsonl', scope: 'selected' }, 'dialog')
    await settle()
    const { exportId } = store.getState().exporting.running!
    store.getState().exportCancelled()
    expect(store.getState().exporting.running?.cancelling).toBe(true)
    expect(api['task.cancel']).toHaveBeenCalledExactlyOnceWith({ taskId: exportId })
    answer.reject(Object.assign(new Error('Export cancelled; nothing was written.'), { code: 'cancelled' }))
    await done

    expect(store.getState().exporting.outcome).toEqual({
      origin: 'dialog',
      ok: true,
      message: 'Export cancelled',
    })
  })

  it('given an export running, when another is requested, then the second is ignored', async () => {
    const answer = deferred<ChannelOutput<'export.run'>>()
    api['export.run'].mockImplementationOnce(() => answer.promise)
    const store = await withSelected()

    const first = store.getState().exportRequested({ format: 'jsonl', scope: 'selected' }, 'dialog')
    await store.getState().exportRequested({ format: 'csv', scope: 'selected' }, 'state')
    answer.resolve(saved)
    await first

    expect(api['export.run']).toHaveBeenCalledOnce()
  })

  it('given nothing selected, when the selected aggregate is exported, then it fails with a sentence and nothing runs', async () => {
    const store = storeWith(api)
    await opened(store)

    await store.getState().exportRequested({ format: 'jsonl', scope: 'selected' }, 'state')

    expect(store.getState().exporting.outcome).toEqual({
      origin: 'state',
      ok: false,
      message: 'Select an aggregate to export, or export all of them.',
    })
    expect(api['export.run']).not.toHaveBeenCalled()
  })

  it('given an outcome shown, when dismissed, then it is gone', async () => {
    const store = await withSelected()
    await store.getState().exportRequested({ format: 'jsonl', scope: 'selected' }, 'dialog')

    store.getState().exportDismissed()

    expect(store.getState().exporting.outcome).toBeNull()
  })
})
