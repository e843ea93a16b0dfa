// What the inspected event changed, one line per path: before → after (big integers with their exact
// digits, or "≈" where only a rounded double is known).

import type { Change } from '../../../../shared/contract'
import { formatPath } from '../../lib/change-index'
import { previewExact } from '../../lib/exact-numbers'

const signs = { added: '+', changed: '~', removed: '−' } as const

/** The list of changes; removed paths are also listed here since the tree no longer has them. */
export function ChangesList(props: { readonly changes: readonly Change[] }) {
  return (
    <ul className="changes-list mono">
      {props.changes.map((change) => (
        <li key={JSON.stringify(change.path)} className={`change ${change.kind}`}>
          <span className="change-sign" aria-label={change.kind}>
            {signs[change.kind]}
          </span>
          <span className="change-path ellipsis" title={formatPath(change.path)}>
            {formatPath(change.path)}
          </span>
          <span
            className="change-values"
            title={`${previewExact(change.before, change.exactBefore, 400)} → ${previewExact(change.after, change.exactAfter, 400)}`}
          >
            {change.kind !== 'added' && (
              <span className="change-before ellipsis">
                {previewExact(change.before, change.exactBefore, 80)}
              </span>
            )}
            {change.kind === 'changed' && <span className="change-arrow">→</span>}
            {change.kind !== 'removed' && (
              <span className="change-after ellipsis">
                {previewExact(change.after, change.exactAfter, 80)}
              </span>
            )}
          </span>
        </li>
      ))}
    </ul>
  )
}
