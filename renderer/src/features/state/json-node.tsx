// One node of the state tree (json-tree.tsx): a treeitem with its row (key, value or summary, the
// change mark, copy buttons) and, when open, a group of its children.
//
// Memoized (sameNode); what the user does to it (open, focus, long string shown whole, search match)
// comes from the tree's view store, each through a selector of its own, so only the nodes concerned
// re-render.

import { memo, useEffect, useId, useRef } from 'react'
import { useStore } from 'zustand'
import type { Change, ExactIntegers, Json } from '../../../../shared/contract'
import { jsonPointer } from '../../../../shared/json-pointer'
import { formatPath, isOpenByDefault, pathKey, type ChangeIndex } from '../../lib/change-index'
import { exactBelow, exactJsonText } from '../../lib/exact-json-text'
import { exactTitle, exactUnder, numberText, previewExact, roundedTitle } from '../../lib/exact-numbers'
import { CopyButton } from '../../ui/copy-button'
import type { TreeViewStore } from './tree-view-store'

/** Children shown before "show N more…": a state with 100,000 items renders 200 until asked. */
export const childLimit = 200
/** Characters of a string shown before it is cut (Enter or a click shows it whole, in place). */
export const longStringLimit = 160

export interface NodeProps {
  readonly name: string | null
  readonly path: readonly string[]
  readonly value: Json
  readonly exact: ExactIntegers | null
  readonly changes: ChangeIndex
  readonly view: TreeViewStore
  /** 'added' when an ancestor was added, so the whole subtree reads as new. */
  readonly inherited: 'added' | null
  /** aria-posinset and aria-setsize among its siblings. */
  readonly position: number
  readonly siblings: number
}

/** Whether the changes mark the node at `key` or anything below it. */
function touches(changes: ChangeIndex, key: string): boolean {
  return changes.byPath.has(key) || changes.ancestors.has(key)
}

// Equal when nothing the subtree renders can differ: same value object, no change marking it in either
// the old or the new changes, and the same exact digits below it (two ids that round to the same double
// share the value object, so only the digits tell them apart).
function sameNode(before: NodeProps, after: NodeProps): boolean {
  if (
    before.value !== after.value ||
    before.name !== after.name ||
    before.inherited !== after.inherited ||
    before.view !== after.view ||
    before.position !== after.position ||
    before.siblings !== after.siblings
  )
    return false
  const key = pathKey(after.path)
  if (pathKey(before.path) !== key) return false
  if (before.exact !== after.exact) {
    const pointer = jsonPointer(after.path)
    if (exactUnder(before.exact, pointer) !== exactUnder(after.exact, pointer)) return false
  }
  return before.changes === after.changes || (!touches(before.changes, key) && !touches(after.changes, key))
}

