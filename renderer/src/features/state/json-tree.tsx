// A collapsible JSON tree whose nodes are marked by the changes of the event being inspected.
//
// Open/closed state is "what the user toggled, else the default": defaults open shallow nodes and the
// way to every change, so scrubbing to an event that touches `items[3].price` reveals it without
// undoing the user's own choices elsewhere.
//
// Nodes are memoized: a subtree whose value is the same object as before (states are structurally
// shared, see shareJson) and that no change marks, before or now, is not rendered again. Dragging the
// slider then costs the paths that changed, not the whole tree.
//
// Numbers beyond 2^53 show their exact digits where main sent them (`exact`, by JSON Pointer), and are
// marked "≈" where only the rounded double is known (exact-numbers.ts).

import { memo, useCallback, useState } from 'react'
import type { Change, ExactIntegers, Json } from '../../../../shared/contract'
import { jsonPointer } from '../../../../shared/json-pointer'
import { isOpenByDefault, pathKey, type ChangeIndex } from '../../lib/change-index'
import { exactUnder, numberText, previewExact, exactTitle, roundedTitle } from '../../lib/exact-numbers'
import { CopyButton } from '../../ui/copy-button'
import { formatPath } from '../diff/diff-rows'
import './json-tree.css'

const childLimit = 200

type Toggle = (key: string, open: boolean) => void

/** The tree of `value`; remount it (via `key`) to forget the user's toggles. */
export function JsonTree(props: {
  readonly value: Json
  readonly changes: ChangeIndex
  /** Exact digits of the integers beyond 2^53 in `value`, by JSON Pointer. */
  readonly exact?: ExactIntegers | null | undefined
}) {
  const [toggled, setToggled] = useState<Readonly<Record<string, boolean>>>({})
  const toggle = useCallback<Toggle>((key, open) => setToggled((now) => ({ ...now, [key]: open })), [])
  return (
    <div className="json-tree mono" role="tree">
      <JsonNode
        name={null}
        path={[]}
        value={props.value}
        exact={props.exact ?? null}
        changes={props.changes}
        toggled={toggled}
        toggle={toggle}
        inherited={null}
      />
    </div>
  )
}

interface NodeProps {
  readonly name: string | null
  readonly path: readonly string[]
  readonly value: Json
  readonly exact: ExactIntegers | null
  readonly changes: ChangeIndex
  readonly toggled: Readonly<Record<string, boolean>>
  readonly toggle: Toggle
  /** 'added' when an ancestor was added, so the whole subtree reads as new. */
  readonly inherited: 'added' | null
}

/** Whether the changes mark the node at `key` or anything below it. */
function touches(changes: ChangeIndex, key: string): boolean {
  return changes.byPath.has(key) || changes.ancestors.has(key)
}

