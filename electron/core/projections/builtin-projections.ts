// Projections every store gets without writing any code: counts by event type and aggregate type,
// events over time, and aggregates by last activity. Plain folds over the store's events, in any order.

import type { Json } from '../../../shared/contract'
import { inferAggregateType } from '../stream/envelope'
import { histogramOf, type TimedType } from '../timeline-stats/histogram'
import type { OrderedEvent } from './global-order'

export interface BuiltinProjection {
  readonly name: string
  readonly label: string
  /** Whether the events must arrive in global time order (costs a second pass). */
  readonly ordered: boolean
  readonly run: () => { onEvent: (event: OrderedEvent) => void; result: () => Json }
}

export const builtinProjections: readonly BuiltinProjection[] = [
  {
    name: 'events-per-type',
    label: 'Events per type',
    ordered: false,
    run: () => {
      const counts = new Map<string, number>()
      return {
        onEvent: (event) => increment(counts, event.envelope.type ?? '(none)'),
        result: () => table(counts, 'eventType'),
      }
    },
  },
  {
    name: 'events-per-aggregate-type',
    label: 'Events per aggregate type',
    ordered: false,
    run: () => {
      const counts = new Map<string, number>()
      const typeOf = new Map<string, string>()
      return {
        onEvent: (event) => {
          // The aggregate's type comes from its first event, as in the aggregates table; unordered runs
          // read stream by stream, so version 1 of each aggregate arrives first.
          if (event.version === 1)
            typeOf.set(event.aggregateId, inferAggregateType(event.envelope) ?? '(unknown)')
          increment(counts, typeOf.get(event.aggregateId) ?? '(unknown)')
        },
        result: () => table(counts, 'aggregateType'),
      }
    },
  },
  {
    name: 'events-over-time',
    label: 'Events over time',
    ordered: false,
    run: () => {
      const events: TimedType[] = []
      return {
        onEvent: (event) => {
          events.push({ ms: event.envelope.occurredAtMs, type: event.envelope.type })
        },
        result: () => {
          const histogram = histogramOf(events)
          return histogram.buckets.map((bucket) => ({ start: bucket.start, events: bucket.total }))
        },
      }
    },
  },
  {
    name: 'aggregates-by-last-activity',
    label: 'Aggregates by last activity',
    ordered: false,
    run: () => {
      const latest = new Map<string, { ms: number; at: string | null; events: number }>()
      return {
        onEvent: (event) => {
          const row = latest.get(event.aggregateId) ?? { ms: Number.NEGATIVE_INFINITY, at: null, events: 0 }
          row.events++
          const ms = event.envelope.occurredAtMs
          if (!Number.isNaN(ms) && ms >= row.ms) {
            row.ms = ms
            row.at = event.envelope.occurredAt
          }
          latest.set(event.aggregateId, row)
        },
        result: () =>
          [...latest]
            .sort((a, b) => b[1].ms - a[1].ms || (a[0] < b[0] ? -1 : 1))
            .map(([aggregateId, row]) => ({ aggregateId, lastEventAt: row.at, events: row.events })),
      }
    },
  },
]

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1)
}

function table(counts: Map<string, number>, keyName: string): Json {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([key, events]) => ({ [keyName]: key, events }))
}
