// The Correlation tab: every event sharing one correlation id, across aggregates, in time order.

import { useShallow } from 'zustand/react/shallow'
import { formatCount } from '../../lib/format'
import { useAppStore } from '../../store'
import { EmptyState, ErrorLine } from '../../ui/pane'
import { LeftOutNote } from '../integrity/left-out-note'
import { EventList } from '../search/event-list'

/** The list; clicking an event opens its aggregate at its version. */
export function CorrelationPanel() {
  const { correlation, selected } = useAppStore(
    useShallow((s) => ({ correlation: s.correlation, selected: s.stream.aggregateId })),
  )
  const { result, source } = correlation
  return (
    <div className="dock-column">
      <div className="dock-toolbar">
        {result?.correlationId ? (
          <span className="ellipsis">
            Correlation <strong className="mono">{result.correlationId}</strong>:{' '}
            {formatCount(result.events.length)} {result.events.length === 1 ? 'event' : 'events'} across{' '}
            {formatCount(new Set(result.events.map((e) => e.aggregateId)).size)} aggregates
            <LeftOutNote leftOut={result.leftOut} what="not followed" separated />
          </span>
        ) : (
          <span className="muted">
            {source
              ? `From v ${source.version} of ${source.aggregateId}`
              : 'Pick an event with a correlation id'}
          </span>
        )}
        {correlation.loading && <span className="spinner tiny" aria-label="Following the correlation" />}
      </div>
      {correlation.error && <ErrorLine message={correlation.error} />}
      {!result ? (
        correlation.loading ? null : (
          <EmptyState
            title="No correlation asked yet"
            hint="In the Event pane, “Same correlation” lists every event with that event’s correlation id."
          />
        )
      ) : result.correlationId === null ? (
        <EmptyState title="This event has no correlation id" />
      ) : (
        <EventList
          label="Correlated events"
          events={result.events}
          current={source}
          selectedAggregate={selected}
        />
      )}
    </div>
  )
}
