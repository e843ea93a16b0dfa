// The state shown two ways, as a tree or as its JSON text, with one toolbar: expand / collapse all,
// search in keys and values with next / previous, and copy the focused value, its path or the whole
// state (numbers as written in the store, exact-json-text.ts).
//
// The tree's view state (open nodes, focus, matches) lives per aggregate in a small store of its own;
// the view (tree or JSON) and the search text stay as the user left them across aggregates.

import {
  useDeferredValue,
  useEffect,
  useEffectEvent,
  useMemo,
  useState,
  type ReactNode,
  type Ref,
} from 'react'
import { useStore } from 'zustand'
import type { ExactIntegers, Json } from '../../../../shared/contract'
import { formatPath, pathKey, type ChangeIndex } from '../../lib/change-index'
import { exactJsonText } from '../../lib/exact-json-text'
import { searchJson } from '../../lib/json-search'
import { Icon } from '../../ui/icons'
import { childLimit, longStringLimit } from './json-node'
import { JsonTree, valueText } from './json-tree'
import { RawJsonView, textMatches } from './raw-json-view'
import { StateCopyMenu, type CopyChoice } from './state-copy-menu'
import { StateSearchField } from './state-search-field'
import { StateTreeFrame } from './state-tree-frame'
import { createTreeViewStore, expandAll, revealNode, setBase, type TreeViewStore } from './tree-view-store'
import './state-inspector.css'

export type StateView = 'tree' | 'json'

/** Rows Expand all puts on the page at most: about a tenth of a second of rendering on a laptop. */
const expandBudget = 2000

/** Toolbar plus the tree or the JSON text of `value`. */
export function StateInspector({
  frameRef,
  ...props
}: {
  readonly aggregateId: string
  readonly value: Json
  readonly exact: ExactIntegers | null
  readonly changes: ChangeIndex
  /** The scrolling frame (the pane scrolls the event's first change into view in it). */
  readonly frameRef: Ref<HTMLDivElement>
  /** The version shown while it tracks the slider (dimmed while it trails), else null. */
  readonly shown: number | null
  /** Shown under the tree or the text, in the same frame (what the event removed). */
  readonly children?: ReactNode
}) {
  const { value, exact } = props
  const [mode, setMode] = useState<StateView>('tree')
  const [query, setQuery] = useState('')
  const [index, setIndex] = useState(0)
  // Expand all stopped at its row budget: said under the toolbar until the next Expand or Collapse.
  const [partial, setPartial] = useState(false)
  // A new tree view per aggregate: another aggregate's open nodes and focus mean nothing here.
  const [held, setHeld] = useState(() => ({ id: props.aggregateId, view: createTreeViewStore() }))
  if (held.id !== props.aggregateId) {
    setHeld({ id: props.aggregateId, view: createTreeViewStore() })
    setPartial(false)
  }
  const view = held.view
  const searched = useDeferredValue(query)
  const text = useMemo(() => (mode === 'json' ? exactJsonText(value, exact) : ''), [mode, value, exact])
  const tree = useMemo(
    () => (mode === 'tree' ? searchJson(value, exact, searched) : null),
    [mode, value, exact, searched],
  )
  const raw = useMemo(() => (mode === 'json' ? textMatches(text, searched) : null), [mode, text, searched])
  const count = tree ? tree.matches.length : (raw?.starts.length ?? 0)
  const truncated = tree ? tree.truncated : (raw?.truncated ?? false)
  const current = count === 0 ? -1 : Math.min(index, count - 1)

  // The tree marks every match; the current one is revealed when the search or the user moves it.
  const keys = useMemo(() => new Set(tree?.matches.map((match) => pathKey(match.path))), [tree])
  useEffect(() => {
    const at = tree?.matches[current]
    view.setState({ matches: keys, query: searched, current: at ? pathKey(at.path) : null })
  }, [view, keys, searched, tree, current])
  const reveal = useEffectEvent(() => {
    const at = tree?.matches[current]
    if (!at) return
    const node = valueText(value, null, at.path)
    const cutMatch =
      at.value &&
      node !== null &&
      node.length > longStringLimit &&
      !node
        .slice(0, longStringLimit + 1)
        .toLowerCase()
        .includes(searched.toLowerCase())
    revealNode(view, value, at.path, childLimit, cutMatch)
  })
  useEffect(() => reveal(), [searched, current, mode])

  const step = (by: number) => {
    if (count > 0) setIndex((current + by + count) % count)
  }

  return (
    <>
      <div className="state-toolbar" role="toolbar" aria-label="State view">
        <div className="state-modes" role="group" aria-label="Show the state as">
          {(['tree', 'json'] as const).map((option) => (
            <button
              key={option}
              type="button"
              className={`state-mode ${mode === option ? 'active' : ''}`}
              aria-pressed={mode === option}
              onClick={() => setMode(option)}
            >
              {option === 'tree' ? 'Tree' : 'JSON'}
            </button>
          ))}
        </div>
        <StateSearchField
          query={query}
          onQuery={(next) => {
            setQuery(next)
            setIndex(0)
          }}
          current={current}
          count={count}
          truncated={truncated}
          onStep={step}
        />
        <button
          type="button"
          className="step-button"
          aria-label="Expand all"
          title="Expand all"
          disabled={mode !== 'tree'}
          onClick={() => setPartial(!expandAll(view, value, childLimit, expandBudget))}
        >
          <Icon name="expandAll" />
        </button>
        <button
          type="button"
          className="step-button"
          aria-label="Collapse all"
          title="Collapse all"
          disabled={mode !== 'tree'}
          onClick={() => {
            setPartial(false)
            setBase(view, 'closed')
          }}
        >
          <Icon name="collapseAll" />
        </button>
        <FocusedCopies view={view} value={value} exact={exact} tree={mode === 'tree'} />
      </div>
      {partial && mode === 'tree' && (
        <p
          className="state-note"
          role="status"
          title="A state this big is not put on the page whole: open the rest where you need it (→, *), or search"
        >
          Expanded the first {expandBudget.toLocaleString('en-US')} rows.
        </p>
      )}
      <StateTreeFrame ref={frameRef} shown={props.shown}>
        {mode === 'tree' ? (
          <JsonTree value={value} exact={exact} changes={props.changes} view={view} label="State" />
        ) : (
          <RawJsonView text={text} starts={raw?.starts ?? []} length={searched.length} current={current} />
        )}
        {props.children}
      </StateTreeFrame>
    </>
  )
}

/** The Copy menu: the focused item's value and path (the root until one is chosen), the whole state. */
function FocusedCopies(props: {
  readonly view: TreeViewStore
  readonly value: Json
  readonly exact: ExactIntegers | null
  /** The JSON view has no focused item: only the whole state. */
  readonly tree: boolean
}) {
  const { value, exact } = props
  const focused = useStore(props.view, (s) => s.focused)
  const path = useMemo(() => {
    try {
      const parsed: unknown = JSON.parse(focused ?? '[]')
      return Array.isArray(parsed) ? parsed.map(String) : []
    } catch {
      return []
    }
  }, [focused])
  const where = formatPath(path)
  const whole: CopyChoice = { label: 'The whole state', text: () => exactJsonText(value, exact) }
  const choices: CopyChoice[] =
    props.tree && path.length > 0
      ? [
          { label: `Value of ${where}`, text: () => valueText(value, exact, path) },
          { label: `Path ${where}`, text: () => where },
          whole,
        ]
      : [whole]
  return <StateCopyMenu choices={choices} />
}
