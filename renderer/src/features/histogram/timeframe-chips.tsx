// Above the aggregates table: the time range and the "as of" instant in force, each with a way out.

import { useShallow } from 'zustand/react/shallow'
import { formatTime } from '../../lib/format'
import { useAppStore } from '../../store'
import './histogram.css'

/** Nothing when neither a range nor an instant is set. */
export function TimeframeChips() {
  const { range, asOf } = useAppStore(
    useShallow((s) => ({ range: s.aggregates.range, asOf: s.timeframe.asOf.at })),
  )
  const timeRangeSelected = useAppStore((s) => s.timeRangeSelected)
  const asOfChosen = useAppStore((s) => s.asOfChosen)
  if (!range && !asOf) return null
  return (
    <div className="timeframe-chips">
      {range && (
        <span
          className="timeframe-chip"
          title="Aggregates whose last event lies in this range (picked on the histogram)"
        >
          Last event {formatTime(range.since, false)} → {formatTime(range.until, false)}
          <button type="button" aria-label="Clear the time range" onClick={() => timeRangeSelected(null)}>
            ×
          </button>
        </span>
      )}
      {asOf && (
        <span
          className="timeframe-chip as-of-chip"
          title="Versions shown are each aggregate’s version at this instant"
        >
          As of {formatTime(asOf, false)}
          <button type="button" aria-label="Back to the present" onClick={() => asOfChosen(null)}>
            ×
          </button>
        </span>
      )}
    </div>
  )
}
