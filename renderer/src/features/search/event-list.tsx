// A list of events from anywhere in the store (search matches, correlated events): time, type,
// aggregate, version and a payload preview. Picking one opens its aggregate at that version.

import type { Json } from '../../../../shared/contract'
import { formatCount, formatTimeShort } from '../../lib/format'
import { useAppStore } from '../../store'
import { holdsBeyondSafe, previewExact, roundedTitle } from '../state/exact-numbers'
import './event-list.css'

export interface ListedEvent {
  readonly aggregateId: string
  readonly version: number
  readonly type: string | null
  readonly occurredAt: string | null
  readonly payload: Json
}

/** Rows rendered at once; the search caps its matches, a correlation rarely comes near. */
const shownLimit = 1000

/** One row per event, a button each; `current` marks the event the list started from. */
export function EventList(props: {
  readonly label: string
  readonly events: readonly ListedEvent[]
  readonly current?: { readonly aggregateId: string; readonly version: number } | null
  readonly selectedAggregate: string | null
}) {
  const eventOpened = useAppStore((s) => s.eventOpened)
  const shown = props.events.slice(0, shownLimit)
  return (
    <div className="event-list-scroll">
      <ul className="event-list" aria-label={props.label}>
        {shown.map((event) => {
          const here =
            props.current?.aggregateId === event.aggregateId && props.current.version === event.version
          return (
            <li key={`${event.aggregateId}\u0000${event.version}`}>
              <button
                type="button"
                className={`event-list-row ${here ? 'here' : ''} ${props.selectedAggregate === event.aggregateId ? 'open' : ''}`}
                title={`Open ${event.aggregateId} at v ${event.version}`}
                onClick={() => eventOpened(event.aggregateId, event.version)}
              >
                <span className="el-time mono">{formatTimeShort(event.occurredAt)}</span>
                <span className="el-type ellipsis">{event.type ?? '(no type)'}</span>
                <span className="el-aggregate mono ellipsis">{event.aggregateId}</span>
                <span className="el-version mono num">v {formatCount(event.version)}</span>
                {/* Search rows carry parsed payloads: a number beyond 2^53 is marked "≈" (rounded). */}
                <span className="el-payload mono ellipsis">{payloadPreview(event.payload)}</span>
              </button>
            </li>
          )
        })}
      </ul>
      {props.events.length > shownLimit && (
        <p className="muted event-list-more">
          Showing the first {formatCount(shownLimit)} of {formatCount(props.events.length)}.
        </p>
      )}
    </div>
  )
}

function payloadPreview(payload: Json) {
  const text = previewExact(payload, undefined, 200)
  return holdsBeyondSafe(payload) ? <span title={roundedTitle}>{text}</span> : text
}
