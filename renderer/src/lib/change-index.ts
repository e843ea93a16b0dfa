// Indexes an event's changes by path so the JSON tree can mark nodes in O(1) while rendering.
//
// A changed leaf may sit deep inside collapsed objects; its ancestors are recorded too, so the tree can
// open them by default and show the user where the change is. Removed paths are not in the new state,
// so they are returned separately to be listed under the tree.

import type { Change } from '../../../shared/contract'

export interface ChangeIndex {
  /** The change at each path, by `pathKey`. */
  readonly byPath: ReadonlyMap<string, Change>
  /** Keys of every strict ancestor of a changed path (the root `[]` included). */
  readonly ancestors: ReadonlySet<string>
  /** Changes whose path no longer exists in the state. */
  readonly removed: readonly Change[]
}

/** A stable key for a path; the separator cannot occur in JSON keys written by hand. */
export function pathKey(path: readonly string[]): string {
  return JSON.stringify(path)
}

/** Build the index for one event's changes. */
export function indexChanges(changes: readonly Change[]): ChangeIndex {
  const byPath = new Map<string, Change>()
  const ancestors = new Set<string>()
  const removed: Change[] = []
  for (const change of changes) {
    byPath.set(pathKey(change.path), change)
    if (change.kind === 'removed') removed.push(change)
    for (let depth = 0; depth < change.path.length; depth += 1)
      ancestors.add(pathKey(change.path.slice(0, depth)))
  }
  return { byPath, ancestors, removed }
}

/** Whether a node opens by default: shallow nodes, and any node on the way to a change. */
export function isOpenByDefault(path: readonly string[], index: ChangeIndex, depthLimit = 2): boolean {
  return path.length < depthLimit || index.ancestors.has(pathKey(path))
}

/** A path as users read it: `items[2].price`, `$` for the root. */
export function formatPath(path: readonly string[]): string {
  if (path.length === 0) return '$'
  return path
    .map((part, i) =>
      /^\d+$/.test(part)
        ? `[${part}]`
        : /^[A-Za-z_$][\w$]*$/.test(part)
          ? i === 0
            ? part
            : `.${part}`
          : `[${JSON.stringify(part)}]`,
    )
    .join('')
}
