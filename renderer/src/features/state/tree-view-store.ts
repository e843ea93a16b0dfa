// What the state tree shows besides the state: which nodes are open, which one holds the keyboard
// focus (the roving tabindex), which long strings and long lists are shown whole, and the search
// matches. One small store per tree, apart from the app store: each node subscribes to its own slice
// of it (is it open, focused, a match), so a toggle or a focus move re-renders that node, not the tree.

import { createStore, type StoreApi } from 'zustand'
import type { Json } from '../../../../shared/contract'
import { pathKey } from '../../lib/change-index'

/** Where nodes start before the user's own toggles: the default (shallow + changes), all open, all closed. */
export type TreeBase = 'default' | 'open' | 'closed'

export interface TreeViewState {
  readonly base: TreeBase
  /** The user's own open/closed choices by pathKey; they win over `base`. */
  readonly toggled: Readonly<Record<string, boolean>>
  /** Containers showing all their children, not the first `childLimit`, by pathKey. */
  readonly showAll: Readonly<Record<string, true>>
  /** Long strings shown whole, by pathKey. */
  readonly longOpen: Readonly<Record<string, boolean>>
  /** The treeitem that takes Tab (pathKey); null: the root. */
  readonly focused: string | null
  /** The treeitem under the mouse: only it and the focused one draw their copy buttons. */
  readonly hovered: string | null
  /** Search matches by pathKey, and the one "next/previous" is on. */
  readonly matches: ReadonlySet<string>
  readonly current: string | null
  readonly query: string
}

export type TreeViewStore = StoreApi<TreeViewState>

const initial: TreeViewState = {
  base: 'default',
  toggled: {},
  showAll: {},
  longOpen: {},
  focused: null,
  hovered: null,
  matches: new Set(),
  current: null,
  query: '',
}

/** A tree view with nothing toggled, the root focused and no search (or starting as `start` says). */
export function createTreeViewStore(start: Partial<TreeViewState> = {}): TreeViewStore {
  return createStore<TreeViewState>()(() => ({ ...initial, ...start }))
}

/** Open or close one node; closing moves a focus held inside it to it, so Tab still finds the tree. */
export function toggleNode(store: TreeViewStore, path: readonly string[], open: boolean): void {
  const key = pathKey(path)
  store.setState((s) => ({
    toggled: { ...s.toggled, [key]: open },
    focused: !open && s.focused !== null && isInside(s.focused, path) ? key : s.focused,
  }))
}

/** Expand all / collapse all: a new base, the user's toggles forgotten (collapsing refocuses the root). */
export function setBase(store: TreeViewStore, base: TreeBase): void {
  store.setState((s) => ({ base, toggled: {}, focused: base === 'closed' ? null : s.focused }))
}

/**
 * Expand all, within `budget` rows: every container of `value` opens when the whole tree fits, else
 * those the budget reaches in document order (the top of the state opened fully, the rest closed), so
 * a state of a hundred thousand nodes never puts them all on the page at once. Returns whether all
 * opened.
 */
export function expandAll(store: TreeViewStore, value: Json, childLimit: number, budget: number): boolean {
  const keys: string[] = []
  let rows = 1
  let complete = true
  const path: string[] = []
  const walk = (node: Json): void => {
    if (node === null || typeof node !== 'object') return
    const children = Array.isArray(node) ? node.map((_, i) => String(i)) : Object.keys(node)
    if (children.length === 0) return
    const shown = Math.min(children.length, childLimit) + (children.length > childLimit ? 1 : 0)
    if (rows + shown > budget) {
      complete = false
      return
    }
    rows += shown
    keys.push(pathKey(path))
    for (const key of children.slice(0, childLimit)) {
      path.push(key)
      walk((node as { readonly [key: string]: Json })[key] as Json)
      path.pop()
    }
  }
  walk(value)
  if (complete) setBase(store, 'open')
  else
    store.setState({
      base: 'closed',
      toggled: Object.fromEntries(keys.map((key) => [key, true])),
    })
  return complete
}

/**
 * Make the node at `path` of `root` visible: its ancestors open, every container on the way shown
 * whole where the node sits past its first `childLimit` children, a long string shown whole, and the
 * node focused (the treeitem Tab lands on) and current (the search match next/previous is on).
 */
export function revealNode(
  store: TreeViewStore,
  root: Json,
  path: readonly string[],
  childLimit: number,
  longString: boolean,
): void {
  store.setState((s) => {
    const toggled = { ...s.toggled }
    const showAll = { ...s.showAll }
    let node: Json = root
    for (let depth = 0; depth < path.length; depth++) {
      const ancestor = pathKey(path.slice(0, depth))
      const step = path[depth] as string
      toggled[ancestor] = true
      if (node === null || typeof node !== 'object') break
      const index = Array.isArray(node) ? Number(step) : Object.keys(node).indexOf(step)
      if (index >= childLimit) showAll[ancestor] = true
      node = (node as { readonly [key: string]: Json })[step] as Json
    }
    const key = pathKey(path)
    return {
      toggled,
      showAll,
      longOpen: longString ? { ...s.longOpen, [key]: true } : s.longOpen,
      focused: key,
      current: key,
    }
  })
}

/** Whether the node with pathKey `key` is `path` or below it. */
function isInside(key: string, path: readonly string[]): boolean {
  const parent = pathKey(path)
  // pathKey is JSON of an array: a descendant's key starts with the parent's without its closing `]`.
  return key === parent || (path.length === 0 ? key !== '[]' : key.startsWith(`${parent.slice(0, -1)},`))
}
