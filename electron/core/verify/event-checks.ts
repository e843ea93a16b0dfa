// Checks on the events of a stream that need each event's envelope: ids present and unique, times
// present, readable and not going backwards. Pure: fed one event at a time, in version order.

import type { Problem } from '../../../shared/contract'
import type { ReadEvent } from '../stream/event-reader'
import { lineProblem } from '../stream/line-problems'
import type { SeenIds } from './seen-ids'

/** Checks one stream's events; keeps the last time seen. */
export class EventChecks {
  private lastTime = Number.NEGATIVE_INFINITY
  private lastTimeText: string | null = null

  /** Starts a stream in `seenIds`: the checks of one stream are made in one go, before the next's. */
  constructor(
    aggregateId: string,
    private readonly seenIds: SeenIds,
    private readonly report: (problem: Problem) => void,
  ) {
    seenIds.startStream(aggregateId)
  }

  check(event: ReadEvent, lineOffset: number): void {
    const { envelope, line } = event
    if (envelope.id === null) {
      this.report(
        lineProblem('missing_id', line, lineOffset, 'Event has no id field (event_id, id or eventId)', null),
      )
    } else {
      const first = this.seenIds.remember(envelope.id, line)
      if (first !== undefined)
        this.report(
          lineProblem(
            'duplicate_event_id',
            line,
            lineOffset,
            `Event id ${envelope.id} was already used at ${first}`,
            null,
          ),
        )
    }
    if (envelope.occurredAt === null) {
      this.report(
        lineProblem(
          'missing_time',
          line,
          lineOffset,
          'Event has no time field (occurred_at, timestamp, …)',
          null,
        ),
      )
    } else if (Number.isNaN(envelope.occurredAtMs)) {
      this.report(
        lineProblem(
          'missing_time',
          line,
          lineOffset,
          `Event time ${JSON.stringify(envelope.occurredAt)} is not an ISO 8601 time`,
          null,
        ),
      )
    } else {
      if (envelope.occurredAtMs < this.lastTime) {
        this.report(
          lineProblem(
            'time_backwards',
            line,
            lineOffset,
            `Event time ${envelope.occurredAt} is before the previous event's ${this.lastTimeText}`,
            null,
          ),
        )
      }
      this.lastTime = envelope.occurredAtMs
      this.lastTimeText = envelope.occurredAt
    }
  }
}
