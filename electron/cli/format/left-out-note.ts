// The stderr line of a whole-store command (search, project, check) whose answer leaves out lines
// that hold no event: an answer from a damaged store must not look like one from a whole store.

import type { LinesLeftOutSummary } from '../../core/scan/lines-left-out'
import { plural } from './table'
import { quoteArg } from './shell-quote'

/**
 * `eventscope: 2 lines in 1 stream hold no event and were not searched (first: acc-1 line 3: Not valid
 * JSON …); eventscope verify DIR lists each`; null when no line was left out.
 */
export function leftOutNote(leftOut: LinesLeftOutSummary, dir: string, what: string): string | null {
  if (leftOut.lines === 0) return null
  const { first } = leftOut
  const where = first ? ` (first: ${first.aggregateId} line ${first.line}: ${first.message})` : ''
  const verb = leftOut.lines === 1 ? 'holds' : 'hold'
  return `eventscope: ${plural(leftOut.lines, 'line')} in ${plural(leftOut.streams, 'stream')} ${verb} no event and ${leftOut.lines === 1 ? 'was' : 'were'} ${what}${where}; eventscope verify ${quoteArg(dir)} lists each`
}
