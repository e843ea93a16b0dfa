// An import (events kept as they are, from another store) as requests of the directory's batch append.
// Pure.
//
// Each event keeps its id and its time as text; its payload goes in as the text it had, parsed here so
// the object and the written bytes cannot disagree. An event without a time gets the time of writing
// (a line must have one); an empty metadata object is no metadata (Emmett stores {} for none).

import { parseJsonExact } from '../../json/big-integers'
import { isExactObject, type JsonObject } from '../../json/json-value'
import { StoreError } from '../../errors'
import type { BatchRequest } from '../../write/append'
import type { ImportRequest } from '../source'

/** One batch request per event, the first checking the stream is at `expectedVersion`. */
export function importRequests(request: ImportRequest): BatchRequest[] {
  return request.events.map((event, at) => {
    const payload = parseJsonExact(event.payloadText)
    if (!isExactObject(payload))
      throw new StoreError('invalid_input', `the payload of event ${event.id ?? at + 1} is not a JSON object`)
    const metadata = event.metadata !== null && Object.keys(event.metadata).length > 0 ? event.metadata : null
    return {
      aggregateId: request.streamId,
      eventType: event.type,
      payload: payload as JsonObject,
      payloadText: event.payloadText,
      ...(metadata === null ? {} : { metadata: metadata as JsonObject }),
      ...(event.id === null ? {} : { eventId: event.id }),
      ...(event.occurredAt === null ? {} : { occurredAt: event.occurredAt }),
      expectedVersion: request.expectedVersion + at,
    }
  })
}
