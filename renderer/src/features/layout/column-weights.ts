// Dragging the handle between two columns: how the columns' relative widths change. Pure, so the
// limits are tested without a page.

import type { ColumnName, ColumnWeights } from '../../prefs/prefs-store'

/** The narrowest each column may be dragged to, in px; below it the column is collapsed instead. */
export const minColumnWidth: Readonly<Record<ColumnName, number>> = {
  aggregates: 240,
  timeline: 220,
  inspector: 320,
}

/**
 * The weights after moving the handle between `left` and `right` by `deltaPx`, given the px width
 * those two columns share now. Only the two neighbours change, and neither gets below its minimum.
 */
export function resizeColumns(
  weights: ColumnWeights,
  left: ColumnName,
  right: ColumnName,
  deltaPx: number,
  pairWidthPx: number,
): ColumnWeights {
  const pair = weights[left] + weights[right]
  if (pairWidthPx <= 0 || pair <= 0) return weights
  const perPx = pair / pairWidthPx
  const minLeft = Math.min(minColumnWidth[left] * perPx, pair / 2)
  const minRight = Math.min(minColumnWidth[right] * perPx, pair / 2)
  const nextLeft = Math.min(pair - minRight, Math.max(minLeft, weights[left] + deltaPx * perPx))
  const round = (value: number) => Math.round(value * 100) / 100
  return { ...weights, [left]: round(nextLeft), [right]: round(pair - nextLeft) }
}
