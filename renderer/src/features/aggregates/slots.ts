// Builds the table's data for the pages around the visible range: loaded rows, or null while loading.

import type { AggregateRow } from '../../../../shared/contract'
import { pageSize } from '../../lib/pages'
import type { Page } from '../../store/types'
import type { Slot } from './columns'

/** Slots for pages `firstPage..lastPage`, clamped to `count` rows; index i is row firstPage*pageSize+i. */
export function slotsFor(
  pages: Readonly<Record<number, Page<AggregateRow>>>,
  firstPage: number,
  lastPage: number,
  count: number,
): Slot[] {
  const start = firstPage * pageSize
  const end = Math.min(count, (lastPage + 1) * pageSize)
  const slots: Slot[] = []
  for (let index = start; index < end; index += 1) {
    const page = pages[Math.floor(index / pageSize)]
    slots.push({ index, row: page?.rows[index % pageSize] ?? null })
  }
  return slots
}

/** The list index of the aggregate `id` among loaded pages, or -1 when it is not loaded. */
export function indexOfId(pages: Readonly<Record<number, Page<AggregateRow>>>, id: string | null): number {
  if (id === null) return -1
  for (const [key, page] of Object.entries(pages)) {
    const at = page.rows.findIndex((row) => row.id === id)
    if (at >= 0) return Number(key) * pageSize + at
  }
  return -1
}
