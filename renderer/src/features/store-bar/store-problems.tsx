// The list of store-level problems (index disagreements, unreadable files), opened from the header.

import { useEffect } from 'react'
import type { Problem } from '../../../../shared/contract'
import { describeProblem } from '../../lib/format'

/** A dismissable popover listing every store problem; Escape closes it. */
export function StoreProblems(props: {
  readonly problems: readonly Problem[]
  readonly onClose: () => void
}) {
  const { onClose } = props
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onClose])

  return (
    <div className="problems-popover" role="dialog" aria-label="Store problems">
      <div className="problems-head">
        <strong>Store problems</strong>
        <button type="button" className="button small" onClick={onClose}>
          Close
        </button>
      </div>
      <ul className="problems-list">
        {props.problems.map((problem, i) => (
          <li key={i} className={`problem-item ${problem.severity}`}>
            <span className="problem-kind mono">{problem.kind}</span>
            <span className="problem-text">{describeProblem(problem, 80)}</span>
          </li>
        ))}
      </ul>
    </div>
  )
}
