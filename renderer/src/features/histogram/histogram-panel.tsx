// The "Over time" tab: the histogram of the store's events with its range selection, the legend, and
// the "as of" control that rewinds the aggregates table to an instant.

import { useEffect } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { HistogramDto } from '../../../../shared/contract'
import { formatCount } from '../../lib/format'
import { Instant } from '../../ui/instant'
import { useCommand } from '../../commands/use-command'
import { useAppStore } from '../../store'
import { EmptyState, ErrorLine } from '../../ui/pane'
import { DockField } from '../dock/dock-field'
import { AsOfControl } from './as-of-control'
import { bandColor } from './bands'
import { HistogramChart } from './histogram-chart'
import { shownTypes } from './histogram-scale'
import './histogram.css'

const units: readonly { readonly value: HistogramDto['unit'] | ''; readonly label: string }[] = [
  { value: '', label: 'Auto' },
  { value: 'hour', label: 'Hours' },
  { value: 'day', label: 'Days' },
  { value: 'week', label: 'Weeks' },
]

/** Toolbar, chart and legend; the histogram is (re)counted when the store's event total moves. */
export function HistogramPanel() {
  const { histogram, unit, range, asOf, events, hasStore } = useAppStore(
    useShallow((s) => ({
      histogram: s.timeframe.histogram,
      unit: s.timeframe.unit,
      range: s.timeframe.range,
      asOf: s.timeframe.asOf.at,
      events: s.store.summary?.events ?? 0,
      hasStore: s.store.summary !== null,
    })),
  )
  const histogramNeeded = useAppStore((s) => s.histogramNeeded)
  const timeRangeSelected = useAppStore((s) => s.timeRangeSelected)
  const clearRange = useCommand('clearTimeRange')
  useEffect(() => {
    if (hasStore) histogramNeeded()
  }, [hasStore, events, histogramNeeded])
  const result = histogram.result

  return (
    <div className="dock-column histogram-panel">
      <div className="dock-toolbar">
        <DockField label="Bars" inline>
          {(id) => (
            <>
              <select
                id={id}
                className="text-field"
                value={unit ?? ''}
                onChange={(event) =>
                  histogramNeeded((event.target.value || null) as HistogramDto['unit'] | null)
                }
              >
                {units.map((u) => (
                  <option key={u.value} value={u.value}>
                    {u.label}
                  </option>
                ))}
              </select>
            </>
          )}
        </DockField>
        {range ? (
          <span className="hist-range" role="status">
            Range <Instant iso={range.since} width="minutes" className="mono" /> →{' '}
            <Instant iso={range.until} width="minutes" className="mono" withZone />
            <button type="button" className="button small" title={clearRange.title} onClick={clearRange.run}>
              Clear range
            </button>
          </span>
        ) : (
          <span className="muted hist-range">No range: drag across the bars</span>
        )}
        {histogram.loading && <span className="spinner tiny" aria-label="Counting events" />}
        <AsOfControl key={range?.until ?? ''} />
      </div>
      {histogram.error && <ErrorLine message={histogram.error} />}
      {!result ? (
        histogram.loading ? (
          <EmptyState title="Counting events over time…" busy />
        ) : null
      ) : result.buckets.length === 0 ? (
        <EmptyState title="No timed events" hint="None of the store’s events carries a usable time." />
      ) : (
        <>
          <HistogramChart histogram={result} range={range} asOf={asOf} onRange={timeRangeSelected} />
          <Legend histogram={result} />
        </>
      )}
    </div>
  )
}

function Legend(props: { readonly histogram: HistogramDto }) {
  const { types, untimed } = props.histogram
  const shown = types.slice(0, shownTypes)
  return (
    <ul className="hist-legend" aria-label="Event types">
      {shown.map((type, index) => (
        <li key={type}>
          <span className="hist-swatch" style={{ background: bandColor(index) }} aria-hidden="true" />
          {type}
        </li>
      ))}
      {types.length > shownTypes && (
        <li>
          <span className="hist-swatch" style={{ background: bandColor(shownTypes) }} aria-hidden="true" />
          {types.length - shownTypes} other types
        </li>
      )}
      {untimed > 0 && <li className="muted">{formatCount(untimed)} events without a time are not shown</li>}
    </ul>
  )
}
