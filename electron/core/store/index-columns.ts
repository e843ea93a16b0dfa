// index.json's entries as columns: what the scan cache keeps of a parsed index so that reopening a
// store whose index.json has not changed answers without parsing it again (13 MB and ~0.3 s for
// 100,000 aggregates, more on a loaded machine). Pure: columns in, the same answers out as the parsed
// entries give (index-file.ts).

import type { IndexEntries, IndexEntry } from './index-file'
import { positionOf } from './aggregate-catalog'

/** The columns of an index's entries, rows sorted by id (code units). */
export interface IndexColumns {
  /** Sorted ids. */
  readonly ids: readonly string[]
  /** `event_count` of each, NaN where it is not a number. */
  readonly counts: Float64Array
  /** `last_event_at` of each, null where it is not a string. */
  readonly lastAt: readonly (string | null)[]
  /** The file's order: the sorted position of its first entry, then of its second, and so on. */
  readonly order: Uint32Array
}

/** The columns of any entries (read once, O(n log n) for the sort). */
export function indexColumns(entries: IndexEntries): IndexColumns {
  const ids = entries.sortedIds()
  const counts = new Float64Array(ids.length)
  const lastAt: (string | null)[] = new Array<string | null>(ids.length)
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as string
    counts[i] = entries.eventCount(id) ?? Number.NaN
    lastAt[i] = entries.lastEventAt(id)
  }
  const order = Uint32Array.from(entries.ids(), (id) => positionOf(ids, id))
  return { ids, counts, lastAt, order }
}

/** Entries answered from columns: O(log n) per lookup (a binary search of the sorted ids), no Map; O(1) in id order. */
export class ColumnIndexEntries implements IndexEntries {
  constructor(readonly columns: IndexColumns) {}

  has(id: string): boolean {
    return this.at(id) >= 0
  }

  ids(): string[] {
    const { ids, order } = this.columns
    return Array.from(order, (at) => ids[at] as string)
  }

  sortedIds(): readonly string[] {
    return this.columns.ids
  }

  get(id: string): IndexEntry | undefined {
    const at = this.at(id)
    if (at < 0) return undefined
    return { eventCount: this.countAt(at), lastEventAt: this.columns.lastAt[at] ?? null }
  }

  agrees(id: string, eventCount: number, lastEventAt: string | null): boolean {
    const at = this.at(id)
    return at >= 0 && this.columns.counts[at] === eventCount && this.columns.lastAt[at] === lastEventAt
  }

  eventCount(id: string): number | null {
    const at = this.at(id)
    return at < 0 ? null : this.countAt(at)
  }

  lastEventAt(id: string): string | null {
    const at = this.at(id)
    return at < 0 ? null : (this.columns.lastAt[at] ?? null)
  }

  private countAt(at: number): number | null {
    const count = this.columns.counts[at] as number
    return Number.isNaN(count) ? null : count
  }

  /** Where the last lookup found its id: the store asks in id order, so the next is usually after it. */
  private cursor = 0

  // O(1) for the id after the last one found (rows and findings go in id order), else O(log n).
  private at(id: string): number {
    const ids = this.columns.ids
    let at = this.cursor
    if (ids[at] !== id && ids[++at] !== id) at = positionOf(ids, id)
    if (at >= 0) this.cursor = at
    return at
  }
}
