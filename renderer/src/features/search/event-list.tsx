// A list of events from anywhere in the store (search matches, correlated events): time, type,
// aggregate, version and a payload preview. Picking one opens its aggregate at that version.

import type { ExactIntegers, Json } from '../../../../shared/contract'
import { formatCount } from '../../lib/format'
import { Instant } from '../../ui/instant'
import { useAppStore } from '../../store'
import { exactTitle, holdsBeyondSafe, previewExact, roundedTitle } from '../../lib/exact-numbers'
import './event-list.css'

export interface ListedEvent {
  readonly aggregateId: string
  readonly version: number
  readonly type: string | null
  readonly occurredAt: string | null
  readonly payload: Json
  /** Digits of the payload's integers beyond 2^53 (search matches carry them). */
  readonly exact?: ExactIntegers
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
                <Instant iso={event.occurredAt} width="short" className="el-time mono" />
                <span className="el-type ellipsis">{event.type ?? '(no type)'}</span>
                <span className="el-aggregate mono ellipsis">{event.aggregateId}</span>
                <span className="el-version mono num">v {formatCount(event.version)}</span>
                {/* Search rows carry the digits of big integers; any other beyond 2^53 is marked "≈". */}
                <span className="el-payload mono ellipsis">{payloadPreview(event.payload, event.exact)}</span>
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

function payloadPreview(payload: Json, exact: ExactIntegers | undefined) {
  const text = previewExact(payload, exact, 200)
  if (!holdsBeyondSafe(payload)) return text
  return <span title={exact ? exactTitle : roundedTitle}>{text}</span>
}
