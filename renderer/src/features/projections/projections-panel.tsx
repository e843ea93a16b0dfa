// The Projections tab: pick a built-in or the store's own projection, run it over every event with
// progress and a Cancel, see the result as a table or a JSON tree, and export it as CSV or JSON.

import { useEffect, useMemo, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { formatCount } from '../../lib/format'
import { useCommand } from '../../commands/use-command'
import { useAppStore } from '../../store'
import type { ProjectionRef } from '../../store/projection-slice'
import { EmptyState, ErrorLine } from '../../ui/pane'
import { ScanProgress } from '../search/scan-progress'
import { DockField } from '../dock/dock-field'
import { ProjectionResult } from './projection-result'
import './projections.css'

const keyOf = (projection: ProjectionRef) => `${projection.kind}:${projection.name}`

/** The picker and Run/Cancel on top, the last result below. */
export function ProjectionsPanel() {
  const { list, listError, running, result, error, hasStore } = useAppStore(
    useShallow((s) => ({ ...s.projections, hasStore: s.store.summary !== null })),
  )
  const actions = useAppStore(
    useShallow((s) => ({
      needed: s.projectionsNeeded,
      run: s.projectionRunRequested,
      trust: s.directoryTrusted,
    })),
  )
  const cancel = useCommand('projectionCancel')
  useEffect(() => {
    if (hasStore && !list) actions.needed()
  }, [hasStore, list, actions])
  const options = useMemo<readonly (ProjectionRef & { label: string })[]>(
    () =>
      list
        ? [
            ...list.builtin.map((p) => ({ kind: 'builtin' as const, name: p.name, label: p.label })),
            ...list.custom.map((p) => ({ kind: 'custom' as const, name: p.name, label: `${p.name}.js` })),
          ]
        : [],
    [list],
  )
  const [picked, setPicked] = useState<string>('')
  const chosen = options.find((o) => keyOf(o) === picked) ?? options[0] ?? null
  const locked = chosen?.kind === 'custom' && list?.trusted === false

  return (
    <div className="dock-column projections-panel">
      <div className="dock-toolbar">
        <DockField label="Projection" inline>
          {(id) => (
            <>
              <select
                id={id}
                className="text-field projection-select"
                value={chosen ? keyOf(chosen) : ''}
                onChange={(event) => setPicked(event.target.value)}
                disabled={!list}
              >
                {list && (
                  <optgroup label="Built in">
                    {list.builtin.map((p) => (
                      <option key={p.name} value={`builtin:${p.name}`}>
                        {p.label}
                      </option>
                    ))}
                  </optgroup>
                )}
                {list && list.custom.length > 0 && (
                  <optgroup label="This store (.eventscope/projections)">
                    {list.custom.map((p) => (
                      <option key={p.name} value={`custom:${p.name}`} title={p.file}>
                        {p.name}.js
                      </option>
                    ))}
                  </optgroup>
                )}
              </select>
            </>
          )}
        </DockField>
        <button
          type="button"
          className="button small primary"
          disabled={!chosen || locked}
          onClick={() => chosen && actions.run({ kind: chosen.kind, name: chosen.name })}
        >
          Run
        </button>
        <button type="button" className="button small" disabled={!cancel.enabled} onClick={cancel.run}>
          Cancel
        </button>
        {locked && (
          <span className="projection-locked">
            Code from the store runs once you trust it.{' '}
            <button
              type="button"
              className="button small"
              onClick={() => void actions.trust().then(actions.needed)}
            >
              Trust this directory
            </button>
          </span>
        )}
        {result && !running && (
          <span className="muted projection-meta">
            {options.find((o) => keyOf(o) === keyOf(result))?.label ?? result.name} over{' '}
            {formatCount(result.events)} events
          </span>
        )}
      </div>
      {listError && <ErrorLine message={listError} />}
      {error && <ErrorLine message={error} />}
      {running ? (
        <ScanProgress task="Projection" label={`Running ${running.name}`} />
      ) : result ? (
        <ProjectionResult result={result} />
      ) : (
        <EmptyState
          title="Run a projection over every event"
          hint="Built-ins count events by type and over time; a store may add its own in .eventscope/projections/."
        />
      )}
    </div>
  )
}
