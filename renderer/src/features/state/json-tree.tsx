// A collapsible JSON tree whose nodes are marked by the changes of the event being inspected: one
// WAI-ARIA tree widget (a single Tab stop, arrows, Home/End, `*`, Enter; see tree-keys.ts).
//
// Open/closed state is "what the user toggled, else the base": the default base opens shallow nodes
// and the way to every change, so scrubbing to an event that touches `items[3].price` reveals it
// without undoing the user's own choices elsewhere; Expand all / Collapse all set another base.
//
// Nodes are memoized and read their own view state (open, focused, a search match) from the tree's
// small store (tree-view-store.ts): a subtree whose value is the same object as before (states are
// structurally shared, see shareJson) and that no change marks, before or now, is not rendered again,
// and a toggle or a focus move re-renders the nodes it concerns. Dragging the slider then costs the
// paths that changed, not the whole tree.
//
// Numbers beyond 2^53 show their exact digits where main sent them (`exact`, by JSON Pointer), and are
// marked "≈" where only the rounded double is known (exact-numbers.ts).

import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react'
import type { ExactIntegers, Json } from '../../../../shared/contract'
import { jsonPointer } from '../../../../shared/json-pointer'
import { formatPath, type ChangeIndex } from '../../lib/change-index'
import { exactBelow, exactJsonText } from '../../lib/exact-json-text'
import { copyText } from '../../ui/clipboard'
import { JsonNode } from './json-node'
import { treeKeyAction, type TreeItemFacts } from './tree-keys'
import { createTreeViewStore, toggleNode, type TreeViewStore } from './tree-view-store'
import './json-tree.css'

/** The tree of `value`; remount it (via `key`) to forget the user's toggles, or pass a `view` store. */
export function JsonTree(props: {
  readonly value: Json
  readonly changes: ChangeIndex
  /** Exact digits of the integers beyond 2^53 in `value`, by JSON Pointer. */
  readonly exact?: ExactIntegers | null | undefined
  /** The tree's accessible name. */
  readonly label?: string
  /** Its view state, when something outside it (a toolbar, a search field) acts on it too. */
  readonly view?: TreeViewStore
}) {
  const [own] = useState(createTreeViewStore)
  const view = props.view ?? own
  const treeRef = useRef<HTMLDivElement>(null)
  const [said, setSaid] = useState('')
  useKeepTabStop(treeRef, view, props.value)

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const tree = treeRef.current
    const item = (event.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]')
    if (!tree || !item || event.target !== item) return
    if (window.getSelection()?.toString() && event.key.toLowerCase() === 'c') return
    const { facts, elements } = visibleItems(tree)
    const action = treeKeyAction(event, facts, item.dataset.key ?? '')
    if (!action) return
    event.preventDefault()
    event.stopPropagation()
    switch (action.kind) {
      case 'focus':
        elements.get(action.key)?.focus()
        return
      case 'toggle':
        toggleNode(view, parsePath(action.key), action.open)
        return
      case 'openAll':
        view.setState((s) => ({
          toggled: { ...s.toggled, ...Object.fromEntries(action.keys.map((key) => [key, true])) },
        }))
        return
      case 'activate':
        activate(view, elements.get(action.key))
        return
      case 'copy': {
        const path = parsePath(action.key)
        const text = valueText(props.value, props.exact, path)
        if (text === null) return
        void copyText(text).then((ok) =>
          setSaid(ok ? `Copied the value of ${formatPath(path)}` : 'Copy failed'),
        )
        return
      }
    }
  }

  return (
    <>
      <span className="visually-hidden" role="status">
        {said}
      </span>
      <div
        ref={treeRef}
        className="json-tree mono"
        role="tree"
        aria-label={props.label ?? 'JSON'}
        onKeyDown={onKeyDown}
        onMouseOver={(event) => {
          const key =
            (event.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]')?.dataset.key ?? null
          if (view.getState().hovered !== key) view.setState({ hovered: key })
        }}
        onMouseLeave={() => view.setState({ hovered: null })}
        onFocus={(event) => {
          const item = (event.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]')
          const key = item?.dataset.key
          if (key !== undefined && view.getState().focused !== key) view.setState({ focused: key })
        }}
      >
        <JsonNode
          name={null}
          path={[]}
          value={props.value}
          exact={props.exact ?? null}
          changes={props.changes}
          view={view}
          inherited={null}
          position={1}
          siblings={1}
        />
      </div>
    </>
  )
}

/** The value at `path` as pretty JSON with its exact literals, or null when there is none. */
export function valueText(
  root: Json,
  exact: ExactIntegers | null | undefined,
  path: readonly string[],
): string | null {
  let node: Json | undefined = root
  for (const step of path) {
    if (node === null || typeof node !== 'object') return null
    node = (node as { readonly [key: string]: Json })[step]
  }
  if (node === undefined) return null
  return exactJsonText(node, exactBelow(exact, jsonPointer(path)))
}

/** The path a treeitem's key names; [] for anything that is not a path (the "more" items). */
function parsePath(key: string): string[] {
  try {
    const path: unknown = JSON.parse(key)
    return Array.isArray(path) ? path.map(String) : []
  } catch {
    return []
  }
}

/** Enter on an item: open/close a container, show a long string whole or cut, show a list's rest. */
function activate(view: TreeViewStore, item: HTMLElement | undefined): void {
  if (!item) return
  const key = item.dataset.key ?? ''
  switch (item.dataset.kind) {
    case 'branch':
      toggleNode(view, parsePath(key), item.getAttribute('aria-expanded') !== 'true')
      return
    case 'long':
      view.setState((s) => ({ longOpen: { ...s.longOpen, [key]: !s.longOpen[key] } }))
      return
    case 'more':
      view.setState((s) => ({ showAll: { ...s.showAll, [item.dataset.parent ?? '']: true } }))
      return
  }
}

/** The treeitems on screen in order (every rendered one is visible: closed groups render nothing). */
function visibleItems(tree: HTMLElement): {
  facts: TreeItemFacts[]
  elements: Map<string, HTMLElement>
} {
  const facts: TreeItemFacts[] = []
  const elements = new Map<string, HTMLElement>()
  for (const element of tree.querySelectorAll<HTMLElement>('[role="treeitem"]')) {
    const key = element.dataset.key ?? ''
    const parent = element.parentElement?.closest<HTMLElement>('[role="treeitem"]')
    const expanded = element.getAttribute('aria-expanded')
    facts.push({
      key,
      parent: parent && tree.contains(parent) ? (parent.dataset.key ?? null) : null,
      expandable: expanded !== null,
      expanded: expanded === 'true',
    })
    elements.set(key, element)
  }
  return { facts, elements }
}

/**
 * Keep exactly one treeitem tabbable: when the focused one is gone (a new state without that path,
 * a closed ancestor), the root takes the Tab stop again, so the tree never drops out of the Tab order.
 */
function useKeepTabStop(treeRef: RefObject<HTMLDivElement | null>, view: TreeViewStore, value: Json): void {
  useEffect(() => {
    const check = () => {
      const tree = treeRef.current
      if (!tree || view.getState().focused === null) return
      if (!tree.querySelector('[role="treeitem"][tabindex="0"]')) view.setState({ focused: null })
    }
    let frame = requestAnimationFrame(check)
    const unsubscribe = view.subscribe(() => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(check)
    })
    return () => {
      cancelAnimationFrame(frame)
      unsubscribe()
    }
  }, [treeRef, view, value])
}
