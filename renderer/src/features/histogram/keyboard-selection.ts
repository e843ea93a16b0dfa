// Picking a time range on the histogram without a pointer: the focused chart has a cursor bucket that
// the arrow keys (and Home/End) move; with Shift held the other end of the range stays where it was.
// Enter or Space applies the range. Pure, so it is tested without a page.

/** The keyboard cursor: `at` moves, `anchor` is the other end of the range being picked. */
export interface KeyCursor {
  readonly at: number
  readonly anchor: number
}

/**
 * The cursor after `key` over `count` buckets, starting at the last bucket when there was none; null
 * when the key is not one of the chart's (so the page handles it).
 */
export function cursorAfterKey(
  key: string,
  shift: boolean,
  cursor: KeyCursor | null,
  count: number,
): KeyCursor | null {
  if (count === 0) return null
  const from = cursor ?? { at: count - 1, anchor: count - 1 }
  const targets: Record<string, number> = {
    ArrowLeft: from.at - 1,
    ArrowRight: from.at + 1,
    Home: 0,
    End: count - 1,
  }
  const target = Object.hasOwn(targets, key) ? (targets[key] as number) : null
  if (target === null) return null
  // The first key only shows the cursor where it starts, as a first click would.
  const at = cursor === null ? from.at : Math.min(count - 1, Math.max(0, target))
  return { at, anchor: shift ? from.anchor : at }
}

/** The buckets a cursor covers, first to last. */
export function cursorSpan(cursor: KeyCursor): { readonly first: number; readonly last: number } {
  return { first: Math.min(cursor.at, cursor.anchor), last: Math.max(cursor.at, cursor.anchor) }
}
