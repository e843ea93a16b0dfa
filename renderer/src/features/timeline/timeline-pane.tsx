// The middle pane: the selected aggregate's timeline, or what to do to see one.

import { useEffect } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { formatCount } from '../../lib/format'
import { useAppStore } from '../../store'
import { CopyButton } from '../../ui/copy-button'
import { EmptyState, ErrorLine, Pane } from '../../ui/pane'
import { CollapseButton } from '../layout/workspace'
import { useTimelineFields } from './column-picker'
import { CellsHeader, FilteredTimeline } from './filtered-timeline'
import { TimelineList, versionColumnWidth } from './timeline-list'
import { TimelineToolbar } from './timeline-toolbar'
import './timeline.css'

/** Events and problem lines of the selected stream, in file order. */
export function TimelinePane() {
  const { aggregateId, info, loading, error } = useAppStore(
    useShallow((s) => ({
      aggregateId: s.stream.aggregateId,
      info: s.stream.info,
      loading: s.stream.loading,
      error: s.stream.error,
    })),
  )
  const hasStore = useAppStore((s) => s.store.summary !== null)
  const filtering = useAppStore((s) => s.timelineFilter.type !== '' || s.timelineFilter.text !== '')
  const timelineFieldsShown = useAppStore((s) => s.timelineFieldsShown)
  const { fields } = useTimelineFields()
  useEffect(() => timelineFieldsShown(fields), [fields, timelineFieldsShown])

  const counts = info && (
    <span className="tl-counts">
      {formatCount(info.eventCount)} {info.eventCount === 1 ? 'event' : 'events'}
      {info.rowsFrom !== undefined && (
        // A database stream truncated or archived at its start: the versions before have no rows.
        <span
          className="muted"
          title="The store holds no rows for the versions before (truncated or archived)."
        >
          {' '}
          · {info.rowsFrom > info.eventCount ? 'no rows' : `rows from v ${formatCount(info.rowsFrom)}`}
        </span>
      )}
      {info.problemCount > 0 && (
        <span className="warn-text">
          {' '}
          · {formatCount(info.problemCount)} {info.problemCount === 1 ? 'problem' : 'problems'}
        </span>
      )}
    </span>
  )

  return (
    <Pane
      title="Timeline"
      lead={<CollapseButton column="timeline" />}
      className="timeline-pane"
      detail={counts}
    >
      {aggregateId && (
        // The whole id on a line of its own, wrapping if it must: a UUID cut to its first groups
        // cannot be told from its neighbours.
        <div className="tl-aggregate-id">
          <span className="mono">{aggregateId}</span>
          <CopyButton text={aggregateId} what="aggregate id" />
        </div>
      )}
      {aggregateId && <TimelineToolbar />}
      {error && <ErrorLine message={error} />}
      {!aggregateId ? (
        <EmptyState
          title={hasStore ? 'No aggregate selected' : 'Nothing to show yet'}
          hint={
            hasStore
              ? 'Select an aggregate on the left to read its events.'
              : 'Open an events directory, then pick an aggregate.'
          }
        />
      ) : loading ? (
        <EmptyState title="Opening stream…" busy />
      ) : !info ? null : info.rowCount === 0 ? (
        <EmptyState
          title="This stream has no events yet"
          hint="Appended events appear here as they are written."
        />
      ) : (
        <>
          {fields.length > 0 && (
            <CellsHeader
              fields={fields}
              versionWidth={filtering ? 44 : versionColumnWidth(info.eventCount)}
            />
          )}
          {filtering ? (
            <FilteredTimeline aggregateId={aggregateId} fields={fields} />
          ) : (
            <TimelineList info={info} />
          )}
        </>
      )}
    </Pane>
  )
}
