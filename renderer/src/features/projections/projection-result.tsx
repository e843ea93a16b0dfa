// A projection's result: a table for an array of objects, a JSON tree for anything else; CSV and JSON
// exports of exactly what is shown.

import { useMemo } from 'react'
import type { ChannelOutput } from '../../../../shared/contract'
import { indexChanges } from '../../lib/change-index'
import { formatCount } from '../../lib/format'
import { LeftOutNote } from '../integrity/left-out-note'
import type { ProjectionRef } from '../../store/projection-slice'
import { beyondSafe, numberText, previewExact, roundedTitle } from '../../lib/exact-numbers'
import { JsonTree } from '../state/json-tree'
import { asTable, cellText, exportName, tableToCsv } from './projection-table'
import { saveText } from './save-text'

const noChanges = indexChanges([])
const rowLimit = 2000

/** The result with its export buttons and any failure the run reported. */
export function ProjectionResult(props: {
  readonly result: ProjectionRef & ChannelOutput<'projection.run'>
}) {
  const { result } = props
  const table = useMemo(() => asTable(result.result), [result])
  const failure = result.failure
  return (
    <div className="dock-column" aria-label="Projection result" role="region">
      <div className="projection-exports">
        <span className="projection-summary">
          {table && (
            <span className="muted">
              {formatCount(table.rows.length)} rows × {table.columns.length} columns
            </span>
          )}
          <LeftOutNote leftOut={result.leftOut} what="left out" separated={table !== null} />
        </span>
        <button
          type="button"
          className="button small"
          disabled={!table}
          title={table ? 'Download the table as CSV' : 'Only a table (an array of objects) exports as CSV'}
          onClick={() => table && saveText(tableToCsv(table), exportName(result.name, 'csv'), 'text/csv')}
        >
          Export CSV
        </button>
        <button
          type="button"
          className="button small"
          onClick={() =>
            saveText(
              JSON.stringify(result.result, null, 2) + '\n',
              exportName(result.name, 'json'),
              'application/json',
            )
          }
        >
          Export JSON
        </button>
      </div>
      {failure && (
        <div className="reducer-failure" role="alert">
          <strong>The projection failed</strong>
          {failure.aggregateId && (
            <>
              {' '}
              on <span className="mono">{failure.aggregateId}</span> v {failure.version}
            </>
          )}
          : {failure.message}
          {failure.location && <span className="mono"> at {failure.location}</span>}
        </div>
      )}
      <div className="projection-body">
        {table ? (
          <table className="projection-table">
            <thead>
              <tr>
                {table.columns.map((column) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.slice(0, rowLimit).map((row, index) => (
                <tr key={index}>
                  {table.columns.map((column) => {
                    const value = row[column]
                    return (
                      <td key={column} className={typeof value === 'number' ? 'num mono' : 'mono'}>
                        {/* A projection's numbers are doubles: one beyond 2^53 is shown marked "≈". */}
                        {typeof value === 'object' && value !== null ? (
                          previewExact(value, undefined, Number.POSITIVE_INFINITY)
                        ) : typeof value === 'number' && beyondSafe(value) ? (
                          <span title={roundedTitle}>{numberText(value, undefined).text}</span>
                        ) : (
                          cellText(value)
                        )}
                      </td>
                    )
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <JsonTree value={result.result} changes={noChanges} label="Projection result" />
        )}
        {table && table.rows.length > rowLimit && (
          <p className="muted projection-more">
            Showing {formatCount(rowLimit)} of {formatCount(table.rows.length)} rows; the exports hold all.
          </p>
        )}
      </div>
    </div>
  )
}
