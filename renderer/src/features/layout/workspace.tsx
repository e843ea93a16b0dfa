// The three columns under the header: aggregates, timeline, inspector. The handles between them drag
// (or take arrow keys) to resize; the first two columns collapse to a strip. Sizes are remembered.

import type { CSSProperties, ReactNode } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { usePrefs, type CollapsibleColumn, type ColumnName } from '../../prefs/prefs-store'
import { minColumnWidth } from './column-weights'
import { ColumnResizer } from './column-resizer'
import './layout.css'

const labels: Record<CollapsibleColumn, string> = { aggregates: 'Aggregates', timeline: 'Timeline' }

/** The grid track of one column: its remembered weight, never narrower than its minimum. */
function track(name: ColumnName, weight: number, collapsed: boolean): string {
  return collapsed ? 'var(--collapsed-width)' : `minmax(${minColumnWidth[name]}px, ${weight}fr)`
}

/** Lays out `aggregates`, `timeline` and `inspector` with handles between them; `overlay` floats above. */
export function Workspace(props: {
  readonly aggregates: ReactNode
  readonly timeline: ReactNode
  readonly inspector: ReactNode
  readonly overlay?: ReactNode
}) {
  const { columns, collapsed } = usePrefs(useShallow((s) => ({ columns: s.columns, collapsed: s.collapsed })))
  const style: CSSProperties = {
    gridTemplateColumns: [
      track('aggregates', columns.aggregates, collapsed.aggregates),
      'var(--handle-width)',
      track('timeline', columns.timeline, collapsed.timeline),
      'var(--handle-width)',
      track('inspector', columns.inspector, false),
    ].join(' '),
  }
  return (
    <main className="workspace" style={style}>
      {collapsed.aggregates ? <CollapsedColumn column="aggregates" /> : props.aggregates}
      <ColumnResizer
        left="aggregates"
        right="timeline"
        disabled={collapsed.aggregates || collapsed.timeline}
      />
      {collapsed.timeline ? <CollapsedColumn column="timeline" /> : props.timeline}
      <ColumnResizer left="timeline" right="inspector" disabled={collapsed.timeline} />
      {props.inspector}
      {props.overlay}
    </main>
  )
}

/** A collapsed column: a strip with the column's name, a click away from coming back. */
function CollapsedColumn(props: { readonly column: CollapsibleColumn }) {
  const columnCollapsed = usePrefs((s) => s.columnCollapsed)
  return (
    <button
      type="button"
      className="collapsed-column"
      aria-label={`Show the ${labels[props.column].toLowerCase()} column`}
      title={`Show the ${labels[props.column].toLowerCase()} column`}
      onClick={() => columnCollapsed(props.column, false)}
    >
      <span className="collapsed-chevron" aria-hidden="true">
        ›
      </span>
      <span className="collapsed-label">{labels[props.column]}</span>
    </button>
  )
}

/** The button in a pane's header that collapses its column. */
export function CollapseButton(props: { readonly column: CollapsibleColumn }) {
  const columnCollapsed = usePrefs((s) => s.columnCollapsed)
  return (
    <button
      type="button"
      className="collapse-button"
      aria-label={`Hide the ${labels[props.column].toLowerCase()} column`}
      title={`Hide the ${labels[props.column].toLowerCase()} column`}
      onClick={() => columnCollapsed(props.column, true)}
    >
      <span aria-hidden="true">‹</span>
    </button>
  )
}
