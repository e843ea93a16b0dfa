// What an opening took, marked over a decoded cache body's columns: read as a Map it answers what a
// Map of the same entries answers, whatever was marked, set or deleted, and in whatever order.

import { describe, expect, it } from 'vitest'
import {
  decodeReadings,
  encodeReadings,
  type ReadingColumns,
  type StampedReading,
} from '../../../../electron/core/scan-cache/readings-codec'
import { TakenEntries } from '../../../../electron/core/scan-cache/taken-entries'

function entry(i: number): StampedReading {
  return {
    reading: {
      eventCount: i,
      lastEventAt: null,
      lastEventAtMs: Number.NaN,
      type: null,
      style: null,
      typeCounts: new Map(),
      latestOfType: new Map(),
      problems: [],
      problemCount: 0,
      errorCount: 0,
      file: { size: i, mtimeMs: i, ino: i },
    },
    stamp: { dev: 1, ino: i, size: i, mtimeMs: i, ctimeMs: i, head: '', tail: '' },
    readAtMs: 10 + i,
    resume: null,
  }
}

const ids = ['a', 'b', 'c', 'd', 'e', 'é', '日本']

function columns(): ReadingColumns {
  const known = decodeReadings(encodeReadings(new Map(ids.map((id, i) => [id, entry(i)]))))
  if (!known?.columns) throw new Error('a decoded body has columns')
  return known.columns
}

// Event counts by id: what a reader of the readings sees.
const counts = (map: ReadonlyMap<string, StampedReading>) =>
  Object.fromEntries([...map].map(([id, value]) => [id, value.reading.eventCount]))

describe('entries taken over a cache body', () => {
  it('given streams marked as cached, others set and some deleted, when read as a Map, then it answers as a Map of the same entries', () => {
    const taken = new TakenEntries<StampedReading>((at, i) => at.entryAt(i))
    taken.over(columns())
    const map = new Map<string, StampedReading>()
    // Marked in id order (a reopened store), one out of order, one set over a mark, one deleted.
    for (const id of ['a', 'b', 'd', '日本', 'c']) {
      expect(taken.mark(id)).toBe(ids.indexOf(id))
      map.set(id, entry(ids.indexOf(id)))
    }
    taken.set('b', entry(40))
    map.set('b', entry(40))
    taken.set('zz', entry(41))
    map.set('zz', entry(41))
    expect(taken.delete('d')).toBe(true)
    map.delete('d')
    expect(taken.delete('d')).toBe(false)
    expect(taken.delete('e')).toBe(false)

    expect(taken.size).toBe(map.size)
    expect(counts(taken)).toEqual(counts(map))
    for (const id of [...ids, 'zz', 'none']) {
      expect(taken.has(id), id).toBe(map.has(id))
      expect(taken.get(id)?.reading.eventCount, id).toBe(map.get(id)?.reading.eventCount)
    }
    expect(new Set(taken.keys())).toEqual(new Set(map.keys()))
    const each: [string, number][] = []
    taken.forEach((value, id) => each.push([id, value.reading.eventCount]))
    expect(Object.fromEntries(each)).toEqual(counts(map))
    expect(each).toHaveLength(map.size)
    expect([...taken.values()].length).toBe(map.size)
  })

  it('given an id the body does not hold, or no body, when marked, then nothing is marked and the caller takes the entry itself', () => {
    const taken = new TakenEntries<StampedReading>((at, i) => at.entryAt(i))
    expect(taken.mark('a')).toBe(-1)
    taken.over(columns())
    expect(taken.mark('nope')).toBe(-1)
    expect(taken.size).toBe(0)
  })

  it('given marks over one body, when moved over none, then every marked entry is kept', () => {
    const taken = new TakenEntries<StampedReading>((at, i) => at.entryAt(i))
    taken.over(columns())
    taken.mark('c')
    taken.mark('e')
    taken.over(null)
    expect(counts(taken)).toEqual({ c: 2, e: 4 })
    expect(taken.mark('a')).toBe(-1)
  })
})
