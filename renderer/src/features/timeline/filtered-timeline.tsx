// The timeline while its filter is on: the matching events of the stream in version order, each a
// click away from the slider; the current version marked.

import { formatCount, messageOf } from '../../lib/format'
import { isHit } from '../../lib/hits'
import { cellOf, payloadSummary } from '../../lib/payload-cells'
import { useAppStore, useSliderVersion } from '../../store'
import { timelineFilterLimit } from '../../store/timeline-filter-slice'
import { EmptyState, ErrorLine } from '../../ui/pane'
import { Instant } from '../../ui/instant'

/** Matches of the timeline filter for `aggregateId` (the selected stream). */
export function FilteredTimeline(props: {
  readonly aggregateId: string
  readonly fields: readonly string[]
}) {
  const filter = useAppStore((s) => s.timelineFilter)
  const versionChosen = useAppStore((s) => s.versionChosen)
  const current = useSliderVersion()
  // The breakpoints' hits (features/debug), marked in their rows as in the whole timeline.
  const hits = useAppStore((s) => (s.debug.hits.aggregateId === props.aggregateId ? s.debug.hits.all : null))
  const result = filter.result?.aggregateId === props.aggregateId ? filter.result : null
  if (filter.error) return <ErrorLine message={messageOf(filter.error)} />
  if (!result) return <EmptyState title="Filtering…" busy />
  if (result.matches.length === 0)
    return <EmptyState title="No event of this stream matches" hint="Clear or change the filter above." />
  return (
    <div className="tl-filtered">
      <p className="tl-filtered-count muted" role="status">
        {formatCount(result.matches.length)} matching {result.matches.length === 1 ? 'event' : 'events'}
        {result.truncated ? ` (the first ${formatCount(timelineFilterLimit)}; narrow the filter)` : ''}
      </p>
      <div className="tl-filtered-list" role="grid" aria-label="Filtered timeline">
        {result.matches.map((match) => (
          <div
            key={match.version}
            role="row"
            aria-selected={match.version === current}
            className={`tl-frow ${match.version === current ? 'current' : ''} ${hits && isHit(hits, match.version) ? 'hit' : ''}`}
            onClick={() => versionChosen(match.version)}
          >
            <span role="gridcell" className="tl-version mono num">
              {match.version}
            </span>
            <span role="gridcell" className="tl-type ellipsis" title={match.type ?? 'no type'}>
              {match.type ?? <span className="muted">(no type)</span>}
              {hits && isHit(hits, match.version) && (
                <span className="visually-hidden"> (a breakpoint holds here)</span>
              )}
            </span>
            <span role="gridcell" className="tl-time mono">
              <Instant iso={match.occurredAt} width="short" />
            </span>
            {props.fields.length > 0 ? (
              <Cells values={props.fields.map((field) => cellOf(match.payload, field))} />
            ) : (
              <span role="gridcell" className="tl-summary mono ellipsis">
                {payloadSummary(match.payload)}
              </span>
            )}
          </div>
        ))}
      </div>
    </div>
  )
}

/** The chosen fields' values side by side under the type; '—' where the event has none. */
export function Cells(props: { readonly values: readonly (string | null)[] }) {
  return (
    <span role="gridcell" className="tl-cells mono" style={{ ['--tl-cells' as string]: props.values.length }}>
      {props.values.map((value, i) => (
        <span
          key={i}
          className={`tl-cell ellipsis ${value === null ? 'muted' : ''}`}
          title={value ?? 'absent'}
        >
          {value ?? '—'}
        </span>
      ))}
    </span>
  )
}

/** The chosen fields' names above their columns, aligned with the rows' cells. */
export function CellsHeader(props: { readonly fields: readonly string[]; readonly versionWidth: number }) {
  return (
    <div
      className="tl-cells-head mono"
      aria-hidden="true"
      // Row padding (4 px), the version column, the column gap (10 px): where the cells start.
      style={{ paddingLeft: 4 + props.versionWidth + 10, ['--tl-cells' as string]: props.fields.length }}
    >
      {props.fields.map((field) => (
        <span key={field} className="ellipsis" title={field}>
          {field}
        </span>
      ))}
    </div>
  )
}
