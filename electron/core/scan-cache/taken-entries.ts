// What an opening took of its streams, by aggregate id: a Map for the streams it read, and one mark
// per stream it spared, over the cache's decoded columns (readings-codec.ts), for the streams it
// found as cached.
//
// Why not one Map: a reopened store of 100,000 unchanged streams took each cached entry into a Map
// (two, with the store's own), making an entry object and a Map slot per stream. That was a quarter
// of a warm `eventscope list` and much of its garbage. A mark is one byte at the stream's position
// in the cache's sorted ids; its entry is made only when something reads it (a row, a finding count).

import type { ReadingColumns } from './readings-codec'

/** A Map of taken values over marks by position in a cache's columns; read as a Map. */
export class TakenEntries<V> implements ReadonlyMap<string, V> {
  private readonly own = new Map<string, V>()
  private base: ReadingColumns | null = null
  private marks: Uint8Array = new Uint8Array(0)
  private marked = 0

  /** `valueAt`: the value of the stream at a position of the columns (its entry, or its reading). */
  constructor(private readonly valueAt: (columns: ReadingColumns, i: number) => V) {}

  /**
   * Mark by position in `columns` from now on (null: only the Map). Streams marked over earlier
   * columns are taken into the Map first, so nothing taken is lost.
   */
  over(columns: ReadingColumns | null): void {
    if (this.marked > 0) for (const [id, value] of this.markedEntries()) this.own.set(id, value)
    this.base = columns
    this.marks = new Uint8Array(columns?.size ?? 0)
    this.marked = 0
  }

  /**
   * Take the columns' own value for `id` (found as cached); its position there, or -1 when the
   * columns do not hold it (nothing marked: take a value with set). O(1) for ids in sorted order.
   */
  mark(id: string): number {
    return this.markAt(id, this.base ? this.base.positionOf(id) : -1)
  }

  /** mark for an id whose position in the columns the caller looked up (-1: not there). */
  markAt(id: string, at: number): number {
    if (at < 0 || !this.base) return -1
    if (this.own.size > 0) this.own.delete(id)
    if (this.marks[at] === 0) {
      this.marks[at] = 1
      this.marked++
    }
    return at
  }

  get size(): number {
    return this.own.size + this.marked
  }

  /** How many streams are marked over the columns (the rest of size is in the Map). */
  get markedCount(): number {
    return this.marked
  }

  get(id: string): V | undefined {
    const value = this.own.size > 0 ? this.own.get(id) : undefined
    if (value !== undefined || this.marked === 0) return value
    const at = this.markedAt(id)
    return at < 0 ? undefined : this.valueAt(this.base as ReadingColumns, at)
  }

  has(id: string): boolean {
    return (this.own.size > 0 && this.own.has(id)) || this.markedAt(id) >= 0
  }

  /** has, for an id at `at` of the columns (-1: not there). */
  hasAt(id: string, at: number): boolean {
    return (this.own.size > 0 && this.own.has(id)) || (at >= 0 && this.marked > 0 && this.marks[at] === 1)
  }

  set(id: string, value: V): this {
    this.unmark(id)
    this.own.set(id, value)
    return this
  }

  delete(id: string): boolean {
    const own = this.own.delete(id)
    return this.unmark(id) || own
  }

  /** The taken values read first, then the marked ones in id order. */
  *entries(): MapIterator<[string, V]> {
    yield* this.own
    yield* this.markedEntries()
  }

  *keys(): MapIterator<string> {
    for (const [id] of this.entries()) yield id
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries()
  }

  /** entries() without a generator or a pair per entry: a store's finding count walks 100,000 so. */
  forEach(each: (value: V, id: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [id, value] of this.own) each(value, id, this)
    const base = this.base
    if (!base || this.marked === 0) return
    for (let at = 0; at < this.marks.length; at++)
      if (this.marks[at] === 1) each(this.valueAt(base, at), base.idAt(at), this)
  }

  /**
   * forEach, with each marked stream handed over as its position in the columns instead of a value
   * made for it: a reopened store's finding count walks 100,000 so, and values made for them all
   * would be kept (the columns keep the views they make).
   */
  forEachSplit(
    taken: (value: V, id: string) => void,
    marked: (columns: ReadingColumns, at: number) => void,
  ): void {
    for (const [id, value] of this.own) taken(value, id)
    const base = this.base
    if (!base || this.marked === 0) return
    for (let at = 0; at < this.marks.length; at++) if (this.marks[at] === 1) marked(base, at)
  }

  private *markedEntries(): Generator<[string, V]> {
    const columns = this.base
    if (!columns || this.marked === 0) return
    for (let at = 0; at < this.marks.length; at++)
      if (this.marks[at] === 1) yield [columns.idAt(at), this.valueAt(columns, at)]
  }

  /** The columns marks are over (null: none), for a caller that reads a marked stream's facts itself. */
  get baseColumns(): ReadingColumns | null {
    return this.base
  }

  /** The position of `id` in `columns` when it is marked there (found as cached), else -1. */
  markedAt(id: string): number {
    if (this.marked === 0) return -1
    const at = (this.base as ReadingColumns).positionOf(id)
    return at >= 0 && this.marks[at] === 1 ? at : -1
  }

  private unmark(id: string): boolean {
    const at = this.markedAt(id)
    if (at < 0) return false
    this.marks[at] = 0
    this.marked--
    return true
  }
}
