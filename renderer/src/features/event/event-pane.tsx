// The event at the slider's version: normalized fields and the pretty-printed raw line.

import { useMemo, type ReactNode } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { formatCount } from '../../lib/format'
import { Instant } from '../../ui/instant'
import { useAppStore, useSliderVersion } from '../../store'
import { CopyButton } from '../../ui/copy-button'
import { EmptyState, ErrorLine, Pane } from '../../ui/pane'
import { SameCorrelationButton } from '../correlation/same-correlation-button'
import { CompareButton } from '../diff/compare-button'
import { useGapAt } from '../timeline/use-gap-at'
import { DamagedLine } from './damaged-line'
import { EventPayload } from './event-payload'
import { prettyRaw } from './pretty-raw'
import './event-pane.css'

/** The full event behind the current version. */
export function EventPane() {
  const { aggregateId, version, event, error, streamFailed } = useAppStore(
    useShallow((s) => ({
      aggregateId: s.stream.aggregateId,
      // The stream could not be opened (its file is gone, unreadable): no event will come.
      streamFailed: s.stream.error !== null && s.stream.info === null && !s.stream.loading,
      version: s.inspection.aggregateId === s.stream.aggregateId ? s.inspection.version : null,
      event: s.inspection.event,
      error: s.inspection.eventError,
    })),
  )
  const raw = useMemo(() => (event ? prettyRaw(event.raw) : ''), [event])
  const focused = useAppStore(
    useShallow((s) => {
      const focus = s.stream.focus
      const problem = focus && s.stream.info?.problems.find((entry) => entry.row === focus.row)?.problem
      return { version: focus?.version ?? null, problem: problem ?? null }
    }),
  )
  // A database has rows, not lines: its events have no line to name (their `line` is the version).
  const hasLines = useAppStore((s) => (s.store.summary?.source.kind ?? 'jsonl') === 'jsonl')
  const current = useSliderVersion()
  // A version a database counts without a row: its timeline row says why; no event will come.
  const gap = useGapAt(version)
  // A damaged line picked in the timeline or the Problems panel stays shown until the slider moves.
  const damaged = aggregateId && focused.problem && focused.version === current ? focused.problem : null

  return (
    <Pane
      title="Event"
      className="event-pane"
      detail={
        damaged ? (
          <span className="mono">line {damaged.line === null ? '—' : formatCount(damaged.line)}</span>
        ) : (
          event && hasLines && <span className="mono">line {formatCount(event.line)}</span>
        )
      }
      tools={
        <>
          <CompareButton />
          <SameCorrelationButton />
        </>
      }
    >
      <div className="event-body" role="region" aria-label="Event">
        {error && !damaged && !gap && version !== null && version > 0 && <ErrorLine message={error} />}
        {damaged && aggregateId ? (
          <DamagedLine aggregateId={aggregateId} problem={damaged} />
        ) : !aggregateId ? (
          <EmptyState
            title="No event selected"
            hint="Select an aggregate, then a row in its timeline or a position on the slider."
          />
        ) : streamFailed ? (
          <EmptyState
            title="No event to show"
            hint="This aggregate's stream could not be opened; the timeline says why."
          />
        ) : version === 0 ? (
          <EmptyState
            title="Version 0 has no event"
            hint="It is the state before the first event. Step forward to see event 1."
          />
        ) : gap ? (
          <EmptyState
            title={`Version ${formatCount(gap.version)} has no row`}
            hint={`${gap.message.charAt(0).toUpperCase()}${gap.message.slice(1)}.`}
          />
        ) : !event ? (
          error ? null : (
            <EmptyState title="Loading event…" busy />
          )
        ) : (
          <>
            {version !== null && event.version !== version && (
              <p className="event-note" role="note">
                The event the reducer failed on, v {formatCount(event.version)}; the state shown is v{' '}
                {formatCount(version)}, before it.
              </p>
            )}
            <dl className="event-fields">
              <Field label="type" value={event.type ?? '(none)'} strong copy={event.type} />
              <Field label="version" value={formatCount(event.version)} />
              <dt>time</dt>
              <dd>
                <Instant iso={event.occurredAt} withZone />
              </dd>
              <Field label="id" value={event.id ?? '(none)'} mono copy={event.id} />
              <Field label="aggregate" value={event.aggregateId ?? '(none)'} mono copy={event.aggregateId} />
              {hasLines && <Field label="line" value={formatCount(event.line)} />}
            </dl>
            {event.problems?.map((problem) => (
              <p key={problem.message} className={`event-note ${problem.severity}`} role="note">
                {problem.message}
              </p>
            ))}
            <EventPayload event={event} />
            {event.storedPayload !== undefined && (
              <>
                <div className="raw-toolbar">
                  <span className="muted">Payload as stored</span>
                  <CopyButton text={event.storedPayload} what="stored payload" label="Copy" />
                </div>
                <pre className="event-raw mono" aria-label="Payload as stored">
                  {event.storedPayload}
                </pre>
              </>
            )}
            <div className="raw-toolbar">
              <span className="muted">{hasLines ? 'Raw line' : 'Raw event'}</span>
              <CopyButton text={event.raw} what="raw event" label="Copy" />
            </div>
            <pre className="event-raw mono" aria-label="Raw event JSON">
              {raw}
            </pre>
          </>
        )}
      </div>
    </Pane>
  )
}

/** One normalized field, shown whole (long ids wrap instead of being cut), with Copy where useful. */
function Field(props: {
  readonly label: string
  readonly value: string
  readonly title?: string | undefined
  readonly mono?: boolean
  readonly strong?: boolean
  readonly copy?: string | null
}): ReactNode {
  return (
    <>
      <dt>{props.label}</dt>
      <dd className={`${props.mono ? 'mono' : ''} ${props.strong ? 'strong' : ''}`} title={props.title}>
        <span className="event-value">{props.value}</span>
        {props.copy ? <CopyButton text={props.copy} what={`event ${props.label}`} /> : null}
      </dd>
    </>
  )
}
