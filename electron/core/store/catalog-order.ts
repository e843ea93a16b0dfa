// The order of the aggregates table as positions into the id-sorted list of ids: sort keys kept in
// columns, so a sort compares numbers and never builds a row, and a few changed rows are moved into
// place (O(n + k log k)) instead of the whole list being sorted again (O(n log n)).

import type { AggregateStatus, SortColumn } from '../../../shared/contract'

/** What the order needs to know of a row, read without building it. */
export interface SortFields {
  type(id: string): string | null
  eventCount(id: string): number | null
  lastEventAt(id: string): string | null
  /** The instant of `lastEventAt` (its `text`) as `Date.parse` reads it, 0 when it cannot. */
  lastEventMs(id: string, text: string): number
  status(id: string): AggregateStatus
}

/**
 * One sort column's keys, by position. `compare` is the ascending order of two positions' keys (0 when
 * equal); `sort` sorts positions in a direction, ties by position (that is, by id).
 */
export interface KeyColumn {
  update(position: number): void
  compare(a: number, b: number): number
  sort(positions: Int32Array, sign: 1 | -1): Int32Array
}

const statusRank: Record<AggregateStatus, number> = { error: 0, warning: 1, pending: 2, ok: 3 }

/**
 * Keys of `column` for every position of `ids`: O(n) reads of the fields (and Date.parse for times),
 * each kept as a number where it can be (unknown values as +Infinity, so they sort last ascending), so
 * the comparator reads a Float64Array instead of rows.
 */
export function keyColumn(column: SortColumn, ids: readonly string[], fields: SortFields): KeyColumn {
  const n = ids.length
  const id = (position: number): string => ids[position] as string
  switch (column) {
    case 'id':
      return { update: () => {}, compare: (a, b) => a - b, sort: sortById }
    case 'type': {
      const text: (string | null)[] = new Array<string | null>(n)
      return filled(n, {
        update: (p) => void (text[p] = fields.type(id(p))),
        compare: (a, b) => compareNullableText(text[a] ?? null, text[b] ?? null),
        sort: (positions, sign) =>
          sortWith(positions, sign, (a, b) => compareNullableText(text[a] ?? null, text[b] ?? null)),
      })
    }
    case 'eventCount':
      return numberKeys(n, (p) => fields.eventCount(id(p)) ?? Number.POSITIVE_INFINITY)
    case 'status':
      return numberKeys(n, (p) => statusRank[fields.status(id(p))])
    case 'lastEventAt': {
      // Instants first; the text only orders equal instants (and unparsable times, read as 0).
      const text: (string | null)[] = new Array<string | null>(n)
      const ms = new Float64Array(n)
      const compare = (a: number, b: number): number => {
        const d = (ms[a] as number) - (ms[b] as number)
        // NaN (both unknown: Infinity - Infinity) and 0 fall through to the text.
        if (d < 0 || d > 0) return d
        return compareNullableText(text[a] ?? null, text[b] ?? null)
      }
      return filled(n, {
        update: (p) => {
          const at = fields.lastEventAt(id(p))
          text[p] = at
          ms[p] = at === null ? Number.POSITIVE_INFINITY : fields.lastEventMs(id(p), at)
        },
        compare,
        // Instants ranked, then a packed native sort; equal instants are few and ordered by text after.
        sort: (positions, sign) => {
          const sorted = packedSort(positions, sign, denseRanks(positions, ms))
          if (!sorted) return sortWith(positions, sign, compare)
          sortRuns(sorted, ms, (a, b) => sign * compare(a, b) || a - b)
          return sorted
        },
      })
    }
  }
}

function filled(n: number, key: KeyColumn): KeyColumn {
  for (let p = 0; p < n; p++) key.update(p)
  return key
}

/**
 * Keys that are numbers (unknown: +Infinity). Where they are small non-negative integers, a sort packs
 * key and position into one float and sorts natively, with no comparator: ~10x faster on 100,000 rows.
 */
function numberKeys(n: number, read: (position: number) => number): KeyColumn {
  const keys = new Float64Array(n)
  const compare = (a: number, b: number): number => {
    const d = (keys[a] as number) - (keys[b] as number)
    return d < 0 || d > 0 ? d : 0
  }
  return filled(n, {
    update: (p) => void (keys[p] = read(p)),
    compare,
    sort: (positions, sign) => packedSort(positions, sign, keys) ?? sortWith(positions, sign, compare),
  })
}

function sortById(positions: Int32Array, sign: 1 | -1): Int32Array {
  // Positions are gathered in ascending order already.
  return sign === 1 ? positions : positions.reverse()
}

function sortWith(
  positions: Int32Array,
  sign: 1 | -1,
  compare: (a: number, b: number) => number,
): Int32Array {
  return positions.sort((a, b) => sign * compare(a, b) || a - b)
}

