// "Same correlation" in the event pane, offered when the event carries a correlation id.

import { useCommand } from '../../commands/use-command'
import { correlationIdIn } from '../../lib/correlation-id'
import { useAppStore } from '../../store'

/** Lists every event with this event's correlation id in the Correlation tab. */
export function SameCorrelationButton() {
  const event = useAppStore((s) => s.inspection.event)
  const command = useCommand('sameCorrelation')
  const id = event ? correlationIdIn(event.raw) : null
  if (!event || !id || !event.aggregateId) return null
  return (
    <button
      type="button"
      className="button small"
      title={`Every event with correlation id ${id}, across aggregates, in time order`}
      disabled={!command.enabled}
      onClick={command.run}
    >
      Same correlation
    </button>
  )
}
