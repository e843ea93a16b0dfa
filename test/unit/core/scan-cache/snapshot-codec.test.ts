// The cache body of a store's snapshot (its listing and index.json as last read): every part survives
// the round trip, and a body out of shape decodes to nothing rather than to a wrong listing or index.

import { describe, expect, it } from 'vitest'
import {
  decodeSnapshot,
  encodeSnapshot,
  type StoreSnapshot,
} from '../../../../electron/core/scan-cache/snapshot-codec'
import { indexColumns } from '../../../../electron/core/store/index-columns'
import { parseIndexTable } from '../../../../electron/core/store/index-file'

const folder = {
  dev: 2049,
  ino: 77,
  mtimeMs: 1_700_000_000_123.456,
  ctimeMs: 1_700_000_000_200,
  readAtMs: 1_700_000_100_000,
}
const stamp = {
  dev: 2049,
  ino: 78,
  size: 120,
  mtimeMs: 1_700_000_000_000.5,
  ctimeMs: 1_700_000_000_001,
  head: 'ab'.repeat(16),
  tail: 'cd'.repeat(16),
  readAtMs: 1_700_000_100_000,
}

function columnsOf(aggregates: Record<string, unknown>) {
  const table = parseIndexTable(JSON.stringify({ aggregates }))
  if (table.state !== 'ok') throw new Error('not ok')
  return indexColumns(table.entries)
}

// The parts a snapshot describes; the texts it was decoded from (shared with the readings) apart.
function parts(decoded: StoreSnapshot | null) {
  if (!decoded) return decoded
  const { texts, ...rest } = decoded
  // Each text splits into the strings given with it (none: null).
  for (const text of [texts?.ids, texts?.lastAt])
    if (text && text.strings.length > 0)
      expect(
        text.bytes
          .toString('utf8')
          .split('\u0000')
          .map((at) => (at === '\u0001' ? null : at)),
      ).toEqual(text.strings)
  return rest
}

function snapshot(ids: string[], aggregates: Record<string, unknown>): StoreSnapshot {
  return { listing: { stamp: folder, ids }, index: { stamp, totalEvents: 9, columns: columnsOf(aggregates) } }
}

const aggregates = {
  c: { event_count: 3, last_event_at: '2026-03-01T09:00:00+00:00' },
  a: { event_count: 'x', last_event_at: null },
  b: { event_count: 6 },
}

describe('the snapshot codec', () => {
  it('given a listing and an index with the same ids, when encoded and decoded, then every part is the same', () => {
    const before = snapshot(['a', 'b', 'c'], aggregates)
    const after = decodeSnapshot(encodeSnapshot(before))
    expect(parts(after)).toEqual(before)
    expect(after?.texts?.ids?.strings).toEqual(before.listing?.ids)
    expect(after?.index?.columns.lastAt).toEqual([null, null, '2026-03-01T09:00:00+00:00'])
    expect(Array.from(after?.index?.columns.counts ?? [])).toEqual([Number.NaN, 6, 3])
  })

  it('given an index whose ids differ from the listing, when round-tripped, then both id lists are kept', () => {
    const before = snapshot(['a', 'd'], aggregates)
    expect(parts(decodeSnapshot(encodeSnapshot(before)))).toEqual(before)
  })

  it('given no index, or no listing, or an empty store, when round-tripped, then that is what comes back', () => {
    for (const before of [
      { listing: { stamp: folder, ids: ['x'] }, index: null },
      { listing: null, index: { stamp, totalEvents: null, columns: columnsOf(aggregates) } },
      { listing: { stamp: folder, ids: [] }, index: { stamp, totalEvents: 0, columns: columnsOf({}) } },
    ] satisfies StoreSnapshot[])
      expect(parts(decodeSnapshot(encodeSnapshot(before)))).toEqual(before)
  })

  it('given an index key holding NUL (the separator), when encoded, then the index is left out, never mangled', () => {
    const before = snapshot(['a'], { 'a\u0000b': { event_count: 1 } })
    expect(parts(decodeSnapshot(encodeSnapshot(before)))).toEqual({ listing: before.listing, index: null })
  })

  it('given a body cut short, padded, or with ids out of order, when decoded, then it is refused', () => {
    const body = encodeSnapshot(snapshot(['a', 'b', 'c'], aggregates))
    expect(decodeSnapshot(body.subarray(0, body.length - 1))).toBeNull()
    expect(decodeSnapshot(Buffer.concat([body, Buffer.alloc(1)]))).toBeNull()
    expect(decodeSnapshot(Buffer.alloc(3))).toBeNull()
    const unsorted = encodeSnapshot({ listing: { stamp: folder, ids: ['b', 'a'] }, index: null })
    expect(decodeSnapshot(unsorted)).toBeNull()
    // The file order must name each sorted row once.
    const twice = Buffer.from(body)
    twice.writeUInt32LE(0, twice.length - 4)
    twice.writeUInt32LE(0, twice.length - 8)
    expect(decodeSnapshot(twice)).toBeNull()
  })

  it('given listings in and out of order, ASCII or not, when decoded, then exactly the strictly ascending ones are taken', () => {
    const decodes = (ids: string[]) =>
      decodeSnapshot(encodeSnapshot({ listing: { stamp: folder, ids }, index: null }))?.listing?.ids ?? null
    const ascendingLists = [
      [],
      ['a'],
      ['a', 'ab', 'abc', 'b'],
      ['0b6c', '1f00', 'A', 'Z', 'a', 'order-7', 'user-1', 'user-10', 'user-2'],
      ['a', 'a-b', 'a.b', 'é', 'z', '😀', 'ｚ'].sort(),
      ['ｚ', '😀'].sort(),
    ]
    for (const ids of ascendingLists) expect(decodes(ids)).toEqual(ids)
    for (const ids of [
      ['b', 'a'],
      ['ab', 'a'],
      ['a', 'a'],
      ['a', 'b', 'b'],
      ['a', 'a', 'b'],
      ['ab', 'a', 'c'],
      ['a', 'c', 'b', 'd'],
      ['user-10', 'user-1'],
      ['é', 'a'],
      // Ascending by UTF-8 bytes, not by code units (a surrogate pair sorts below U+FF5A).
      ['ｚ', '😀'],
    ])
      expect(decodes(ids)).toBeNull()
  })
})
