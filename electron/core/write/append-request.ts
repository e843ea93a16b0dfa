// What an append asks for and what it answers, and the checks a request passes before anything is read.

import { StoreError } from '../errors'
import { isJsonObject, type JsonObject } from '../json/json-value'
import { unsafeAggregateIdReason } from './aggregate-id'

export interface AppendRequest {
  readonly dir: string
  readonly aggregateId: string
  readonly eventType: string
  readonly payload: unknown
  readonly metadata?: unknown
  /** The version the stream must be at before this event; omitted or null: no check. */
  readonly expectedVersion?: number | null
  /** Defaults to a new UUID v4. Re-sending the id of the stream's last event is a no-op. */
  readonly eventId?: string
  /** Epoch microseconds; defaults to now. */
  readonly nowMicros?: number
  /** The event's time as text, kept as given (an import keeps its events' times); wins over nowMicros. */
  readonly occurredAt?: string
  /** The payload's exact text, written as it is (a copy keeps its bytes); must parse to `payload`. */
  readonly payloadText?: string
}

/** One event of a batch: a request without the store directory, which the batch names once. */
export type BatchRequest = Omit<AppendRequest, 'dir'>

export interface AppendResult {
  readonly aggregateId: string
  readonly version: number
  /** The event as written (or, for a duplicate, as the request would have written it). */
  readonly event: JsonObject
  readonly line: string
  readonly duplicate: boolean
  /** The event's id, chosen before it is written (the request's, else a new UUID). */
  readonly eventId: string
  readonly eventType: string
}

/**
 * The events are in their streams, fsync'd, but index.json could not be replaced after them.
 *
 * Not a failure to append: saying "failed" here made users retry and duplicate the event. The message
 * names each event's version and id (a retry with that id is a no-op) and asks for a reindex.
 */
export class IndexBehindError extends StoreError {
  constructor(
    readonly dir: string,
    readonly appended: readonly AppendResult[],
    readonly indexFailure: string,
  ) {
    super('index_behind', indexBehindMessage(dir, appended, indexFailure))
    this.name = 'IndexBehindError'
  }
}

function indexBehindMessage(dir: string, appended: readonly AppendResult[], indexFailure: string): string {
  const last = appended.at(-1)
  const where = last ? `${last.aggregateId} as version ${last.version} (event id ${last.eventId})` : '?'
  const what =
    appended.length === 1 && last
      ? `Appended ${last.eventType} to ${where}`
      : `Appended ${appended.length} events, the last to ${where}`
  return `${what}, durably, but index.json was not updated (${indexFailure.replace(/\.$/, '')}). Do not append it again (retrying with the same event id is a no-op); run \`eventscope reindex ${dir}\` (or Reindex in the app) to bring the index up to date.`
}

/** Throw the refusal of a request that cannot be appended to any store. O(1) but the payload check. */
export function checkRequest(request: BatchRequest): void {
  checkAggregateId(request.aggregateId)
  checkEvent(request)
}

/** Throw the refusal of an aggregate id that is not a safe stream file name. */
export function checkAggregateId(aggregateId: string): void {
  const unsafe = unsafeAggregateIdReason(aggregateId)
  if (unsafe) {
    throw new StoreError(
      'invalid_input',
      `Aggregate id ${JSON.stringify(aggregateId.slice(0, 80))} is not allowed: ${unsafe}.`,
    )
  }
}

/** Throw the refusal of an event (type, payload, metadata, time) that cannot be written. */
export function checkEvent(request: BatchRequest): void {
  if (request.eventType.trim() === '') throw new StoreError('invalid_input', 'The event type is empty.')
  if (!isJsonObject(request.payload))
    throw new StoreError('invalid_input', 'The payload must be a JSON object.')
  if (request.metadata != null && !isJsonObject(request.metadata))
    throw new StoreError('invalid_input', 'The metadata must be a JSON object.')
  if (request.occurredAt !== undefined && request.occurredAt.trim() === '')
    throw new StoreError('invalid_input', 'The event time is empty.')
}
