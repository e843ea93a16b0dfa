// Above the aggregates table: the time range and the "as of" instant in force, each with a way out.

import { useShallow } from 'zustand/react/shallow'
import { useCommand } from '../../commands/use-command'
import { useAppStore } from '../../store'
import { Instant } from '../../ui/instant'
import './histogram.css'

/** Nothing when neither a range nor an instant is set. */
export function TimeframeChips() {
  const { range, asOf } = useAppStore(
    useShallow((s) => ({ range: s.aggregates.range, asOf: s.timeframe.asOf.at })),
  )
  const clearRange = useCommand('clearTimeRange')
  const backToPresent = useCommand('backToPresent')
  if (!range && !asOf) return null
  return (
    <div className="timeframe-chips">
      {range && (
        <span
          className="timeframe-chip"
          title="Aggregates with at least one event in this range (picked on the histogram)"
        >
          Events {range.since ? <Instant iso={range.since} width="minutes" /> : 'start'} →{' '}
          {range.until ? <Instant iso={range.until} width="minutes" /> : 'now'}
          <button type="button" aria-label="Clear the time range" onClick={clearRange.run}>
            ×
          </button>
        </span>
      )}
      {asOf && (
        <span
          className="timeframe-chip as-of-chip"
          title="Versions shown are each aggregate’s version at this instant"
        >
          As of <Instant iso={asOf} width="minutes" withZone />
          <button type="button" aria-label="Back to the present" onClick={backToPresent.run}>
            ×
          </button>
        </span>
      )}
    </div>
  )
}
