// The search fields. The draft lives in the store, so the histogram can fill in the time range and
// switching tabs keeps what was typed.

import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useCommand } from '../../commands/use-command'
import { useAppStore } from '../../store'
import { DockField } from '../dock/dock-field'
import { whereErrorColumn, type SearchDraft } from '../../lib/search-request'
import { localZone } from '../../prefs/use-time-format'

/** Type, aggregate, time range, Where and Text, with Search and Cancel. */
export function SearchForm() {
  const { draft, error, types } = useAppStore(
    useShallow((s) => ({
      draft: s.search.draft,
      error: s.search.error,
      types: s.append.types,
    })),
  )
  const actions = useAppStore(
    useShallow((s) => ({
      edited: s.searchDraftEdited,
      started: s.searchStarted,
    })),
  )
  const cancel = useCommand('searchCancel')
  const aggregateTypes = useMemo(
    () => [...new Set(types.map((t) => t.aggregateType).filter((t): t is string => t !== null))].sort(),
    [types],
  )
  const column = error === null ? null : whereErrorColumn(error)
  const field = (name: keyof SearchDraft) => ({
    value: draft[name],
    onChange: (event: { target: { value: string } }) => actions.edited({ [name]: event.target.value }),
  })
  return (
    <form
      className="search-form"
      onSubmit={(event) => {
        event.preventDefault()
        actions.started()
      }}
    >
      <DockField label="Event type">
        {(id) => (
          <>
            <input
              id={id}
              className="text-field"
              list="search-event-types"
              placeholder="any"
              {...field('eventType')}
            />
            <datalist id="search-event-types">
              {types.map((t) => (
                <option key={t.type} value={t.type} />
              ))}
            </datalist>
          </>
        )}
      </DockField>
      <DockField label="Aggregate type">
        {(id) => (
          <>
            <input
              id={id}
              className="text-field"
              list="search-aggregate-types"
              placeholder="any"
              {...field('aggregateType')}
            />
            <datalist id="search-aggregate-types">
              {aggregateTypes.map((t) => (
                <option key={t} value={t} />
              ))}
            </datalist>
          </>
        )}
      </DockField>
      <DockField label="Aggregate id">
        {(id) => (
          <>
            <input
              id={id}
              className="text-field mono"
              placeholder="any"
              spellCheck={false}
              {...field('aggregateId')}
            />
          </>
        )}
      </DockField>
      <DockField label="From">
        {(id) => (
          <>
            <input
              id={id}
              className="text-field time-field"
              type="datetime-local"
              title={`Local time, ${localZone}`}
              {...field('since')}
            />
          </>
        )}
      </DockField>
      <DockField label="To">
        {(id) => (
          <>
            <input
              id={id}
              className="text-field time-field"
              type="datetime-local"
              title={`Local time, ${localZone}`}
              {...field('until')}
            />
          </>
        )}
      </DockField>
      <div className="form-break" aria-hidden="true" />
      <div className="dock-field where-field">
        <label htmlFor="search-where">Where</label>
        <input
          id="search-where"
          className={`text-field mono ${column !== null ? 'invalid' : ''}`}
          placeholder="payload.amount > 100 and exists(payload.reason)"
          spellCheck={false}
          aria-invalid={column !== null}
          aria-describedby={column !== null ? 'search-where-error' : undefined}
          {...field('where')}
        />
        {column !== null && error !== null && (
          <div id="search-where-error" className="where-error" role="alert">
            <pre className="where-caret mono" aria-hidden="true">
              {draft.where.trim()}
              {'\n'}
              {' '.repeat(Math.max(0, column - 1))}^
            </pre>
            <span>{error}</span>
          </div>
        )}
      </div>
      <DockField label="Text" className="text-search-field">
        {(id) => (
          <>
            <input id={id} className="text-field" placeholder="anywhere in the line" {...field('text')} />
          </>
        )}
      </DockField>
      <div className="search-buttons">
        <button type="submit" className="button small primary">
          Search
        </button>
        <button type="button" className="button small" disabled={!cancel.enabled} onClick={cancel.run}>
          Cancel
        </button>
      </div>
    </form>
  )
}
