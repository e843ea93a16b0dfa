// The diff itself: path, version A's value, version B's value; one row per changed path.

import { formatCount } from '../../lib/format'
import type { DiffLayout } from './diff-rows'

const marks = { added: '+', removed: '−', changed: '~' } as const

/** Side-by-side rows; added paths have no A value, removed ones no B value. */
export function DiffTable(props: {
  readonly layout: DiffLayout
  readonly from: number
  readonly to: number
}) {
  return (
    <div className="diff-scroll">
      <table className="diff-table" aria-label="Diff">
        <thead>
          <tr>
            <th scope="col" className="diff-mark-col">
              <span className="visually-hidden">Change</span>
            </th>
            <th scope="col">Path</th>
            <th scope="col">A · v {formatCount(props.from)}</th>
            <th scope="col">B · v {formatCount(props.to)}</th>
          </tr>
        </thead>
        <tbody>
          {props.layout.rows.map((row) => (
            <tr key={row.key} className={`diff-row ${row.kind}`}>
              <td className="diff-mark" title={row.kind}>
                {marks[row.kind]}
              </td>
              <td className="diff-path mono" title={row.path}>
                {row.path}
              </td>
              <td className="diff-before mono" title={row.before ?? 'absent'}>
                {row.before ?? <span className="muted">—</span>}
              </td>
              <td className="diff-after mono" title={row.after ?? 'absent'}>
                {row.after ?? <span className="muted">—</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
