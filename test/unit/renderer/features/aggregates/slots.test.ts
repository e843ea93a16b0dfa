import { describe, expect, it } from 'vitest'
import { indexOfId, slotsFor } from '../../../../../renderer/src/features/aggregates/slots'
import type { AggregateRow } from '../../../../../shared/contract'

const row = (id: string): AggregateRow => ({
  id,
  type: 'Order',
  eventCount: 1,
  indexedCount: 1,
  lastEventAt: null,
  status: 'ok',
  issues: [],
})

describe('slotsFor', () => {
  it('given page 1 loaded and page 0 missing, when slotting pages 0..1, then loaded rows sit at their absolute index', () => {
    const pages = { 1: { generation: 0, rows: Array.from({ length: 200 }, (_, i) => row(`r${200 + i}`)) } }
    const slots = slotsFor(pages, 0, 1, 250)
    expect(slots).toHaveLength(250)
    expect(slots[0]).toEqual({ index: 0, row: null })
    expect(slots[205]?.row?.id).toBe('r205')
  })
})

describe('indexOfId', () => {
  it('given an id on a loaded page, when searched, then its absolute index is returned', () => {
    const pages = { 2: { generation: 0, rows: [row('a'), row('b')] } }
    expect(indexOfId(pages, 'b')).toBe(401)
    expect(indexOfId(pages, 'zzz')).toBe(-1)
    expect(indexOfId(pages, null)).toBe(-1)
  })
})
