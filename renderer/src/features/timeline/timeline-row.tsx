// One timeline row: an event (version, type, time, then a summary line), a problem line with no event,
// or a database's version with no row (a gap).

import type { CSSProperties } from 'react'
import type { TimelineRow } from '../../../../shared/contract'
import { clip, describeProblem } from '../../lib/format'
import { isHit } from '../../lib/hits'
import { Instant } from '../../ui/instant'
import { Cells } from './filtered-timeline'

/** A positioned row of the virtual timeline; `row` is undefined while its page loads. */
export function TimelineRowView(props: {
  readonly index: number
  readonly row: TimelineRow | undefined
  readonly current: number
  /** Picked from the Problems panel: a bad line shows as selected (an event is selected by version). */
  readonly focused?: boolean
  /** A bad line is focused elsewhere: it, not the current event, is the selected row. */
  readonly problemFocused?: boolean
  /** The version a custom reducer failed on (features/reducer), marked in its row. */
  readonly failedVersion?: number | null
  /** The breakpoints' hits (features/debug), marked in their rows. */
  readonly hits?: readonly number[] | null
  readonly style: CSSProperties
  readonly onChoose: (version: number) => void
  /** A damaged line was clicked: show it whole in the Event pane. */
  readonly onChooseLine: (line: number) => void
}) {
  const { row, current } = props
  if (!row) {
    return (
      <div className="tl-row loading" role="row" aria-rowindex={props.index + 1} style={props.style}>
        <span className="tl-version" />
        <span className="skeleton tl-type" />
        <span className="skeleton short tl-summary" />
      </div>
    )
  }
  if (row.kind === 'problem') {
    const { problem } = row
    return (
      <div
        className={`tl-row problem ${problem.severity} ${props.focused ? 'focused' : ''}`}
        role="row"
        aria-rowindex={props.index + 1}
        aria-selected={props.focused === true}
        style={props.style}
        title={describeProblem(problem, 400)}
        onClick={() => problem.line !== null && props.onChooseLine(problem.line)}
      >
        <span className="tl-version tl-problem-icon" aria-hidden="true">
          {problem.severity === 'error' ? '✕' : '⚠'}
        </span>
        <span role="gridcell" className="tl-type ellipsis">
          {problem.line === null ? '' : `line ${problem.line}: `}
          {problem.message}
          <span className="tl-problem-kind"> · no event</span>
        </span>
        <span className="tl-summary mono ellipsis">
          {problem.snippet ? clip(problem.snippet.replace(/\s+/g, ' '), 160) : problem.kind}
        </span>
      </div>
    )
  }
  const state = row.version === current ? 'current' : row.version > current ? 'future' : ''
  if (row.kind === 'gap') {
    // A version the database counts without a row: a place on the slider, with nothing to show.
    return (
      <div
        className={`tl-row gap ${state}`}
        role="row"
        aria-rowindex={props.index + 1}
        aria-selected={row.version === current && props.problemFocused !== true}
        style={props.style}
        title={`Version ${row.version}: ${row.message}`}
        onClick={() => props.onChoose(row.version)}
      >
        <span role="gridcell" className="tl-version mono num">
          {row.version}
        </span>
        <span role="gridcell" className="tl-type ellipsis">
          no row
        </span>
        <span role="gridcell" className="tl-summary ellipsis">
          {row.message}
        </span>
      </div>
    )
  }
  const failed = row.version === props.failedVersion
  const hit = props.hits ? isHit(props.hits, row.version) : false
  // A database row whose payload could not be read: an event still, marked as one read as empty.
  const damage = row.problems?.length ? row.problems : null
  const damageSeverity = damage?.some((problem) => problem.severity === 'error') ? 'error' : 'warning'
  const damageText = damage?.map((problem) => problem.message).join('\n')
  return (
    <div
      className={`tl-row event ${state} ${failed ? 'reducer-failed' : ''} ${hit ? 'hit' : ''} ${damage ? `damaged ${damageSeverity}` : ''}`}
      role="row"
      aria-rowindex={props.index + 1}
      aria-selected={row.version === current && props.problemFocused !== true}
      style={props.style}
      title={damageText ? `${damageText}\n${row.summary}` : row.summary}
      onClick={() => props.onChoose(row.version)}
    >
      <span role="gridcell" className="tl-version mono num">
        {row.version}
      </span>
      <span role="gridcell" className="tl-type ellipsis" title={row.type ?? 'no type'}>
        {row.type ?? <span className="muted">(no type)</span>}
        {failed && <span className="visually-hidden"> (the reducer failed on this event)</span>}
        {hit && <span className="visually-hidden"> (a breakpoint holds here)</span>}
        {damage && (
          <span className="tl-damage" title={damageText}>
            <span aria-hidden="true">{damageSeverity === 'error' ? ' ✕' : ' ⚠'}</span>
            <span className="visually-hidden"> ({damageText})</span>
          </span>
        )}
      </span>
      <span role="gridcell" className="tl-time mono">
        <Instant iso={row.occurredAt} width="short" />
      </span>
      {row.cells ? (
        <Cells values={row.cells} />
      ) : (
        <span role="gridcell" className="tl-summary mono ellipsis" title={row.summary}>
          {/* A payload read as empty has nothing to summarize: why it is empty instead. */}
          {damage && row.summary === '' ? (
            <span className="tl-damage-text">{damage[0]?.message}</span>
          ) : (
            row.summary
          )}
        </span>
      )}
    </div>
  )
}