/** The treeitem of one value. */
export const JsonNode = memo(function JsonNode(props: NodeProps) {
  const { path, value, changes, view } = props
  const key = pathKey(path)
  const change = changes.byPath.get(key)
  const mark = change?.kind ?? props.inherited
  const labelId = useId()
  const ref = useRef<HTMLDivElement>(null)
  const tabbable = useStore(view, (s) => (s.focused ?? '[]') === key)
  // Copy buttons only where they can be used: ten thousand rows would otherwise draw twenty thousand.
  const hovered = useStore(view, (s) => s.hovered === key)
  const match = useStore(view, (s) => (s.matches.has(key) ? (s.current === key ? 'current' : 'match') : ''))
  const query = useStore(view, (s) => (s.matches.has(key) ? s.query : ''))
  const branch = value !== null && typeof value === 'object'
  const entries: [string, Json][] = !branch
    ? []
    : Array.isArray(value)
      ? value.map((item, i) => [String(i), item])
      : Object.entries(value)
  const open = useStore(
    view,
    (s) => s.toggled[key] ?? (s.base === 'default' ? isOpenByDefault(path, changes) : s.base === 'open'),
  )
  const showAll = useStore(view, (s) => s.showAll[key] === true)
  const long = typeof value === 'string' && value.length > longStringLimit
  const longOpen = useStore(view, (s) => s.longOpen[key] === true)
  // The match "next/previous" is on scrolls itself into view (the search field keeps the focus).
  useEffect(() => {
    if (match === 'current') ref.current?.querySelector('.json-row')?.scrollIntoView({ block: 'nearest' })
  }, [match])

  const expandable = branch && entries.length > 0
  const indent = { paddingLeft: path.length * 14 + 6 }
  const label = props.name !== null && (
    <span className="json-key">
      <Highlight text={props.name} query={query} />:
    </span>
  )
  const toggle = () => view.setState((s) => ({ toggled: { ...s.toggled, [key]: !open } }))
  const row = (
    <div
      className={`json-row ${branch ? 'branch' : 'leaf'} ${mark ?? ''} ${
        branch && changes.ancestors.has(key) ? 'has-change' : ''
      } ${match ? `match ${match}` : ''} ${long && longOpen ? 'long-open' : ''}`}
      style={indent}
      title={changeTitle(change)}
    >
      {expandable ? (
        <span className="json-caret" aria-hidden="true" onClick={toggle}>
          {open ? '▾' : '▸'}
        </span>
      ) : (
        <span className="json-caret" />
      )}
      <span className="json-label" id={labelId}>
        {label}{' '}
        {branch ? (
          <span className="json-summary" onClick={expandable ? toggle : undefined}>
            {open && expandable
              ? Array.isArray(value)
                ? '['
                : '{'
              : Array.isArray(value)
                ? `[${entries.length === 0 ? '' : '…'}]`
                : `{${entries.length === 0 ? '' : '…'}}`}
            <span className="json-count">{countLabel(entries.length, Array.isArray(value))}</span>
          </span>
        ) : (
          <Scalar value={value} exact={props.exact} path={path} query={query} open={longOpen} />
        )}
      </span>
      {long && (
        <button
          type="button"
          tabIndex={-1}
          className="json-long-toggle"
          aria-label={longOpen ? 'Show less' : `Show all ${value.length.toLocaleString('en-US')} characters`}
          onClick={() => view.setState((s) => ({ longOpen: { ...s.longOpen, [key]: !longOpen } }))}
        >
          {longOpen ? 'less' : `+${(value.length - longStringLimit).toLocaleString('en-US')} chars`}
        </button>
      )}
      {change?.kind === 'changed' && (
        <span className="json-before">{previewExact(change.before, change.exactBefore, 40)}</span>
      )}
      {(hovered || tabbable) && <RowCopy value={value} exact={props.exact} path={path} />}
    </div>
  )
  const shown = showAll ? entries : entries.slice(0, childLimit)
  const inherited = mark === 'added' ? 'added' : null
  return (
    <div
      ref={ref}
      role="treeitem"
      className="json-item"
      data-key={key}
      data-kind={expandable ? 'branch' : long ? 'long' : 'leaf'}
      aria-level={path.length + 1}
      aria-posinset={props.position}
      aria-setsize={props.siblings}
      aria-expanded={expandable ? open : undefined}
      aria-labelledby={labelId}
      tabIndex={tabbable ? 0 : -1}
    >
      {row}
      {expandable && open && (
        <div role="group">
          {shown.map(([childName, child], i) => (
            <JsonNode
              key={childName}
              name={childName}
              path={[...path, childName]}
              value={child}
              exact={props.exact}
              changes={changes}
              view={view}
              inherited={inherited}
              position={i + 1}
              siblings={entries.length}
            />
          ))}
          {entries.length > shown.length && (
            <MoreItem
              parent={key}
              level={path.length + 2}
              hidden={entries.length - shown.length}
              view={view}
            />
          )}
        </div>
      )}
    </div>
  )
}, sameNode)

