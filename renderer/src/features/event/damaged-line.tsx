// A damaged line of the timeline, picked by a click: what is wrong with it, and the whole line as it is
// in the file, its bytes that are not UTF-8 shown as hex instead of replacement characters.

import { useEffect } from 'react'
import type { Problem } from '../../../../shared/contract'
import { formatCount } from '../../lib/format'
import { useAppStore } from '../../store'
import { CopyButton } from '../../ui/copy-button'
import { EmptyState, ErrorLine } from '../../ui/pane'

/** The finding and the line's text; the text is fetched when the line is picked. */
export function DamagedLine(props: { readonly aggregateId: string; readonly problem: Problem }) {
  const { aggregateId, problem } = props
  const line = problem.line
  const damagedLineNeeded = useAppStore((s) => s.damagedLineNeeded)
  const reply = useAppStore((s) => s.damagedLine)
  useEffect(() => {
    if (line !== null) damagedLineNeeded(aggregateId, line)
  }, [aggregateId, line, damagedLineNeeded])
  const shown =
    reply?.aggregateId === aggregateId && reply.line === line && (reply.value || reply.error)
      ? reply
      : undefined
  const text = shown?.value
    ? shown.value.segments.map((s) => ('text' in s ? s.text : `⟨${s.bytes}⟩`)).join('')
    : ''
  const hasBytes = shown?.value?.segments.some((s) => 'bytes' in s) ?? false

  return (
    <div className="damaged-line" role="region" aria-label="Damaged line">
      <dl className="event-fields">
        <dt>line</dt>
        <dd>{line === null ? '—' : formatCount(line)}</dd>
        <dt>problem</dt>
        <dd className={`strong sev-${problem.severity}`}>{problem.message}</dd>
        <dt>kind</dt>
        <dd className="mono">{problem.kind}</dd>
        {problem.offset !== null && (
          <>
            <dt>byte offset</dt>
            <dd className="mono">{formatCount(problem.offset)}</dd>
          </>
        )}
      </dl>
      {shown?.error && <ErrorLine message={shown.error} />}
      {!shown ? (
        <EmptyState title="Reading the line…" busy />
      ) : shown.value ? (
        <>
          <div className="raw-toolbar">
            <span className="muted">
              {formatCount(shown.value.shownBytes)} bytes
              {shown.value.truncated ? ' shown; the line goes on' : ''}
              {hasBytes ? ' · bytes that are not UTF-8 in ⟨hex⟩' : ''}
            </span>
            <CopyButton text={text} what="line text" label="Copy" />
          </div>
          <pre className="event-raw mono" aria-label="Line text">
            {shown.value.segments.map((segment, i) =>
              'text' in segment ? (
                <span key={i}>{segment.text}</span>
              ) : (
                <span key={i} className="raw-bytes" title="Bytes that are not UTF-8">
                  ⟨{segment.bytes}⟩
                </span>
              ),
            )}
          </pre>
        </>
      ) : null}
    </div>
  )
}
