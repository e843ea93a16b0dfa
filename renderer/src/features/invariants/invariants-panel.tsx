// The Invariants tab: an expression that must hold at every version of every aggregate (of a type),
// checked by the host, and the aggregates that break it, each at its first violating version. Picking
// one opens it there with a breakpoint on the violation, so Play and H walk the versions it is broken at.

import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useCommand } from '../../commands/use-command'
import { formatCount } from '../../lib/format'
import { useAppStore } from '../../store'
import type { CheckAnswer, Violation } from '../../store/debug-queries'
import { EmptyState, ErrorLine } from '../../ui/pane'
import { DockField } from '../dock/dock-field'
import { ScanProgress } from '../search/scan-progress'
import { LeftOutNote } from '../integrity/left-out-note'
import '../search/event-list.css'
import './invariants.css'

/** Form on top, then the progress of a running check or the violators it found. */
export function InvariantsPanel() {
  const { running, result, error } = useAppStore(
    useShallow((s) => ({
      running: s.invariants.running !== null,
      result: s.invariants.result,
      error: s.invariants.error,
    })),
  )
  return (
    <div className="dock-column invariants-panel">
      <InvariantsForm />
      {error && <ErrorLine message={error} />}
      {running ? (
        <ScanProgress task="Checking" label="Checking every version" />
      ) : result ? (
        <div className="search-status" role="status">
          {result.violations.length === 0 ? (
            <strong className="ok-text">Holds everywhere</strong>
          ) : (
            <>
              <strong>{formatCount(result.violations.length)}</strong>{' '}
              {result.violations.length === 1 ? 'aggregate breaks it' : 'aggregates break it'}
            </>
          )}
          {result.truncated && (
            <span className="warn-text"> (the first {formatCount(result.violations.length)})</span>
          )}
          <span className="muted">
            {' '}
            · {formatCount(result.aggregates)} aggregates, {formatCount(result.events)} versions checked
          </span>
          <LeftOutNote leftOut={result.leftOut} what="not checked" separated />
        </div>
      ) : null}
      {result && !running && <CheckNotes result={result} />}
      {result && result.violations.length > 0 ? (
        <ViolationList violations={result.violations} />
      ) : !running && !result && !error ? (
        <EmptyState
          title="Check an invariant at every version"
          hint="An expression over state, prev and event that must always hold, such as state.total >= 0. Left empty, the store's own .eventscope/invariants.json is checked."
        />
      ) : null}
    </div>
  )
}

/** What limits the answer: reducers that failed part-way, or that were not run (untrusted). */
function CheckNotes({ result }: { readonly result: CheckAnswer }) {
  const { failures, untrustedReducers } = result
  if (failures.length === 0 && untrustedReducers.length === 0) return null
  return (
    <div className="check-notes">
      {untrustedReducers.length > 0 && (
        <p className="warn-text">
          States were rebuilt by merge patch: this directory is not trusted, so its reducers (
          {untrustedReducers.join(', ')}) did not run.
        </p>
      )}
      {failures.length > 0 && (
        <p className="warn-text" title={failures.map((f) => `${f.aggregateId}: ${f.message}`).join('\n')}>
          {formatCount(failures.length)} {failures.length === 1 ? 'aggregate was' : 'aggregates were'} checked
          only up to the event its reducer failed on (first: {failures[0]!.aggregateId} at v{' '}
          {formatCount(failures[0]!.version)}).
        </p>
      )}
    </div>
  )
}

function InvariantsForm() {
  const draft = useAppStore((s) => s.invariants.draft)
  const { edited, started } = useAppStore(
    useShallow((s) => ({ edited: s.invariantsDraftEdited, started: s.invariantsCheckStarted })),
  )
  const cancel = useCommand('invariantsCancel')
  const types = useAppStore((s) => s.append.types)
  const aggregateTypes = useMemo(
    () => [...new Set(types.map((t) => t.aggregateType).filter((t): t is string => t !== null))].sort(),
    [types],
  )
  return (
    <form
      className="invariants-form"
      onSubmit={(event) => {
        event.preventDefault()
        started()
      }}
    >
      <DockField label="Invariant" className="invariant-field">
        {(id) => (
          <input
            id={id}
            className="text-field mono"
            placeholder="state.total >= 0   (empty: .eventscope/invariants.json)"
            spellCheck={false}
            value={draft.expression}
            onChange={(event) => edited({ expression: event.target.value })}
          />
        )}
      </DockField>
      <DockField label="Aggregate type">
        {(id) => (
          <>
            <input
              id={id}
              className="text-field"
              list="invariant-aggregate-types"
              placeholder="any"
              value={draft.aggregateType}
              onChange={(event) => edited({ aggregateType: event.target.value })}
            />
            <datalist id="invariant-aggregate-types">
              {aggregateTypes.map((t) => (
                <option key={t} value={t} />
              ))}
            </datalist>
          </>
        )}
      </DockField>
      <div className="search-buttons">
        <button type="submit" className="button small primary">
          Check
        </button>
        <button type="button" className="button small" disabled={!cancel.enabled} onClick={cancel.run}>
          Cancel
        </button>
      </div>
    </form>
  )
}

/** One button per violator: its aggregate, the first version that breaks the invariant, its event. */
function ViolationList({ violations }: { readonly violations: readonly Violation[] }) {
  const violationOpened = useAppStore((s) => s.violationOpened)
  const selected = useAppStore((s) => s.stream.aggregateId)
  return (
    <div className="event-list-scroll">
      <ul className="event-list" aria-label="Violations">
        {violations.map((v) => (
          <li key={`${v.aggregateId}\u0000${v.invariant}`}>
            <button
              type="button"
              className={`event-list-row violation-row ${selected === v.aggregateId ? 'open' : ''}`}
              title={`Open ${v.aggregateId} at v ${v.version}, stopping where ${v.invariant} does not hold`}
              onClick={() => violationOpened(v)}
            >
              <span className="el-aggregate mono ellipsis">{v.aggregateId}</span>
              <span className="el-type ellipsis">{v.aggregateType ?? '(no type)'}</span>
              <span className="el-version mono num">v {formatCount(v.version)}</span>
              <span className="el-type ellipsis">{v.eventType ?? '(no type)'}</span>
              <code className="el-payload mono ellipsis">{v.invariant}</code>
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}
