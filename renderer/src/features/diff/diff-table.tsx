// The diff itself: path, version A's value, version B's value; one row per changed path.

import { formatCount } from '../../lib/format'
import { CopyButton } from '../../ui/copy-button'
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
              Change
            </th>
            <th scope="col">Path</th>
            <th scope="col">A · v {formatCount(props.from)}</th>
            <th scope="col">B · v {formatCount(props.to)}</th>
          </tr>
        </thead>
        <tbody>
          {props.layout.rows.map((row) => (
            <tr key={row.key} className={`diff-row ${row.kind}`}>
              <td className="diff-mark">
                <span aria-hidden="true">{marks[row.kind]}</span> {row.kind}
              </td>
              <td className="diff-path mono">
                {row.path}
                <CopyButton text={row.path} what={`path ${row.path}`} />
              </td>
              <td className="diff-before mono">
                {row.before === null ? (
                  <span className="muted">—</span>
                ) : (
                  <Value text={row.before} side="A" />
                )}
              </td>
              <td className="diff-after mono">
                {row.after === null ? <span className="muted">—</span> : <Value text={row.after} side="B" />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** A value shown whole (it wraps), with Copy. */
function Value(props: { readonly text: string; readonly side: string }) {
  return (
    <>
      {props.text}
      <CopyButton text={props.text} what={`value in ${props.side}`} />
    </>
  )
}
