// Picks the timeline's row height so the whole stream stays scrollable.
//
// Chromium caps an element's height near 33.5 million pixels; beyond it rows cannot be reached. Two-line
// rows (42 px) hit that cap at about 800,000 rows, so longer streams switch to one-line rows (24 px),
// which reach about 1.25 million rows under a 30-million-pixel budget.

export const roomyRowHeight = 42
export const compactRowHeight = 24
const pixelBudget = 30_000_000

/** The row height for a timeline of `rowCount` rows, and whether it is the one-line layout. */
export function timelineRowHeight(rowCount: number): { readonly height: number; readonly compact: boolean } {
  const compact = rowCount * roomyRowHeight > pixelBudget
  return { height: compact ? compactRowHeight : roomyRowHeight, compact }
}
