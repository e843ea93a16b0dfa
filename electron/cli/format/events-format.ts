// What `eventscope events` prints: one line per event, with line problems between the events they
// fall between, or the JSON document.

import type { EnvelopeStyle, NormalizedEvent, Problem, StreamInfo } from '../../../shared/contract'
import { stringifyExact } from '../../core/json/big-integers'
import { exactEnvelope } from '../../core/stream/event-reader'
import { plural, shorten } from './table'
import { maxOf } from '../../../shared/array-ops'

const payloadChars = 160

/** The heading above the events: id, type, counts. */
export function eventsHeading(info: StreamInfo): string {
  const problems = info.problemCount > 0 ? `, ${plural(info.problemCount, 'problem')}` : ''
  return `${info.aggregateId} (${info.type ?? 'unknown type'}, ${plural(info.eventCount, 'event')}${problems})`
}

export interface EventColumns {
  readonly version: number
  readonly type: number
  /** The stream's envelope style, to read a payload again exactly (see exactParts). */
  readonly style: EnvelopeStyle | null
}

/** Column widths that line up a page of events. */
export function eventColumns(
  events: readonly NormalizedEvent[],
  lastVersion: number,
  style: EnvelopeStyle | null = null,
): EventColumns {
  return {
    version: String(lastVersion).length,
    type: maxOf(
      events.map((event) => typeLabel(event).length),
      0,
    ),
    style,
  }
}

/** One line for an event: version, time, type and the payload shortened to one line. */
export function eventLine(event: NormalizedEvent, columns: EventColumns): string {
  const payload = shorten(stringifyExact(exactParts(event, columns.style).payload), payloadChars)
  return `${String(event.version).padStart(columns.version)}  ${event.occurredAt ?? '-'}  ${typeLabel(event).padEnd(columns.type)}  ${payload}`
}

function typeLabel(event: NormalizedEvent): string {
  return event.type ?? '(no type)'
}

/** One line for a problem of the stream, under the events it follows. */
export function problemLine(problem: Problem, versionWidth: number): string {
  const where = problem.line === null ? '' : `line ${problem.line}: `
  const snippet = problem.snippet ? `  [${problem.snippet}]` : ''
  return `${'!'.padStart(versionWidth)}  ${where}${problem.message}${snippet}`
}

/**
 * Events and problems of one printed page, merged in file order.
 *
 * A problem is shown on the page whose events surround it: after the page's first event's line (or
 * from the top of the file on the first page) and before the next page's first event (or to the end of
 * the file on the last page). Each problem is therefore printed exactly once across pages.
 */
export function interleave(
  events: readonly NormalizedEvent[],
  problems: readonly Problem[],
  range: { readonly afterLine: number; readonly beforeLine: number },
): ({ readonly event: NormalizedEvent } | { readonly problem: Problem })[] {
  const inRange = problems.filter(
    (p) => p.line !== null && p.line > range.afterLine && p.line < range.beforeLine,
  )
  const rows: ({ event: NormalizedEvent } | { problem: Problem })[] = []
  let next = 0
  for (const event of events) {
    while (next < inRange.length && (inRange[next]?.line ?? 0) < event.line)
      rows.push({ problem: inRange[next++] as Problem })
    rows.push({ event })
  }
  while (next < inRange.length) rows.push({ problem: inRange[next++] as Problem })
  return rows
}

/**
 * The `events --json` document's event entry (the contract's NormalizedEvent, minus nothing). Its
 * payload and metadata may hold bigints (integers beyond 2^53): write it with stringifyExact.
 */
export function eventJson(event: NormalizedEvent, style: EnvelopeStyle | null): Record<string, unknown> {
  const { payload, metadata } = exactParts(event, style)
  return {
    version: event.version,
    line: event.line,
    type: event.type,
    occurredAt: event.occurredAt,
    id: event.id,
    payload,
    metadata,
    raw: event.raw,
  }
}

/**
 * Payload and metadata as written: the normalized event carries the nearest double for an integer
 * beyond 2^53, so such an event is read again from its line, exactly, in the stream's style (a flat
 * event may have a `data` field of its own).
 */
function exactParts(
  event: NormalizedEvent,
  style: EnvelopeStyle | null,
): { payload: unknown; metadata: unknown } {
  const exact = exactEnvelope({ raw: event.raw, envelope: event }, style)
  return exact ?? { payload: event.payload, metadata: event.metadata }
}
