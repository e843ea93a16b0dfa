// The lines of a chunk a search counts without handing them out: those its needles rule out that are
// certainly events (object-line.ts), or, for a caller that confirms its total against a known count,
// that look like one (`{…}`). The line reader asks this at each line start (line-splitter.ts's
// LineSkipper), so such a line costs one walk over its bytes: no span, callback or needle question of
// its own. Those were as costly as the walk itself in a cold search.

import type { LineSkipper } from '../stream/line-splitter'
import type { NeedleFinder } from './needle-finder'
import { certainLines } from './object-line'

export interface RuledOutOptions {
  /** Count a line that merely looks like an event (scan-lines.ts's trustShape); skip other lines. */
  readonly trustShape?: boolean
  /** Asked before each skip: while it says false, every line is handed out. */
  readonly active?: () => boolean
}

const LF = 0x0a

export class RuledOutLines implements LineSkipper {
  /** Lines passed over by the last skip. */
  lines = 0
  /** Events counted in all: every line passed over, or with trustShape those that look like one. */
  events = 0

  /** `groups`: a line matches only if, for every group, one of its needles lies within it. */
  constructor(
    private readonly groups: readonly (readonly NeedleFinder[])[],
    private readonly options: RuledOutOptions = {},
  ) {}

  skip(chunk: Buffer, start: number): number {
    if (this.options.active && !this.options.active()) {
      this.lines = 0
      return start
    }
    const limit = Math.min(this.noMatchBefore(chunk, start), chunk.length)
    if (this.options.trustShape) return this.shapedLines(chunk, start, limit)
    const after = certainLines(chunk, start, limit)
    this.lines = certainLines.counted
    this.events += this.lines
    return after
  }

  // Lines ended by a line feed before `limit`, each counted as an event when it looks like an object,
  // as scan-lines.ts counts a line by its shape; a line opening with a byte order mark is left to the
  // reader (the shape is that of what follows the mark). O(bytes): a line feed search per line.
  private shapedLines(chunk: Buffer, start: number, limit: number): number {
    let at = start
    let lines = 0
    while (at < limit && chunk[at] !== 0xef) {
      const feed = chunk.indexOf(LF, at)
      if (feed === -1 || feed >= limit) break
      if (looksLikeObject(chunk, at, feed)) this.events++
      lines++
      at = feed + 1
    }
    this.lines = lines
    return at
  }

  /**
   * An offset no line ending before can match at: a line needs a hit of every group, and the group
   * whose next hit comes last has none before that hit. Without groups every line may match.
   * O(groups x needles) lookups, each amortized over the chunk (needle-finder.ts).
   */
  private noMatchBefore(chunk: Buffer, start: number): number {
    if (this.groups.length === 0) return start
    let bound = start
    for (const group of this.groups) {
      let first = Number.POSITIVE_INFINITY
      for (const finder of group) {
        const hit = finder.nextAt(chunk, start)
        if (hit !== -1 && hit < first) first = hit
      }
      if (first > bound) bound = first
    }
    return bound
  }
}

/** Whether bytes [start, end) look like an event: a valid one is a JSON object, so `{`…`}` around blanks. */
export function looksLikeObject(bytes: Uint8Array, start: number, end: number): boolean {
  let first = start
  let last = end - 1
  while (first <= last && isBlank(bytes[first] as number)) first++
  while (last >= first && isBlank(bytes[last] as number)) last--
  return first < last && bytes[first] === 0x7b && bytes[last] === 0x7d
}

function isBlank(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0d || byte === 0x0a
}
