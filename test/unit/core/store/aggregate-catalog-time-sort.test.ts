import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AggregateRow } from '../../../../shared/contract'
import { AggregateCatalog } from '../../../../electron/core/store/aggregate-catalog'

const times = [
  null,
  '2026-03-01T09:00:00Z',
  '2026-03-01T10:00:00+01:00',
  '2026-03-01T09:00:00.000001+00:00',
  '2026-02-28T23:59:59.999+00:00',
  'yesterday',
  'not a time',
]

// The comparator the catalog had before keys were precomputed: the order must not change.
function reference(a: AggregateRow, b: AggregateRow, sign: number): number {
  const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0)
  let byTime: number
  if (a.lastEventAt === null) byTime = b.lastEventAt === null ? 0 : 1
  else if (b.lastEventAt === null) byTime = -1
  else
    byTime =
      (Date.parse(a.lastEventAt) || 0) - (Date.parse(b.lastEventAt) || 0) ||
      text(a.lastEventAt, b.lastEventAt)
  return sign * byTime || text(a.id, b.id)
}

describe('AggregateCatalog sorted by last event time', () => {
  it('given rows with times, no times and unparsable times, when sorted either way, then the order equals parsing in the comparator', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.string({ maxLength: 4 }), fc.constantFrom(...times)), {
          selector: ([id]) => id,
          maxLength: 40,
        }),
        fc.constantFrom('asc' as const, 'desc' as const),
        (entries, direction) => {
          const catalog = new AggregateCatalog()
          const rows = entries.map(([id, lastEventAt]) => ({
            id,
            type: null,
            eventCount: 1,
            indexedCount: null,
            lastEventAt,
            status: 'ok' as const,
            issues: [],
          }))
          for (const row of rows) catalog.set(row)
          const got = catalog.window({
            offset: 0,
            limit: 100,
            sort: { column: 'lastEventAt', direction },
            filter: '',
          })
          const want = [...rows].sort((a, b) => reference(a, b, direction === 'asc' ? 1 : -1))
          expect(got.rows.map((row) => row.id)).toEqual(want.map((row) => row.id))
        },
      ),
    )
  })
})
