import { describe, expect, it } from 'vitest'
import {
  describeDownloadReady,
  describeExportResult,
  exportScopeIds,
  type FetchWindow,
} from '../../../../renderer/src/lib/export-scope'

/** A fake aggregates.window over `ids`, recording the pages asked for. */
function windowOver(ids: readonly string[]): FetchWindow & { readonly asked: number[] } {
  const asked: number[] = []
  const fetch = async (offset: number, limit: number) => {
    asked.push(offset)
    return { total: ids.length, rows: ids.slice(offset, offset + limit).map((id) => ({ id })) }
  }
  return Object.assign(fetch, { asked })
}

describe('exportScopeIds', () => {
  it('given the selected scope, when resolved, then only the selected aggregate is exported', async () => {
    const fetch = windowOver(['a', 'b'])
    await expect(exportScopeIds('selected', { selected: 'b', filter: 'x' }, fetch)).resolves.toEqual(['b'])
    expect(fetch.asked).toEqual([])
  })

  it('given the selected scope and no selection, when resolved, then it refuses', async () => {
    await expect(exportScopeIds('selected', { selected: null, filter: '' }, windowOver([]))).rejects.toThrow(
      /Select an aggregate/,
    )
  })

  it('given no filter, when matching aggregates are resolved, then [] (the whole store) is sent without paging', async () => {
    const fetch = windowOver(['a', 'b'])
    await expect(exportScopeIds('matching', { selected: 'a', filter: '  ' }, fetch)).resolves.toEqual([])
    expect(fetch.asked).toEqual([])
  })

  it('given a filter matching 2,500 aggregates, when resolved, then every page is fetched in order', async () => {
    const ids = Array.from({ length: 2500 }, (_, i) => `agg-${i}`)
    const fetch = windowOver(ids)
    await expect(exportScopeIds('matching', { selected: null, filter: 'agg' }, fetch)).resolves.toEqual(ids)
    expect(fetch.asked).toEqual([0, 1000, 2000])
  })

  it('given a filter matching nothing, when resolved, then it refuses instead of exporting the whole store', async () => {
    await expect(
      exportScopeIds('matching', { selected: null, filter: 'zzz' }, windowOver([])),
    ).rejects.toThrow(/No aggregate matches “zzz”/)
  })

  it('given more matches than one export takes, when resolved, then it refuses on the first page', async () => {
    const fetch: FetchWindow = async () => ({ total: 100_001, rows: [{ id: 'a' }] })
    await expect(exportScopeIds('matching', { selected: null, filter: 'a' }, fetch)).rejects.toThrow(
      /100,001 aggregates match/,
    )
  })
})

describe('describeExportResult', () => {
  it('given a saved export with damaged lines, when described, then counts and path read as one line', () => {
    const saved = { status: 'saved', path: '/tmp/out.csv', events: 1234, skippedLines: 2, bytes: 9 } as const
    expect(describeExportResult(saved)).toBe('Saved 1,234 events to /tmp/out.csv (2 damaged lines left out)')
    expect(describeExportResult({ ...saved, events: 1, skippedLines: 0 })).toBe(
      'Saved 1 event to /tmp/out.csv',
    )
  })

  it("given a database's export that left rows out, when described, then it says rows, not lines", () => {
    const saved = { status: 'saved', path: '/tmp/out.jsonl', events: 10, skippedLines: 1, bytes: 9 } as const
    expect(describeExportResult(saved, undefined, 'unreadable row')).toBe(
      'Saved 10 events to /tmp/out.jsonl (1 unreadable row left out)',
    )
    expect(describeExportResult({ ...saved, skippedLines: 3 }, undefined, 'unreadable row')).toBe(
      'Saved 10 events to /tmp/out.jsonl (3 unreadable rows left out)',
    )
  })

  it("given a database's store export that numbered streams from 1, when described, then it says how many", () => {
    const saved = { status: 'saved', path: '/tmp/moved', events: 136, skippedLines: 0, bytes: 9 } as const
    expect(describeExportResult({ ...saved, renumberedStreams: 2 }, undefined, 'unreadable row')).toBe(
      'Saved 136 events to /tmp/moved · 2 streams numbered from 1 (their versions have gaps)',
    )
    expect(describeExportResult({ ...saved, renumberedStreams: 1 }, undefined, 'unreadable row')).toBe(
      'Saved 136 events to /tmp/moved · 1 stream numbered from 1 (its versions have gaps)',
    )
  })

  it('given a download written, when described, then it counts what it holds as a saved export does', () => {
    expect(describeDownloadReady({ taskId: 't', events: 1, skippedLines: 0 }, 'damaged line')).toBe(
      'Download of 1 event started',
    )
    expect(
      describeDownloadReady(
        { taskId: 't', events: 10, skippedLines: 1, renumberedStreams: 1 },
        'unreadable row',
      ),
    ).toBe(
      'Download of 10 events started (1 unreadable row left out) · 1 stream numbered from 1 (its versions have gaps)',
    )
  })

  it('given a state export, when described, then it names the version', () => {
    const saved = { status: 'saved', path: '/s.json', events: 0, skippedLines: 0, bytes: 2 } as const
    expect(describeExportResult(saved, 12)).toBe('Saved the state at v 12 to /s.json')
  })

  it('given a download or a cancel, when described, then it says so', () => {
    expect(describeExportResult({ status: 'download', url: '/download/x' })).toBe('Download started')
    expect(describeExportResult({ status: 'dismissed' })).toBe('Export cancelled')
  })
})
