// A database event in the contract's shapes: a timeline row, the event panel's normalized event, and
// the envelope an append answers with. Pure. A database has no lines, so `line` is the version and
// `raw` is the envelope as JSON text with the payload's numbers as the store holds them.

import type { NormalizedEvent, RowProblem, TimelineRow } from '../../../shared/contract'
import { stringifyExact } from '../json/big-integers'
import { toWire } from '../json/exact-wire'
import type { ExactJsonObject, JsonObject } from '../json/json-value'
import type { SourceEvent } from '../source/source'
import { noRowCause, rowProblemSeverity } from '../source/stored-object'
import { fieldCells, summarize } from '../stream/timeline'

/** A version the store counts but holds no row for, in its place in the timeline (row = version - 1). */
export function gapRow(version: number): TimelineRow {
  return { kind: 'gap', row: version - 1, version, message: noRowCause }
}

/**
 * A window's rows, versions `offset + 1` … `end`: each event in its row, each version without one as a
 * gap (a database's events carry their own versions; readEvents leaves out the versions with no row).
 */
export function windowRows(
  events: readonly SourceEvent[],
  offset: number,
  end: number,
  fields: readonly string[] | undefined,
): TimelineRow[] {
  const rows: TimelineRow[] = []
  let next = 0
  for (let version = offset + 1; version <= end; version++) {
    // A second row at a version already shown (a table of your own may hold one) is passed over.
    while ((events[next]?.version ?? Infinity) < version) next++
    const event = events[next]
    if (event?.version === version) {
      rows.push(timelineRow(event, fields))
      next++
    } else rows.push(gapRow(version))
  }
  return rows
}

/** A timeline row of a database event: no damaged lines, so row = version - 1. */
export function timelineRow(event: SourceEvent, fields: readonly string[] | undefined): TimelineRow {
  return {
    kind: 'event',
    row: event.version - 1,
    version: event.version,
    line: event.version,
    type: event.type,
    occurredAt: event.occurredAt,
    id: event.id,
    summary: summarize(event.payload),
    ...(fields && fields.length > 0 ? { cells: fieldCells(event.payload, fields) } : {}),
    ...shownProblems(event),
  }
}

/** A row's problems as the page shows them (absent: none), graded as `verify` grades a line's. */
function shownProblems(event: SourceEvent): { problems?: RowProblem[] } {
  if (!event.problems) return {}
  return {
    problems: event.problems.map((problem) => ({
      severity: rowProblemSeverity(problem),
      message: problem.message,
    })),
  }
}

/** The event panel's normalized event; `raw` is the envelope as JSON (a database has no line). */
export function normalizedEvent(event: SourceEvent): NormalizedEvent {
  const payload = toWire(event.payload)
  const metadata = event.metadata === null ? null : toWire(event.metadata)
  return {
    version: event.version,
    line: event.version,
    type: event.type,
    occurredAt: event.occurredAt,
    id: event.id,
    aggregateId: event.streamId,
    payload: payload.value as JsonObject,
    metadata: (metadata?.value ?? null) as JsonObject | null,
    raw: stringifyExact(exactEnvelopeOf(event)),
    ...(payload.exact ? { exact: payload.exact } : {}),
    ...(metadata?.exact ? { exactMetadata: metadata.exact } : {}),
    ...shownProblems(event),
    // What the row holds where its payload could not be read: the envelope shows it as {}.
    ...(event.problems?.some((problem) => problem.kind !== 'metadata_unreadable')
      ? { storedPayload: event.raw }
      : {}),
  }
}

/** The envelope with the payload's numbers as the store holds them (beyond 2^53, `1.0`…). */
function exactEnvelopeOf(event: SourceEvent): ExactJsonObject {
  return {
    ...(envelopeOf(event) as ExactJsonObject),
    payload: event.payload,
    ...(event.metadata === null ? {} : { metadata: event.metadata }),
  }
}

/** The event with the envelope fields JSON and CSV exports name (snake_case, as the seed's events). */
export function envelopeOf(event: SourceEvent): JsonObject {
  return {
    aggregate_id: event.streamId,
    version: event.version,
    event_id: event.id,
    event_type: event.type,
    occurred_at: event.occurredAt,
    payload: toWire(event.payload).value as JsonObject,
    ...(event.metadata === null ? {} : { metadata: toWire(event.metadata).value as JsonObject }),
    ...(event.globalPosition === null ? {} : { global_position: event.globalPosition }),
  }
}
