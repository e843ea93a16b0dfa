// The state tree's keyboard, as the WAI-ARIA tree pattern has it (APG "Tree View"): one Tab stop,
// arrows move between the visible items, Right opens or goes to the first child, Left closes or goes to
// the parent, Home/End go to the ends, `*` opens every sibling, Enter acts on the item.
//
// Pure over the visible items in order, so every key is unit-tested without a DOM; json-tree.tsx reads
// the items off the page and performs the answer.

/** One visible treeitem, in document order. */
export interface TreeItemFacts {
  readonly key: string
  /** The key of the treeitem it sits in; null at the top. */
  readonly parent: string | null
  /** It has children to open or close (an object or array with entries). */
  readonly expandable: boolean
  readonly expanded: boolean
}

export type TreeKeyAction =
  | { readonly kind: 'focus'; readonly key: string }
  | { readonly kind: 'toggle'; readonly key: string; readonly open: boolean }
  | { readonly kind: 'openAll'; readonly keys: readonly string[] }
  | { readonly kind: 'activate'; readonly key: string }
  | { readonly kind: 'copy'; readonly key: string }

/** The keys a press is made of, as KeyboardEvent has them. */
export interface TreeKeyPress {
  readonly key: string
  readonly ctrlKey: boolean
  readonly metaKey: boolean
  readonly altKey: boolean
}

/** What a key press on the item `at` does, or null when the tree leaves the key alone. */
export function treeKeyAction(
  press: TreeKeyPress,
  items: readonly TreeItemFacts[],
  at: string,
): TreeKeyAction | null {
  const index = items.findIndex((item) => item.key === at)
  const item = items[index]
  if (!item || press.altKey) return null
  const focus = (target: TreeItemFacts | undefined): TreeKeyAction | null =>
    target ? { kind: 'focus', key: target.key } : null
  if (press.ctrlKey || press.metaKey) {
    // Ctrl/Cmd+C: the focused node's value (a text selection, if any, is the page's to copy).
    return press.key.toLowerCase() === 'c' ? { kind: 'copy', key: item.key } : null
  }
  switch (press.key) {
    case 'ArrowDown':
      return focus(items[index + 1]) ?? { kind: 'focus', key: item.key }
    case 'ArrowUp':
      return focus(items[index - 1]) ?? { kind: 'focus', key: item.key }
    case 'Home':
      return focus(items[0])
    case 'End':
      return focus(items.at(-1))
    case 'ArrowRight':
      if (!item.expandable) return { kind: 'focus', key: item.key }
      if (!item.expanded) return { kind: 'toggle', key: item.key, open: true }
      return (
        focus(items[index + 1]?.parent === item.key ? items[index + 1] : undefined) ?? {
          kind: 'focus',
          key: item.key,
        }
      )
    case 'ArrowLeft':
      if (item.expandable && item.expanded) return { kind: 'toggle', key: item.key, open: false }
      return (
        focus(items.find((candidate) => candidate.key === item.parent)) ?? {
          kind: 'focus',
          key: item.key,
        }
      )
    case '*':
      return {
        kind: 'openAll',
        keys: items
          .filter(
            (candidate) => candidate.parent === item.parent && candidate.expandable && !candidate.expanded,
          )
          .map((candidate) => candidate.key),
      }
    case 'Enter':
    case ' ':
      return { kind: 'activate', key: item.key }
    default:
      return null
  }
}
