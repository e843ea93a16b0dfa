// Search matches as the results list shows and exports them: in the order picked (time by default),
// and as JSONL with every digit of big integers. Pure functions over the host's answer.

import type { SearchMatchDto } from '../../../shared/contract'
import { previewExact } from './exact-numbers'

export type MatchOrder = 'time' | 'time-desc' | 'aggregate' | 'type'

export const matchOrders: readonly { readonly value: MatchOrder; readonly label: string }[] = [
  { value: 'time', label: 'Time, oldest first' },
  { value: 'time-desc', label: 'Time, newest first' },
  { value: 'aggregate', label: 'Aggregate, then version' },
  { value: 'type', label: 'Event type, then time' },
]

/**
 * The matches in `order`; a stable sort, so ties keep the host's order (stream, then version).
 * Events without a time sort after those with one. O(n log n) over at most the search limit.
 */
export function sortMatches(matches: readonly SearchMatchDto[], order: MatchOrder): SearchMatchDto[] {
  const byAggregate = (a: SearchMatchDto, b: SearchMatchDto): number =>
    compareText(a.aggregateId, b.aggregateId) || a.version - b.version
  const byTime = (a: SearchMatchDto, b: SearchMatchDto): number => {
    const [x, y] = [timeOf(a), timeOf(b)]
    if (x === y) return 0
    if (Number.isNaN(x)) return 1
    if (Number.isNaN(y)) return -1
    return x - y
  }
  const compare: Record<MatchOrder, (a: SearchMatchDto, b: SearchMatchDto) => number> = {
    time: (a, b) => byTime(a, b) || byAggregate(a, b),
    'time-desc': (a, b) => {
      const [x, y] = [timeOf(a), timeOf(b)]
      if (Number.isNaN(x) !== Number.isNaN(y)) return Number.isNaN(x) ? 1 : -1
      return byTime(b, a) || byAggregate(a, b)
    },
    aggregate: byAggregate,
    type: (a, b) => compareText(a.type ?? '\uffff', b.type ?? '\uffff') || byTime(a, b) || byAggregate(a, b),
  }
  return [...matches].sort(compare[order])
}

/** The matches as JSONL, one event per line in the order given; integers beyond 2^53 keep their digits. */
export function matchesAsJsonl(matches: readonly SearchMatchDto[]): string {
  return matches
    .map(
      (match) =>
        `{"aggregate_id":${JSON.stringify(match.aggregateId)},"version":${match.version},` +
        `"event_type":${JSON.stringify(match.type)},"occurred_at":${JSON.stringify(match.occurredAt)},` +
        `"payload":${previewExact(match.payload, match.exact, Number.POSITIVE_INFINITY)}}\n`,
    )
    .join('')
}

function timeOf(match: SearchMatchDto): number {
  return match.occurredAt === null ? Number.NaN : Date.parse(match.occurredAt)
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
