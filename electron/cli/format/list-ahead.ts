// `list`'s table laid out ahead: while a reopened store's streams are judged, from the rows they have
// if every one is found as cached (cached-rows.ts), in slices between the judging.
//
// Why: laying out 100,000 rows (their cells, then their bytes) took a warm `list` about 0.15 s after
// the last stream was judged, on one core, the stat threads done; the main thread meanwhile waited
// for the stats. Here that waiting does the work. The table is used only if the rows held to the end
// (every stream found as cached, nothing else changed); otherwise `list` lays it out as usual.

import type { AggregateRow } from '../../../shared/contract'
import { listCells, listWriter, putListRow } from './list-format'
import type { ColumnsWriter } from './table'

/** What the table is laid out from: cached-rows.ts's CachedRows. */
export interface RowsAhead {
  readonly size: number
  /** Row `i`, or undefined when it is not the usual clean row (then nothing is laid out ahead). */
  row(i: number): AggregateRow | undefined
  /** False as soon as the rows cannot hold any more (checked between slices). */
  mayHold(): boolean
}

/** Rows per slice: a few milliseconds, so the judging of a batch that arrived waits no longer. */
const sliceRows = 2048

/**
 * The table of `rows`, every one as had from the cache, written but for what follows it; null when a
 * row is not the usual one or the rows stopped holding on the way. O(rows), in slices.
 */
export async function listTableAhead(rows: RowsAhead): Promise<ColumnsWriter | null> {
  const n = rows.size
  if (n === 0) return null
  const cells = listCells(n)
  for (let from = 0; from < n; from += sliceRows) {
    await nextTurn()
    if (!rows.mayHold()) return null
    for (let i = from; i < Math.min(n, from + sliceRows); i++) {
      const row = rows.row(i)
      if (!row) return null
      putListRow(cells, i, row, 'cache')
    }
  }
  await nextTurn()
  const writer = listWriter(cells)
  for (let from = 0; from < n; from += sliceRows) {
    await nextTurn()
    if (!rows.mayHold()) return null
    writer.write(from, Math.min(n, from + sliceRows))
  }
  return writer
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
