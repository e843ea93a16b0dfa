// Where to scroll a list of fixed-height rows so one row is in view, worked out from numbers the
// virtualizer already holds: no layout is read, so following the slider never forces a reflow.

/**
 * The scrollTop that brings the row at `rowTop` (of `rowHeight`) into a view of `viewHeight` now at
 * `viewTop`, or null when it is in view already. The nearest edge is used ('auto' alignment).
 */
export function scrollToShow(
  rowTop: number,
  rowHeight: number,
  viewTop: number,
  viewHeight: number,
): number | null {
  if (rowTop >= viewTop && rowTop + rowHeight <= viewTop + viewHeight) return null
  if (rowTop < viewTop) return rowTop
  return Math.max(0, rowTop + rowHeight - viewHeight)
}
