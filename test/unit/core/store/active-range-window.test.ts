import { describe, expect, it, vi } from 'vitest'
import { createActiveRangeWindow } from '../../../../electron/core/store/active-range-window'
import type { AggregateRow } from '../../../../shared/contract'

const row = (id: string): AggregateRow => ({
  id,
  type: 'Account',
  eventCount: 1,
  indexedCount: 1,
  lastEventAt: null,
  status: 'ok',
  issues: [],
})
const rows = ['a', 'b', 'c', 'd'].map(row)
const windowOf = (query: { offset: number; limit: number }) => ({
  total: rows.length,
  unfiltered: rows.length,
  offset: query.offset,
  rows: rows.slice(query.offset, query.offset + query.limit),
})
const base = { offset: 0, limit: 200, sort: { column: 'id' as const, direction: 'asc' as const }, filter: '' }

describe('aggregates window narrowed to a time range', () => {
  it('given no range, when asked, then the catalog answers as is and nothing is scanned', async () => {
    const activeIn = vi.fn(async () => new Set<string>())
    const window = createActiveRangeWindow({ windowOf, storeKey: () => 'k', activeIn })
    expect((await window(base)).total).toBe(4)
    expect(activeIn).not.toHaveBeenCalled()
  })

  it('given a range, when pages are asked, then only active aggregates are listed and the store is scanned once', async () => {
    const activeIn = vi.fn(async () => new Set(['b', 'd']))
    const window = createActiveRangeWindow({ windowOf, storeKey: () => 'k', activeIn })
    const range = { activeSince: '2026-03-01T00:00:00Z', activeUntil: '2026-03-02T00:00:00Z' }
    const first = await window({ ...base, ...range, limit: 1 })
    const second = await window({ ...base, ...range, offset: 1, limit: 1 })
    expect([first.total, first.unfiltered]).toEqual([2, 4])
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(['b', 'd'])
    expect(activeIn).toHaveBeenCalledTimes(1)
    expect(activeIn).toHaveBeenCalledWith(
      Date.parse(range.activeSince),
      Date.parse(range.activeUntil),
      expect.any(AbortSignal),
    )
  })

  it('given a range being scanned, when another range is asked for, then the first scan is aborted', async () => {
    const signals: AbortSignal[] = []
    const activeIn = vi.fn(
      (_since: number, _until: number, signal: AbortSignal) =>
        new Promise<Set<string>>((resolve, reject) => {
          signals.push(signal)
          signal.addEventListener('abort', () => reject(signal.reason as Error))
          setTimeout(() => resolve(new Set(['a'])), 10)
        }),
    )
    const window = createActiveRangeWindow({ windowOf, storeKey: () => 'k', activeIn })
    const first = window({ ...base, activeSince: '2026-03-01T00:00:00Z' })
    const second = window({ ...base, activeSince: '2026-03-02T00:00:00Z' })
    await expect(first).rejects.toMatchObject({ code: 'cancelled' })
    expect((await second).rows.map((r) => r.id)).toEqual(['a'])
    expect(signals.map((signal) => signal.aborted)).toEqual([true, false])
  })
})
