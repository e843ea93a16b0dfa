// "Columns": choose which payload fields the timeline shows as columns instead of its one-line
// summary. Remembered per aggregate type.

import { useId, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { Json } from '../../../../shared/contract'
import { candidateFields } from '../../lib/payload-cells'
import { usePrefs } from '../../prefs/prefs-store'
import { useAppStore } from '../../store'

const noFields: readonly string[] = []

/** The chosen fields for the selected stream's aggregate type. */
export function useTimelineFields(): { readonly aggregateType: string; readonly fields: readonly string[] } {
  const aggregateType = useAppStore((s) => s.stream.info?.type ?? '')
  const fields = usePrefs((s) => s.timelineFields[aggregateType] ?? noFields)
  return { aggregateType, fields }
}

/** A button opening a list of checkboxes, one per field of the current state and event. */
export function ColumnPicker() {
  const [open, setOpen] = useState(false)
  const id = useId()
  const { aggregateType, fields } = useTimelineFields()
  const timelineFieldsChosen = usePrefs((s) => s.timelineFieldsChosen)
  const { state, payload } = useAppStore(
    useShallow((s) => ({ state: s.inspection.state, payload: s.inspection.event?.payload ?? null })),
  )
  const offered = [
    ...new Set([...fields, ...candidateFields([state, payload as Json].filter((v) => v !== null))]),
  ]
  const toggle = (field: string, on: boolean) =>
    timelineFieldsChosen(
      aggregateType,
      on ? [...fields, field].slice(0, 12) : fields.filter((chosen) => chosen !== field),
    )
  return (
    <div className="column-picker">
      <button
        type="button"
        className="button small"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        title="Show payload fields as columns instead of the one-line summary"
        onClick={() => setOpen(!open)}
      >
        Columns{fields.length > 0 ? ` (${fields.length})` : ''}
      </button>
      {open && (
        <div
          className="column-picker-list"
          id={`${id}-list`}
          role="group"
          aria-label="Timeline columns"
          onKeyDown={(event) => {
            if (event.key === 'Escape') setOpen(false)
          }}
        >
          {offered.length === 0 ? (
            <p className="muted">Open an event first: its fields are offered here.</p>
          ) : (
            offered.map((field) => (
              <label key={field} className="column-picker-item">
                <input
                  type="checkbox"
                  checked={fields.includes(field)}
                  onChange={(event) => toggle(field, event.target.checked)}
                />
                <span className="mono">{field}</span>
              </label>
            ))
          )}
          <div className="column-picker-actions">
            <button
              type="button"
              className="button small"
              disabled={fields.length === 0}
              onClick={() => timelineFieldsChosen(aggregateType, [])}
            >
              Summary only
            </button>
            <button type="button" className="button small" onClick={() => setOpen(false)}>
              Done
            </button>
          </div>
        </div>
      )}
    </div>
  )
}
