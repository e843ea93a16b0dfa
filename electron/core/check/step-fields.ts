// What an expression sees at one version of a stream: the event's fields, `state` after it, `prev`
// before it. Version 0 has no event: empty payload, no type, and the initial state as both states.

import type { ExactJson } from '../json/json-value'
import type { EventFields } from '../search/evaluate'
import type { VersionStep } from './version-walk'

/** The fields of one step for evaluate.ts. O(1): nothing is copied. */
export function stepFields(step: VersionStep): EventFields {
  const { envelope } = step.event
  return {
    payload: step.payload,
    metadata: envelope.metadata,
    type: envelope.type,
    id: envelope.id,
    occurredAt: envelope.occurredAt,
    version: step.version,
    aggregateId: step.aggregateId,
    state: step.state,
    prev: step.prev,
  }
}

/** The fields at version 0: before the first event, nothing happened. */
export function initialFields(aggregateId: string, state: ExactJson): EventFields {
  return {
    payload: {},
    metadata: null,
    type: null,
    id: null,
    occurredAt: null,
    version: 0,
    aggregateId,
    state,
    prev: state,
  }
}
