// One pass over one stream file that hands out its events with their versions, parsing only the lines
// that pass the caller's byte filters. Store-wide search, correlation, statistics and projections all
// read the store through this.

import type { JsonObject } from '../json/json-value'
import { detectStyle, readEnvelope, type EventEnvelope } from '../stream/envelope'
import type { LineSpan } from '../stream/line-splitter'
import { readLines } from '../stream/line-reader'
import { judgeLine } from '../stream/line-verdict'
import type { EnvelopeStyle, Problem } from '../../../shared/contract'
import { NeedleFinder, type Needle } from './needle-finder'
import { isCertainObjectLine } from './object-line'
import { looksLikeObject, RuledOutLines } from './ruled-out-lines'

const chunkBytes = 1024 * 1024

/** An event of a stream as the scan found it. */
export interface ScannedEvent {
  readonly aggregateId: string
  readonly version: number
  readonly line: number
  /** File offset and length of the line's content, to read it back later. */
  readonly offset: number
  readonly length: number
  readonly raw: string
  readonly value: JsonObject
  /** The stream's envelope style (detected on its first event), the one `envelope` was read in. */
  readonly style: EnvelopeStyle
  readonly envelope: EventEnvelope
}

export interface LineScanOptions {
  /** Needle groups: a line is parsed only if, for every group, one of its needles occurs in its bytes. */
  readonly needles?: readonly (readonly Needle[])[]
  /** Called with the stream's first event, whatever the needles; return false to skip the stream. */
  readonly accept?: (first: ScannedEvent) => boolean
  /** Called per parsed event; return false to stop reading this stream. */
  readonly onEvent: (event: ScannedEvent) => boolean | void
  /**
   * Called per line that holds no event (a problem of it: the reason) and that passes the needles: one
   * that might have been an answer. A line the needles rule out could not be, damaged or not.
   */
  readonly onNoEvent?: (problem: Problem) => void
  /** Called after each chunk with the bytes read since the last call. */
  readonly onBytes?: (bytes: number) => void
  readonly signal?: AbortSignal
  /**
   * Count a line the needles ruled out as an event when it merely looks like one (`{…}`): cheapest,
   * for a caller that confirms the total against a known count (`guessed` says how many). Otherwise
   * such a line is checked byte by byte (object-line.ts) and parsed where that cannot tell, so every
   * version is exact in one pass.
   */
  readonly trustShape?: boolean
}

export interface LineScanResult {
  /** Events counted; exact only when `guessed` is 0 (always, without `trustShape`). */
  readonly events: number
  /** Lines skipped by the needles and counted as events because they look like one (`{…}`). */
  readonly guessed: number
  readonly bytes: number
}

/**
 * Read a stream file from start to end; O(file bytes) of byte search plus O(parsed lines) of parsing.
 *
 * Versions follow the stream index: the 1-based position among valid events (JSON objects). A line the
 * needles rule out is not parsed, so whether it is valid is guessed from its shape; the result says how
 * many were guessed, so a caller that needs exact versions can compare with a known count.
 */
export async function scanLines(
  file: string,
  aggregateId: string,
  options: LineScanOptions,
): Promise<LineScanResult> {
  const groups = (options.needles ?? []).map((group) => group.map((needle) => new NeedleFinder(needle)))
  const finders = groups.flat()
  const passes = (span: LineSpan): boolean =>
    groups.every((group) => group.some((finder) => finder.within(span.buffer, span.start, span.end)))
  let style: EnvelopeStyle | null = null
  let events = 0
  let guessed = 0
  let stopped = false
  // Runs of lines the needles rule out are counted in place (ruled-out-lines.ts), once the style is
  // known; the lines it cannot pass over reach onLine, which decides them as before.
  const trustShape = options.trustShape ?? false
  const ruledOut = new RuledOutLines(groups, { trustShape, active: () => style !== null && !stopped })
  const onLine = (span: LineSpan): void => {
    if (stopped) return
    // The first object-shaped line is always parsed: it fixes the stream's envelope style.
    if (style !== null && !passes(span)) {
      if (options.trustShape) {
        if (looksLikeObject(span.buffer, span.start, span.end)) {
          events++
          guessed++
        }
        return
      }
      if (span.tooLong === undefined && isCertainObjectLine(span.buffer, span.start, span.end)) {
        events++
        return
      }
      // Not known to be an event: parse it as every reader does (below); the test then decides.
    }
    const verdict = judgeLine(span, style)
    if (verdict.event === null) {
      const reason = verdict.problems.at(-1)
      if (reason && options.onNoEvent && passes(span)) options.onNoEvent(reason)
      return
    }
    const { value, text: raw } = verdict.event
    events++
    const first = style === null
    style ??= detectStyle(value)
    const event: ScannedEvent = {
      aggregateId,
      version: events + ruledOut.events,
      line: span.line,
      offset: span.contentOffset,
      length: span.end - span.start,
      raw,
      value,
      style,
      envelope: readEnvelope(value, style),
    }
    if (first && options.accept && !options.accept(event)) {
      stopped = true
      return
    }
    if (first && groups.length > 0 && !passes(span)) return
    if (options.onEvent(event) === false) stopped = true
  }
  let bytes = 0
  // Needle finders carry a match across a chunk's lines only: reset them per chunk.
  for (const finder of finders) finder.reset()
  await readLines(
    file,
    {
      chunkBytes,
      signal: options.signal,
      stopped: () => stopped,
      ...(groups.length > 0 ? { skipper: ruledOut } : {}),
      afterChunk: (_done, _total, bytesRead) => {
        bytes += bytesRead
        for (const finder of finders) finder.reset()
        options.onBytes?.(bytesRead)
      },
    },
    onLine,
  )
  // What the skipper passed over: events (certain or, trusting shapes, guessed ones).
  return { events: events + ruledOut.events, guessed: guessed + (trustShape ? ruledOut.events : 0), bytes }
}
