// The lines of a store that hold no event, as a whole-store reader (search, projections, invariant
// checks, correlations) met them: counted, with the first one named, so the command can say that its
// answer leaves them out instead of answering as if the store were whole.

import type { LinesLeftOut as LinesLeftOutSummary, Problem } from '../../../shared/contract'

export type { LinesLeftOutSummary }

export class LinesLeftOut {
  private lines = 0
  private readonly streams = new Set<string>()
  private first: LinesLeftOutSummary['first'] = null

  /** One line of `aggregateId`'s stream that holds no event, for the last of its problems (the reason). */
  add(aggregateId: string, problem: Problem): void {
    this.addCounted(aggregateId, 1, problem)
  }

  /** `lines` lines of one stream, counted where it was read (a worker), the first of them given. */
  addCounted(aggregateId: string, lines: number, first: Problem | null): void {
    if (lines === 0) return
    this.lines += lines
    this.streams.add(aggregateId)
    if (first) this.first ??= { aggregateId, line: first.line ?? 0, message: first.message }
  }

  summary(): LinesLeftOutSummary {
    return { lines: this.lines, streams: this.streams.size, first: this.first }
  }
}

/** What a reader of rows (a database) leaves out: nothing, a row is always an event. */
export const noLinesLeftOut: LinesLeftOutSummary = { lines: 0, streams: 0, first: null }
