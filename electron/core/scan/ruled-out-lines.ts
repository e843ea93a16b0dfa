// The lines of a chunk a search counts without handing them out: those its needles rule out that are
// certainly events (object-line.ts). The line reader asks this at each line start (line-splitter.ts's
// LineSkipper), so such a line costs one walk over its bytes: no line feed search, span, callback or
// needle question of its own. Those were as costly as the walk itself in a cold search.

import type { LineSkipper } from '../stream/line-splitter'
import type { NeedleFinder } from './needle-finder'
import { certainLines } from './object-line'

export class RuledOutLines implements LineSkipper {
  /** Lines passed over by the last skip. */
  lines = 0
  /** Lines passed over in all: each an event. */
  events = 0

  /** `groups`: a line matches only if, for every group, one of its needles lies within it. */
  constructor(private readonly groups: readonly (readonly NeedleFinder[])[]) {}

  skip(chunk: Buffer, start: number): number {
    const limit = Math.min(this.noMatchBefore(chunk, start), chunk.length)
    const after = certainLines(chunk, start, limit)
    this.lines = certainLines.counted
    this.events += this.lines
    return after
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