// key * 2^bits + position, sorted as plain numbers; null when a key is not a small integer. Positions
// come in ascending order, so when every key is the same (a sort by status while no stream is read
// yet: all pending) they are already sorted, either way, and nothing is packed.
function packedSort(positions: Int32Array, sign: 1 | -1, keys: Float64Array): Int32Array | null {
  let max = 0
  let allSame = true
  const first = positions.length > 0 ? (keys[positions[0] as number] as number) : 0
  for (const p of positions) {
    const key = keys[p] as number
    if (key !== first) allSame = false
    if (key === Number.POSITIVE_INFINITY) continue
    if (!Number.isInteger(key) || key < 0) return null
    if (key > max) max = key
  }
  if (allSame) return positions
  const scale = 2 ** Math.max(1, Math.ceil(Math.log2(keys.length + 1)))
  const unknown = max + 1
  if ((unknown + 1) * scale > Number.MAX_SAFE_INTEGER) return null
  const packed = new Float64Array(positions.length)
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i] as number
    const key = Math.min(keys[p] as number, unknown)
    packed[i] = (sign === 1 ? key : unknown - key) * scale + p
  }
  packed.sort()
  for (let i = 0; i < packed.length; i++) positions[i] = (packed[i] as number) % scale
  return positions
}

// Each position's key replaced by its rank among the distinct keys of `positions` (Infinity stays).
function denseRanks(positions: Int32Array, keys: Float64Array): Float64Array {
  const distinct = new Float64Array(positions.length)
  for (let i = 0; i < positions.length; i++) distinct[i] = keys[positions[i] as number] as number
  distinct.sort()
  let m = 0
  for (let i = 0; i < distinct.length; i++)
    if (i === 0 || distinct[i] !== distinct[m - 1]) distinct[m++] = distinct[i] as number
  const ranks = new Float64Array(keys.length)
  for (const p of positions) {
    const key = keys[p] as number
    ranks[p] = key === Number.POSITIVE_INFINITY ? key : rankOf(distinct, m, key)
  }
  return ranks
}

function rankOf(sorted: Float64Array, length: number, key: number): number {
  let low = 0
  let high = length - 1
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((sorted[middle] as number) < key) low = middle + 1
    else high = middle
  }
  return low
}

// Runs of equal keys in a sorted order, each sorted again by the full comparator.
function sortRuns(order: Int32Array, keys: Float64Array, compare: (a: number, b: number) => number): void {
  let start = 0
  for (let i = 1; i <= order.length; i++) {
    if (i < order.length && keys[order[i] as number] === keys[order[start] as number]) continue
    if (i - start > 1) order.subarray(start, i).sort(compare)
    start = i
  }
}

/** The comparator of positions: by key in the direction asked, then by id (position) ascending. */
export function positionComparator(key: KeyColumn, sign: 1 | -1): (a: number, b: number) => number {
  return (a, b) => sign * key.compare(a, b) || a - b
}

/** Every position that passes `keep`, sorted by `key` in the direction of `sign`. */
export function sortPositions(
  n: number,
  keep: (position: number) => boolean,
  key: KeyColumn,
  sign: 1 | -1,
): Int32Array {
  const order = new Int32Array(n)
  let count = 0
  for (let p = 0; p < n; p++) if (keep(p)) order[count++] = p
  return key.sort(order.subarray(0, count), sign)
}

/**
 * `order` with the `changed` positions taken out and put back where they now belong (if they still
 * pass `keep`). Keys of the changed positions must already be updated. O(n + k log k).
 */
export function repairOrder(
  order: Int32Array,
  n: number,
  changed: readonly number[],
  keep: (position: number) => boolean,
  compare: (a: number, b: number) => number,
): Int32Array {
  const mark = new Uint8Array(n)
  for (const p of changed) mark[p] = 1
  const moved: number[] = []
  for (let p = 0; p < n; p++) if (mark[p] === 1 && keep(p)) moved.push(p)
  moved.sort(compare)
  const merged = new Int32Array(order.length + moved.length)
  let count = 0
  let m = 0
  for (let i = 0; i < order.length; i++) {
    const p = order[i] as number
    if (mark[p] === 1) continue
    while (m < moved.length && compare(moved[m] as number, p) < 0) merged[count++] = moved[m++] as number
    merged[count++] = p
  }
  while (m < moved.length) merged[count++] = moved[m++] as number
  return merged.subarray(0, count)
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

// Unknown values sort last in ascending order.
function compareNullableText(a: string | null, b: string | null): number {
  if (a === null) return b === null ? 0 : 1
  if (b === null) return -1
  return compareText(a, b)
}
