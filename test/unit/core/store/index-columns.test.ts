// index.json's entries as the scan cache keeps them: the columns answer every question exactly as the
// parsed JSON does, odd entries and the file's order included.

import { describe, expect, it } from 'vitest'
import { ColumnIndexEntries, indexColumns } from '../../../../electron/core/store/index-columns'
import { parseIndexTable, type IndexEntries } from '../../../../electron/core/store/index-file'
import { compareWithIndex } from '../../../../electron/core/store/reconcile'

function parsed(text: string): IndexEntries {
  const table = parseIndexTable(text)
  if (table.state !== 'ok') throw new Error('not ok')
  return table.entries
}

const odd = JSON.stringify({
  aggregates: {
    zeta: { event_count: 3, last_event_at: '2026-03-01T09:00:00+00:00' },
    alpha: { event_count: '3', last_event_at: 17 },
    'mid-1': null,
    __proto__: { event_count: 2, last_event_at: 'x' },
    Beta: 5,
    é: { event_count: 0 },
    '': { last_event_at: '' },
  },
})

describe('ColumnIndexEntries', () => {
  it('given an index with odd entries, when kept as columns, then every lookup answers as the parsed JSON does', () => {
    const original = parsed(odd)
    const columns = new ColumnIndexEntries(indexColumns(original))
    expect(columns.ids()).toEqual(original.ids())
    expect(columns.sortedIds()).toEqual(original.sortedIds())
    for (const id of [...original.ids(), 'missing', 'toString', 'constructor', 'hasOwnProperty']) {
      expect(columns.has(id)).toBe(original.has(id))
      expect(columns.get(id)).toEqual(original.get(id))
      expect(columns.eventCount(id)).toBe(original.eventCount(id))
      expect(columns.lastEventAt(id)).toBe(original.lastEventAt(id))
    }
  })

  it('given parsed entries, when their ids are sorted, then it is code-unit order and the same array each time', () => {
    const original = parsed(odd)
    const sorted = original.sortedIds()
    expect(sorted).toEqual([...original.ids()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
    expect(original.sortedIds()).toBe(sorted)
  })

  it('given odd entries, when asked whether a stream agrees, then both kinds of entries say yes only where compareWithIndex finds nothing', () => {
    const original = parsed(odd)
    const columns = new ColumnIndexEntries(indexColumns(original))
    const facts = [
      {
        eventCount: 3,
        lastEventAt: '2026-03-01T09:00:00+00:00',
        lastEventAtMs: Date.parse('2026-03-01T09:00:00Z'),
      },
      { eventCount: 3, lastEventAt: null, lastEventAtMs: Number.NaN },
      { eventCount: 2, lastEventAt: 'x', lastEventAtMs: Number.NaN },
      { eventCount: 0, lastEventAt: null, lastEventAtMs: Number.NaN },
      { eventCount: 0, lastEventAt: '', lastEventAtMs: Number.NaN },
    ]
    for (const id of [...original.ids(), 'missing', 'toString', '__proto__']) {
      for (const fact of facts) {
        const clean = compareWithIndex(id, original.get(id), fact).length === 0
        for (const entries of [original, columns]) {
          const agrees = entries.agrees(id, fact.eventCount, fact.lastEventAt)
          if (agrees) expect(clean).toBe(true)
        }
      }
    }
    expect(original.agrees('zeta', 3, '2026-03-01T09:00:00+00:00')).toBe(true)
    expect(columns.agrees('zeta', 3, '2026-03-01T09:00:00+00:00')).toBe(true)
    expect(original.agrees('__proto__', 2, 'x')).toBe(original.has('__proto__'))
    expect(columns.agrees('toString', 0, null)).toBe(false)
    expect(original.agrees('toString', 0, null)).toBe(false)
  })

  it('given columns, when looked up in id order, backwards and in between misses, then each lookup answers as the parsed JSON does', () => {
    const original = parsed(odd)
    const columns = new ColumnIndexEntries(indexColumns(original))
    const sorted = [...original.sortedIds()]
    for (const id of [...sorted, ...sorted.reverse(), 'a', ...sorted, 'zz', 'zeta']) {
      expect(columns.get(id)).toEqual(original.get(id))
      expect(columns.has(id)).toBe(original.has(id))
    }
  })
})
