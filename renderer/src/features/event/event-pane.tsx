// The event at the slider's version: normalized fields and the pretty-printed raw line.

import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { formatCount, formatTime } from '../../lib/format'
import { useAppStore } from '../../store'
import { EmptyState, ErrorLine, Pane } from '../../ui/pane'
import { SameCorrelationButton } from '../correlation/same-correlation-button'
import { CompareButton } from '../diff/compare-button'
import { prettyRaw } from './pretty-raw'
import './event-pane.css'

/** The full event behind the current version. */
export function EventPane() {
  const { aggregateId, version, event, error } = useAppStore(
    useShallow((s) => ({
      aggregateId: s.stream.aggregateId,
      version: s.inspection.aggregateId === s.stream.aggregateId ? s.inspection.version : null,
      event: s.inspection.event,
      error: s.inspection.eventError,
    })),
  )
  const raw = useMemo(() => (event ? prettyRaw(event.raw) : ''), [event])

  return (
    <Pane
      title="Event"
      className="event-pane"
      detail={event && <span className="mono">line {formatCount(event.line)}</span>}
      tools={
        <>
          <CompareButton />
          <SameCorrelationButton />
        </>
      }
    >
      <div className="event-body" role="region" aria-label="Event">
        {error && version !== null && version > 0 && <ErrorLine message={error} />}
        {!aggregateId ? (
          <EmptyState
            title="No event selected"
            hint="Select an aggregate, then a row in its timeline or a position on the slider."
          />
        ) : version === 0 ? (
          <EmptyState
            title="Version 0 has no event"
            hint="It is the state before the first event. Step forward to see event 1."
          />
        ) : !event ? (
          error ? null : (
            <EmptyState title="Loading event…" busy />
          )
        ) : (
          <>
            <dl className="event-fields">
              <Field label="type" value={event.type ?? '(none)'} strong />
              <Field label="version" value={formatCount(event.version)} />
              <Field
                label="time"
                value={formatTime(event.occurredAt)}
                title={event.occurredAt ?? undefined}
              />
              <Field label="id" value={event.id ?? '(none)'} mono />
              <Field label="aggregate" value={event.aggregateId ?? '(none)'} mono />
              <Field label="line" value={formatCount(event.line)} />
            </dl>
            <pre className="event-raw mono" aria-label="Raw event JSON">
              {raw}
            </pre>
          </>
        )}
      </div>
    </Pane>
  )
}

function Field(props: {
  readonly label: string
  readonly value: string
  readonly title?: string | undefined
  readonly mono?: boolean
  readonly strong?: boolean
}) {
  return (
    <div className="event-field">
      <dt>{props.label}</dt>
      <dd
        className={`ellipsis ${props.mono ? 'mono' : ''} ${props.strong ? 'strong' : ''}`}
        title={props.title ?? props.value}
      >
        {props.value}
      </dd>
    </div>
  )
}
