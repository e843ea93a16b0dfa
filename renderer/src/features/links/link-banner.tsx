// What the last link said: that it went stale (its version now holds another event), with the nearest
// match to go to, or why it could not be followed.

import { useAppStore } from '../../store'
import type { StaleLink } from '../../store/links-slice'
import { ErrorLine } from '../../ui/pane'
import './links.css'

/** The stale-link warning or the link's error; nothing when the last link was followed as it said. */
export function LinkBanner() {
  const stale = useAppStore((s) => s.link.stale)
  const error = useAppStore((s) => s.link.error)
  const resolved = useAppStore((s) => s.staleLinkResolved)
  const forgotten = useAppStore((s) => s.linkForgotten)
  if (error) return <ErrorLine message={`Link: ${error}`} action={<Dismiss onClick={forgotten} />} />
  if (!stale) return null
  return (
    <div className="stale-link" role="alert">
      <span className="stale-link-text">{describeStale(stale)}</span>
      {stale.matchVersion !== null && (
        <button type="button" className="button small primary" onClick={() => resolved(false)}>
          Go to version {stale.matchVersion}
        </button>
      )}
      {stale.eventCount !== null && stale.eventCount > 0 && (
        <button type="button" className="button small" onClick={() => resolved(true)}>
          Show version {Math.min(stale.version, stale.eventCount)} as it is now
        </button>
      )}
      <Dismiss onClick={forgotten} />
    </div>
  )
}

function Dismiss(props: { readonly onClick: () => void }) {
  return (
    <button type="button" className="button small" onClick={props.onClick}>
      Dismiss
    </button>
  )
}

/** The one sentence a stale link gets: what it pointed at, what is there now, where its event went. */
export function describeStale(stale: StaleLink): string {
  const was = `This link is stale: version ${stale.version} of ${stale.aggregateId} was event ${stale.eventId} when the link was made`
  const now =
    stale.nowEventId !== null
      ? `; it is now event ${stale.nowEventId}`
      : `; the stream now has ${stale.eventCount ?? 0} events`
  const match =
    stale.matchVersion !== null
      ? `. That event is now version ${stale.matchVersion}.`
      : '. That event is no longer in the stream.'
  return `${was}${now}${match}`
}
