// Answers of the host shaped as the contract says, for the store tests.

import type { AggregateRow, ChannelOutput, StreamInfo, TimelineRow } from '../../../../shared/contract'

/** A stream of `eventCount` events and no damage (or the given problem rows). */
export function streamInfoOf(
  aggregateId: string,
  eventCount: number,
  problems: StreamInfo['problems'] = [],
): StreamInfo {
  return {
    aggregateId,
    type: 'Order',
    style: null,
    eventCount,
    rowCount: eventCount + problems.length,
    problems,
    problemCount: problems.length,
    firstEventAt: null,
    lastEventAt: null,
  }
}

/** The event row of `version` on line `line` (row = version - 1 unless given). */
export function eventRow(version: number, line = version, row = version - 1): TimelineRow {
  return { kind: 'event', row, version, line, type: 'Placed', occurredAt: null, id: null, summary: '' }
}

/** An aggregates-table row. */
export function aggregateRow(id: string, status: AggregateRow['status'] = 'ok'): AggregateRow {
  return { id, type: 'Order', eventCount: 1, indexedCount: 1, lastEventAt: null, status, issues: [] }
}

/** state.at's answer: the state `{ v: version }`. */
export function stateAt(aggregateId: string, version: number, eventCount = 10): ChannelOutput<'state.at'> {
  return { aggregateId, version, eventCount, state: { v: version }, changes: [] }
}

/** event.get's answer for `version`. */
export function eventAt(aggregateId: string, version: number): ChannelOutput<'event.get'> {
  return {
    version,
    line: version,
    type: 'Placed',
    occurredAt: null,
    id: `e${version}`,
    aggregateId,
    payload: { v: version },
    metadata: null,
    raw: '{}',
  }
}

/** A problem on `line` of a stream. */
export function problemOn(line: number, kind: 'bad_line' | 'torn_tail' = 'bad_line') {
  return {
    kind,
    severity: 'error' as const,
    line,
    offset: 0,
    message: 'not JSON',
    snippet: null,
  }
}
