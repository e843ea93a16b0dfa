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
    expect(activeIn).toHaveBeenCalledWith(Date.parse(range.activeSince), Date.parse(range.activeUntil))
  })
})