/** "show N more…": a treeitem of its own, so the keyboard reaches it like any other row. */
function MoreItem(props: {
  readonly parent: string
  readonly level: number
  readonly hidden: number
  readonly view: TreeViewStore
}) {
  const key = `more:${props.parent}`
  const tabbable = useStore(props.view, (s) => s.focused === key)
  return (
    <div
      role="treeitem"
      className="json-item json-more"
      data-key={key}
      data-kind="more"
      data-parent={props.parent}
      aria-level={props.level}
      tabIndex={tabbable ? 0 : -1}
      style={{ paddingLeft: (props.level - 1) * 14 + 22 }}
      onClick={() => props.view.setState((s) => ({ showAll: { ...s.showAll, [props.parent]: true } }))}
    >
      show {props.hidden.toLocaleString('en-US')} more…
    </div>
  )
}

function Scalar(props: {
  readonly value: string | number | boolean | null
  readonly exact: ExactIntegers | null
  readonly path: readonly string[]
  readonly query: string
  readonly open: boolean
}) {
  const { value } = props
  if (typeof value === 'string') {
    const cut = value.length > longStringLimit && !props.open
    return (
      <span className={`json-string ${cut ? 'cut' : ''}`}>
        "<Highlight text={cut ? value.slice(0, longStringLimit) : value} query={props.query} />
        {cut ? '…' : ''}"
      </span>
    )
  }
  // The pointer is built only when main sent literals for this value (a number kept as written, or
  // null standing for one beyond the double range): any other number is exact as it prints.
  const literal =
    (typeof value === 'number' || value === null) && props.exact
      ? props.exact[jsonPointer(props.path)]
      : undefined
  if (typeof value === 'number' || literal !== undefined) {
    const shown = numberText(typeof value === 'number' ? value : Number.NaN, literal)
    const text = <Highlight text={shown.text} query={props.query} />
    if (shown.kind === 'plain') return <span className="json-number">{text}</span>
    return (
      <span
        className={`json-number ${shown.kind}`}
        title={shown.kind === 'exact' ? exactTitle : roundedTitle}
      >
        {text}
      </span>
    )
  }
  return (
    <span className="json-literal">
      <Highlight text={String(value)} query={props.query} />
    </span>
  )
}

/** `text` with each case-insensitive occurrence of `query` in a <mark>. */
function Highlight(props: { readonly text: string; readonly query: string }) {
  const { text, query } = props
  if (query === '') return text
  const lower = text.toLowerCase()
  const needle = query.toLowerCase()
  const parts: (string | React.JSX.Element)[] = []
  let at = 0
  for (let found = lower.indexOf(needle); found !== -1; found = lower.indexOf(needle, at)) {
    if (found > at) parts.push(text.slice(at, found))
    parts.push(<mark key={found}>{text.slice(found, found + needle.length)}</mark>)
    at = found + needle.length
  }
  if (at < text.length) parts.push(text.slice(at))
  return parts
}

function countLabel(count: number, isArray: boolean): string {
  if (isArray) return ` ${count} ${count === 1 ? 'item' : 'items'}`
  return ` ${count} ${count === 1 ? 'key' : 'keys'}`
}

function changeTitle(change: Change | undefined): string | undefined {
  if (!change) return undefined
  if (change.kind === 'added')
    return `Added by this event: ${previewExact(change.after, change.exactAfter, 200)}`
  if (change.kind === 'changed')
    return `Changed by this event\nwas: ${previewExact(change.before, change.exactBefore, 200)}\nnow: ${previewExact(change.after, change.exactAfter, 200)}`
  return undefined
}

/**
 * Copy this node's value (JSON with its exact literals) or its path; shown on hover. Out of the Tab
 * order (the tree is one Tab stop): the keyboard copies with Ctrl+C on the item, or the State toolbar.
 */
function RowCopy(props: {
  readonly value: Json
  readonly exact: ExactIntegers | null | undefined
  readonly path: readonly string[]
}) {
  const where = formatPath(props.path)
  return (
    <span className="json-actions">
      <CopyButton
        text={() => exactJsonText(props.value, exactBelow(props.exact, jsonPointer(props.path)))}
        what={`value of ${where}`}
        tabIndex={-1}
      />
      {props.path.length > 0 && <CopyButton text={where} what={`path ${where}`} label="path" tabIndex={-1} />}
    </span>
  )
}
