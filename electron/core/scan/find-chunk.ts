// One byte range of a stream searched as scanLines searches the whole (scan-lines.ts): lines that hold
// the needles are judged and handed back as candidates; every other line is only counted, checked
// byte by byte (object-line.ts) or parsed where that cannot tell, so the count of events before each
// candidate is exact. Runs on a worker thread per range (worker/parallel-find.ts) so a cold search of
// a big stream uses every core; the caller joins the ranges in order and tests the candidates.

import type { EnvelopeStyle, Problem } from '../../../shared/contract'
import { readLines } from '../stream/line-reader'
import { judgeLine } from '../stream/line-verdict'
import { NeedleFinder, type Needle } from './needle-finder'
import { isCertainObjectLine } from './object-line'
import { RuledOutLines } from './ruled-out-lines'

const chunkBytes = 1024 * 1024

/** A range of a stream: from a line's first byte to just after a line feed (until: the file's end). */
export interface FindRange {
  readonly from: number
  readonly until?: number | undefined
  /** Leave an unterminated last line out (it is read with the range after). */
  readonly skipTail?: boolean
  /** Read with synchronous reads (line-reader.ts): only on a thread that does nothing else meanwhile. */
  readonly syncReads?: boolean
}

/** What a range holds: its events and lines, and its candidates: the events that were parsed. */
export interface FoundChunk {
  readonly events: number
  readonly lines: number
  /** Where the range's reading ended (after its last whole line). */
  readonly consumed: number
  /** Per candidate: the events of the range before it (0-based), its line in the range (1-based). */
  readonly before: number[]
  readonly lineNumbers: number[]
  readonly offsets: number[]
  readonly texts: string[]
  /** The lines that pass the needles but hold no event, each by the last of its problems (line in the range). */
  readonly noEvent: Problem[]
}

/** Search one range with the stream's style. O(range bytes) of byte search and checks. */
export async function findInRange(
  file: string,
  range: FindRange,
  style: EnvelopeStyle,
  needles: readonly (readonly Needle[])[],
  signal?: AbortSignal,
): Promise<FoundChunk> {
  const groups = needles.map((group) => group.map((needle) => new NeedleFinder(needle)))
  const finders = groups.flat()
  let events = 0
  const found: FoundChunk = {
    events: 0,
    lines: 0,
    consumed: 0,
    before: [],
    lineNumbers: [],
    offsets: [],
    texts: [],
    noEvent: [],
  }
  for (const finder of finders) finder.reset()
  // Most lines are passed over here, counted as events; only the others reach the callback below.
  const skipper = new RuledOutLines(groups)
  const end = await readLines(
    file,
    {
      from: range.from,
      until: range.until,
      skipTail: range.skipTail ?? false,
      syncReads: range.syncReads ?? false,
      chunkBytes,
      signal,
      skipper,
      afterChunk: () => {
        for (const finder of finders) finder.reset()
      },
    },
    (span) => {
      const passes = groups.every((group) =>
        group.some((finder) => finder.within(span.buffer, span.start, span.end)),
      )
      if (!passes && span.tooLong === undefined && isCertainObjectLine(span.buffer, span.start, span.end)) {
        events++
        return
      }
      // Parsed, as scanLines parses a line it cannot tell: the caller's test decides, as there.
      const verdict = judgeLine(span, style)
      if (verdict.event === null) {
        const reason = verdict.problems.at(-1)
        if (passes && reason) found.noEvent.push(reason)
        return
      }
      // Events before it: those handed to this callback and those the skipper counted.
      found.before.push(events + skipper.events)
      found.lineNumbers.push(span.line)
      found.offsets.push(span.contentOffset)
      found.texts.push(verdict.event.text)
      events++
    },
  )
  return { ...found, events: events + skipper.events, lines: end.linesSeen, consumed: end.consumedOffset }
}

/** Needles as they cross to a worker thread (a Buffer arrives as a Uint8Array): as Needles again. */
export function revivedNeedles(needles: readonly (readonly Needle[])[]): Needle[][] {
  return needles.map((group) =>
    group.map((needle) =>
      'bytes' in needle
        ? { bytes: Buffer.from(needle.bytes.buffer, needle.bytes.byteOffset, needle.bytes.byteLength) }
        : needle,
    ),
  )
}
