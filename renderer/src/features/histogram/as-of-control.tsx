// "The store as of T": pick an instant; the aggregates table then shows each aggregate's version then,
// and opening one lands on that version.

import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { formatCount } from '../../lib/format'
import { isoFromLocalInput, localInputOf } from '../../lib/local-input-time'
import { useCommand } from '../../commands/use-command'
import { useAppStore } from '../../store'
import { DockField } from '../dock/dock-field'
import { localZone } from '../../prefs/use-time-format'

/** The instant field with Show and Present; the outcome in one line. Keyed by its caller on the range's end,
 * which it suggests as the instant. */
export function AsOfControl() {
  const { at, loading, error, total, rangeEnd } = useAppStore(
    useShallow((s) => ({ ...s.timeframe.asOf, rangeEnd: s.timeframe.range?.until ?? null })),
  )
  const asOfChosen = useAppStore((s) => s.asOfChosen)
  const backToPresent = useCommand('backToPresent')
  const [text, setText] = useState(at ? localInputOf(at) : rangeEnd ? localInputOf(rangeEnd) : '')
  const iso = isoFromLocalInput(text, true)
  return (
    <form
      className="as-of"
      onSubmit={(event) => {
        event.preventDefault()
        if (iso) asOfChosen(iso)
      }}
    >
      <DockField label="Store as of" inline>
        {(id) => (
          <>
            <input
              id={id}
              className="text-field time-field"
              type="datetime-local"
              title={`Local time, ${localZone}`}
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
          </>
        )}
      </DockField>
      <button type="submit" className="button small" disabled={!iso}>
        Show
      </button>
      <button
        type="button"
        className="button small"
        disabled={!backToPresent.enabled}
        title={backToPresent.title}
        onClick={backToPresent.run}
      >
        Present
      </button>
      {loading && <span className="spinner tiny" aria-label="Rewinding the store" />}
      {error && <span className="as-of-error">{error}</span>}
      {at && !loading && !error && (
        <span className="muted as-of-status">{formatCount(total)} aggregates existed then</span>
      )}
    </form>
  )
}
