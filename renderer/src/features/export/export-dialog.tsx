// The export dialog: format, which aggregates, optional event types and time range; then progress with
// Cancel, and how it ended.

import { useEffect, useId, useState, type FormEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { ExportFormat } from '../../../../shared/contract'
import type { ExportScope } from '../../lib/export-scope'
import { formatCount } from '../../lib/format'
import { localInputToIso } from '../../lib/local-time'
import { useAppStore } from '../../store'
import { ExportStatus } from './export-status'
import { localZone } from '../../prefs/use-time-format'
import './export.css'

// A store directory is many files: the desktop app writes it where the save dialog says; a browser
// download is one file, so the browser shell does not offer it (`eventscope export --format store`).
const formats: readonly { readonly value: ExportFormat; readonly label: string }[] = [
  { value: 'jsonl', label: 'JSONL (one event per line)' },
  { value: 'json', label: 'JSON (one array)' },
  { value: 'csv', label: 'CSV (one row per event)' },
  { value: 'store', label: 'Store directory (streams + index.json)' },
]

/** The modal dialog; Escape or Close dismisses it unless an export is running. */
export function ExportDialog(props: { readonly onClose: () => void }) {
  const { onClose } = props
  const id = useId()
  const { selected, filter, total, types, running, downloads } = useAppStore(
    useShallow((s) => ({
      selected: s.stream.aggregateId,
      filter: s.aggregates.filter,
      total: s.aggregates.total,
      types: s.append.types,
      running: s.exporting.running !== null,
      downloads: s.app.info?.shell === 'browser',
    })),
  )
  const { exportRequested, exportDismissed, eventTypesNeeded } = useAppStore(
    useShallow((s) => ({
      exportRequested: s.exportRequested,
      exportDismissed: s.exportDismissed,
      eventTypesNeeded: s.eventTypesNeeded,
    })),
  )
  const [format, setFormat] = useState<ExportFormat>('jsonl')
  const [scope, setScope] = useState<ExportScope>(selected ? 'selected' : 'matching')
  const [chosenTypes, setChosenTypes] = useState<readonly string[]>([])
  const [since, setSince] = useState('')
  const [until, setUntil] = useState('')
  // On by default (OWASP's advice for CSV): a cell like =HYPERLINK(...) from a hostile store is shown, not run.
  const [neutralize, setNeutralize] = useState(true)

  useEffect(() => {
    eventTypesNeeded()
    exportDismissed()
  }, [eventTypesNeeded, exportDismissed])
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !running) onClose()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onClose, running])

  const sinceIso = localInputToIso(since)
  const untilIso = localInputToIso(until)
  const rangeError =
    since && !sinceIso
      ? 'Since is not a complete date and time.'
      : until && !untilIso
        ? 'Until is not a complete date and time.'
        : sinceIso && untilIso && new Date(sinceIso) > new Date(untilIso)
          ? 'Since is after Until: nothing would match.'
          : null
  const matching = filter
    ? `${total === null ? 'All' : `All ${formatCount(total)}`} aggregates matching “${filter}”`
    : `All aggregates${total === null ? '' : ` (${formatCount(total)})`}`

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (rangeError || running) return
    void exportRequested(
      {
        format,
        scope,
        ...(chosenTypes.length > 0 ? { types: [...chosenTypes] } : {}),
        ...(sinceIso ? { since: sinceIso } : {}),
        ...(untilIso ? { until: untilIso } : {}),
        ...(format === 'csv' && !neutralize ? { csvFormulas: 'keep' as const } : {}),
      },
      'dialog',
    )
  }
  const toggleType = (type: string, on: boolean) =>
    setChosenTypes((now) => (on ? [...now, type] : now.filter((t) => t !== type)))

  return (
    <div
      className="modal-backdrop"
      onMouseDown={(e) => e.target === e.currentTarget && !running && onClose()}
    >
      <div className="modal export-modal" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`}>
        <form className="export-form" aria-label="Export" onSubmit={submit} noValidate>
          <h2 id={`${id}-title`} className="modal-title">
            Export events
          </h2>

          <label className="export-field">
            <span className="export-label">Format</span>
            <select
              className="text-field"
              value={format}
              disabled={running}
              onChange={(e) => setFormat(e.target.value as ExportFormat)}
            >
              {formats
                .filter((f) => !(downloads && f.value === 'store'))
                .map((f) => (
                  <option key={f.value} value={f.value}>
                    {f.label}
                  </option>
                ))}
            </select>
          </label>

          {format === 'csv' ? (
            <label
              className="export-choice"
              title="Cells starting with = + - @, tab or CR get a leading ' so a spreadsheet shows them instead of running them"
            >
              <input
                type="checkbox"
                checked={neutralize}
                disabled={running}
                onChange={(e) => setNeutralize(e.target.checked)}
              />
              <span>Neutralize spreadsheet formulas (cells starting with = + - @ get a leading &apos;)</span>
            </label>
          ) : null}

          <fieldset className="export-group" disabled={running}>
            <legend className="export-label">Aggregates</legend>
            <label className="export-choice">
              <input
                type="radio"
                name={`${id}-scope`}
                checked={scope === 'selected'}
                disabled={!selected}
                onChange={() => setScope('selected')}
              />
              <span className="ellipsis">
                Selected aggregate{' '}
                {selected ? (
                  <span className="mono muted">{selected}</span>
                ) : (
                  <span className="muted">(none)</span>
                )}
              </span>
            </label>
            <label className="export-choice">
              <input
                type="radio"
                name={`${id}-scope`}
                checked={scope === 'matching'}
                onChange={() => setScope('matching')}
              />
              <span className="ellipsis">{matching}</span>
            </label>
          </fieldset>

          <fieldset className="export-group" disabled={running}>
            <legend className="export-label">
              Event types{' '}
              <span className="muted">{chosenTypes.length === 0 ? '(all)' : `(${chosenTypes.length})`}</span>
            </legend>
            {types.length === 0 ? (
              <p className="muted export-none">No event types known yet.</p>
            ) : (
              <div className="export-types">
                {types.map((t) => (
                  <label key={t.type} className="export-choice" title={t.aggregateType ?? undefined}>
                    <input
                      type="checkbox"
                      checked={chosenTypes.includes(t.type)}
                      onChange={(e) => toggleType(t.type, e.target.checked)}
                    />
                    <span className="ellipsis">{t.type}</span>
                    <span className="muted num export-count">{formatCount(t.count)}</span>
                  </label>
                ))}
              </div>
            )}
          </fieldset>

          <fieldset className="export-group export-range" disabled={running}>
            <legend className="export-label">
              Time range <span className="muted">(local time, {localZone}; optional)</span>
            </legend>
            <label className="export-field">
              <span>Since</span>
              <input
                className="text-field"
                type="datetime-local"
                step={1}
                value={since}
                onChange={(e) => setSince(e.target.value)}
              />
            </label>
            <label className="export-field">
              <span>Until</span>
              <input
                className="text-field"
                type="datetime-local"
                step={1}
                value={until}
                onChange={(e) => setUntil(e.target.value)}
              />
            </label>
          </fieldset>
          {rangeError && <p className="field-error">{rangeError}</p>}

          <div className="modal-footer">
            <ExportStatus origin="dialog" />
            <button type="button" className="button" disabled={running} onClick={onClose}>
              Close
            </button>
            <button type="submit" className="button primary" disabled={running || rangeError !== null}>
              Export
            </button>
          </div>
        </form>
      </div>
    </div>
  )
}