// Equal when nothing the subtree renders can differ: same value object, same toggles, no change marking
// it in either the old or the new changes, and the same exact digits below it (two ids that round to the
// same double share the value object, so only the digits tell them apart).
function sameNode(before: NodeProps, after: NodeProps): boolean {
  if (
    before.value !== after.value ||
    before.name !== after.name ||
    before.inherited !== after.inherited ||
    before.toggled !== after.toggled ||
    before.toggle !== after.toggle
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

const JsonNode = memo(function JsonNode(props: NodeProps) {
  const { path, value, changes } = props
  const key = pathKey(path)
  const change = changes.byPath.get(key)
  const mark = change?.kind ?? props.inherited
  const [showAll, setShowAll] = useState(false)
  const indent = { paddingLeft: path.length * 14 + 6 }
  const label = props.name !== null && <span className="json-key">{props.name}:</span>

  if (value === null || typeof value !== 'object') {
    return (
      <div
        className={`json-row leaf ${mark ?? ''}`}
        role="treeitem"
        style={indent}
        title={changeTitle(change)}
      >
        <span className="json-caret" />
        {label} <Scalar value={value} exact={props.exact} path={path} />
        {change?.kind === 'changed' && (
          <span className="json-before">{previewExact(change.before, change.exactBefore, 40)}</span>
        )}
        <RowCopy value={value} exact={props.exact} path={path} />
      </div>
    )
  }

  const entries: [string, Json][] = Array.isArray(value)
    ? value.map((item, i) => [String(i), item])
    : Object.entries(value)
  const open = props.toggled[key] ?? isOpenByDefault(path, changes)
  const shown = showAll ? entries : entries.slice(0, childLimit)
  const brackets = Array.isArray(value) ? ['[', ']'] : ['{', '}']
  const inherited = mark === 'added' ? 'added' : null
  return (
    <div role="treeitem" aria-expanded={open}>
      <div
        className={`json-row branch ${mark ?? ''} ${changes.ancestors.has(key) ? 'has-change' : ''}`}
        style={indent}
        title={changeTitle(change)}
      >
        <button
          type="button"
          className="json-caret"
          aria-label={open ? 'Collapse' : 'Expand'}
          onClick={() => props.toggle(key, !open)}
        >
          {open ? '▾' : '▸'}
        </button>
        {label}{' '}
        <span className="json-summary" onClick={() => props.toggle(key, !open)}>
          {open && entries.length > 0
            ? brackets[0]
            : `${brackets[0]}${entries.length === 0 ? '' : '…'}${brackets[1]}`}
          <span className="json-count">{countLabel(entries.length, Array.isArray(value))}</span>
        </span>
        {change?.kind === 'changed' && (
          <span className="json-before">{previewExact(change.before, change.exactBefore, 40)}</span>
        )}
        <RowCopy value={value} exact={props.exact} path={path} />
      </div>
      {open && (
        <div role="group">
          {shown.map(([childName, child]) => (
            <JsonNode
              key={childName}
              {...props}
              name={childName}
              path={[...path, childName]}
              value={child}
              inherited={inherited}
            />
          ))}
          {entries.length > shown.length && (
            <button
              type="button"
              className="json-more"
              style={{ marginLeft: (path.length + 1) * 14 + 26 }}
              onClick={() => setShowAll(true)}
            >
              show {entries.length - shown.length} more…
            </button>
          )}
        </div>
      )}
    </div>
  )
}, sameNode)

function Scalar(props: {
  readonly value: string | number | boolean | null
  readonly exact: ExactIntegers | null
  readonly path: readonly string[]
}) {
  const { value } = props
  if (typeof value === 'string') return <span className="json-string">{JSON.stringify(value)}</span>
  // The pointer is built only when main sent literals for this value (a number kept as written, or
  // null standing for one beyond the double range): any other number is exact as it prints.
  const literal =
    (typeof value === 'number' || value === null) && props.exact
      ? props.exact[jsonPointer(props.path)]
      : undefined
  if (typeof value === 'number' || literal !== undefined) {
    const shown = numberText(typeof value === 'number' ? value : Number.NaN, literal)
    if (shown.kind === 'plain') return <span className="json-number">{shown.text}</span>
    return (
      <span
        className={`json-number ${shown.kind}`}
        title={shown.kind === 'exact' ? exactTitle : roundedTitle}
      >
        {shown.text}
      </span>
    )
  }
  return <span className="json-literal">{String(value)}</span>
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

/** Copy this node's value (one line of JSON, big integers with their digits) or its path; shown on hover. */
function RowCopy(props: {
  readonly value: Json
  readonly exact: ExactIntegers | null | undefined
  readonly path: readonly string[]
}) {
  const where = formatPath(props.path)
  return (
    <span className="json-actions">
      <CopyButton
        text={previewExact(
          props.value,
          exactBelow(props.exact, jsonPointer(props.path)),
          Number.MAX_SAFE_INTEGER,
        )}
        what={`value of ${where}`}
      />
      {props.path.length > 0 && <CopyButton text={where} what={`path ${where}`} label="path" />}
    </span>
  )
}

/** The exact digits under `pointer`, with pointers relative to it. */
function exactBelow(exact: ExactIntegers | null | undefined, pointer: string): ExactIntegers | undefined {
  if (!exact) return undefined
  const below: Record<string, string> = {}
  for (const [key, digits] of Object.entries(exact)) {
    if (key === pointer) below[''] = digits
    else if (key.startsWith(`${pointer}/`)) below[key.slice(pointer.length)] = digits
  }
  return Object.keys(below).length > 0 ? below : undefined
}
