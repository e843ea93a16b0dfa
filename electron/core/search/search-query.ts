// A store-wide search: what to look for, compiled once into a per-event test and byte needles.

import type { Json } from '../../../shared/contract'
import type { ScannedEvent } from '../scan/scan-lines'
import { caselessNeedle, type Needle } from '../scan/needle-finder'
import { inferAggregateType } from '../stream/envelope'
import { exactEnvelope } from '../stream/event-reader'
import { matches } from './evaluate'
import { ExpressionError } from './expression-error'
import { needsState, parseExpression, type Expression } from './expression'
import { anyLiteral, expressionNeedles } from './prefilter'
import { appendAll } from '../../../shared/array-ops'

export interface SearchQuery {
  readonly eventTypes?: readonly string[]
  /** Aggregate types as the aggregates table shows them (`aggregate_type`, else inferred). */
  readonly aggregateTypes?: readonly string[]
  readonly aggregateIds?: readonly string[]
  /** Inclusive bounds on the event time (ISO 8601); events without a time never match a range. */
  readonly since?: string
  readonly until?: string
  /** A predicate in the expression language (see expression.ts). */
  readonly where?: string
  /** Case-insensitive substring of the raw line. */
  readonly text?: string
}

export interface CompiledSearch {
  readonly needles: Needle[][]
  /** Whether to read the stream of this aggregate at all. */
  readonly wantsStream: (aggregateId: string) => boolean
  /** Whether a stream whose first event is this one can hold matches. */
  readonly wantsFirst: (first: ScannedEvent) => boolean
  readonly test: (event: ScannedEvent) => boolean
}

/** Compile a query; throws ExpressionError for a malformed `where` and RangeError for a bad time. */
export function compileSearch(query: SearchQuery): CompiledSearch {
  const where: Expression | null = query.where?.trim() ? parseExpression(query.where) : null
  const stateColumn = where === null ? null : needsState(where)
  // A search reads events without replaying them; the states belong to `eventscope check` and breakpoints.
  if (stateColumn !== null)
    throw new ExpressionError(
      'state, prev, changed(), from() and to() need the aggregate replayed: use them in `eventscope check` or a breakpoint',
      stateColumn,
    )
  const types = query.eventTypes?.length ? new Set(query.eventTypes) : null
  const aggregateTypes = query.aggregateTypes?.length ? new Set(query.aggregateTypes) : null
  const ids = query.aggregateIds?.length ? new Set(query.aggregateIds) : null
  const since = timeBound(query.since, 'since')
  const until = timeBound(query.until, 'until')
  const text = query.text ? query.text.toLowerCase() : null

  const needles: Needle[][] = []
  const typeNeedles = query.eventTypes?.length ? anyLiteral(query.eventTypes) : null
  if (typeNeedles) needles.push(typeNeedles)
  const textNeedle = query.text ? caselessNeedle(query.text) : null
  if (textNeedle) needles.push([textNeedle])
  if (where) appendAll(needles, expressionNeedles(where))

  return {
    needles,
    wantsStream: (aggregateId) => !ids || ids.has(aggregateId),
    wantsFirst: (first) => !aggregateTypes || aggregateTypes.has(inferAggregateType(first.envelope) ?? ''),
    test: (event) => {
      const { envelope } = event
      if (types && !types.has(envelope.type ?? '')) return false
      if (since !== null || until !== null) {
        const at = envelope.occurredAtMs
        if (Number.isNaN(at) || (since !== null && at < since) || (until !== null && at > until)) return false
      }
      if (text !== null && !event.raw.toLowerCase().includes(text)) return false
      if (where === null) return true
      // Numbers compare as written: a line that may hold a literal a double changes is read exactly.
      const exact = exactEnvelope(event, event.style) ?? envelope
      return matches(where, {
        payload: exact.payload,
        metadata: exact.metadata as Json,
        type: envelope.type,
        id: envelope.id,
        occurredAt: envelope.occurredAt,
        version: event.version,
        aggregateId: event.aggregateId,
      })
    },
  }
}

function timeBound(value: string | undefined, name: string): number | null {
  if (value === undefined || value === '') return null
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) throw new RangeError(`${name} is not a time: ${value}`)
  return ms
}
