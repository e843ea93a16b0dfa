// The event's payload (and metadata) as a tree, every number as the line has it: main sends each
// literal a double would print otherwise (`1.0`, `-0.0`, `1E5`, beyond 2^53) beside the value, by
// JSON Pointer (NormalizedEvent.exact), as it does for a state.

import type { NormalizedEvent } from '../../../../shared/contract'
import { indexChanges } from '../../lib/change-index'
import { JsonTree } from '../state/json-tree'

const noChanges = indexChanges([])

/** Payload, then metadata where the event has any. */
export function EventPayload(props: {
  readonly event: Pick<NormalizedEvent, 'payload' | 'metadata' | 'exact' | 'exactMetadata'>
}) {
  const { event } = props
  return (
    <div className="event-payload" role="group" aria-label="Payload">
      <span className="muted">Payload</span>
      <JsonTree value={event.payload} exact={event.exact ?? null} changes={noChanges} label="Payload" />
      {event.metadata ? (
        <>
          <span className="muted">Metadata</span>
          <JsonTree
            value={event.metadata}
            exact={event.exactMetadata ?? null}
            changes={noChanges}
            label="Metadata"
          />
        </>
      ) : null}
    </div>
  )
}
