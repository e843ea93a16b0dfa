// The dock panel's height, as the user sets it by dragging the dock's top edge or with the keys of its
// separator: never so low that a toolbar and a few rows do not fit, never so high that the three
// columns above lose their timeline. Pure, so the limits are tested without a page.

/** Toolbar (40 px) plus about four rows. */
export const dockMinHeight = 140
const keyStep = 24
const pageStep = 120

/** Header, dock tab strip and the columns' least useful height: the slider, a few lines of state. */
const columnsKeep = 400

/**
 * The most the panel may take of a window `viewportHeight` px high: the columns above keep at least
 * 400 px (and 30%), so the state is never squeezed to a line.
 */
export function dockMaxHeight(viewportHeight: number): number {
  return Math.max(dockMinHeight, Math.min(Math.round(viewportHeight * 0.7), viewportHeight - columnsKeep))
}

/** Before any resize: what the stylesheet used to fix, clamp(220px, 31vh, 400px). */
export function defaultDockHeight(viewportHeight: number): number {
  return clampDockHeight(Math.min(400, Math.max(220, Math.round(viewportHeight * 0.31))), viewportHeight)
}

export function clampDockHeight(height: number, viewportHeight: number): number {
  return Math.min(dockMaxHeight(viewportHeight), Math.max(dockMinHeight, Math.round(height)))
}

const keyHeights: Record<string, (height: number, viewportHeight: number) => number> = {
  ArrowUp: (height) => height + keyStep,
  ArrowDown: (height) => height - keyStep,
  PageUp: (height) => height + pageStep,
  PageDown: (height) => height - pageStep,
  Home: () => dockMinHeight,
  End: (_, viewportHeight) => dockMaxHeight(viewportHeight),
}

/** The height after a key on the separator (the WAI-ARIA window splitter keys), or null for other keys. */
export function dockHeightAfterKey(key: string, height: number, viewportHeight: number): number | null {
  const next = Object.hasOwn(keyHeights, key) ? keyHeights[key] : undefined
  return next ? clampDockHeight(next(height, viewportHeight), viewportHeight) : null
}
