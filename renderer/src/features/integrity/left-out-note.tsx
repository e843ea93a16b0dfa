// What a whole-store answer (search, projection, invariant check, correlation) left out: lines that
// hold no event. Shown beside the answer so that one from a damaged store does not look like one from
// a whole store.

import type { LinesLeftOut } from '../../../../shared/contract'
import { formatCount } from '../../lib/format'

/**
 * `2 damaged lines in 1 stream were not searched (first: acc-1 line 3)`, after ` · ` when `separated`;
 * the first line's message in its title; nothing when none.
 */
export function LeftOutNote(props: {
  readonly leftOut: LinesLeftOut
  readonly what: string
  readonly separated?: boolean
}) {
  const { lines, streams, first } = props.leftOut
  if (lines === 0) return null
  const title = first ? `First: ${first.aggregateId} line ${first.line}: ${first.message}` : undefined
  return (
    <span className="warn-text" title={title}>
      {props.separated && ' · '}
      {formatCount(lines)} damaged {lines === 1 ? 'line' : 'lines'} in {formatCount(streams)}{' '}
      {streams === 1 ? 'stream' : 'streams'} {lines === 1 ? 'was' : 'were'} {props.what}
      {first && (
        <>
          {' '}
          (first: <span className="mono">{first.aggregateId}</span> line {formatCount(first.line)})
        </>
      )}
    </span>
  )
}
