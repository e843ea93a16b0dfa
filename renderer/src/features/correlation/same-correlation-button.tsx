// "Same correlation" in the event pane, offered when the event carries a correlation id.

import { useAppStore } from '../../store'

const fields = ['correlation_id', 'correlationId'] as const

/** The event's correlation id: in the envelope, else in its metadata, as the host looks for it. */
export function correlationIdIn(raw: string): string | null {
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return null
  }
  const holders = [
    value,
    (value as Record<string, unknown> | null)?.metadata,
    (value as Record<string, unknown> | null)?.meta,
  ]
  for (const holder of holders) {
    if (typeof holder !== 'object' || holder === null || Array.isArray(holder)) continue
    for (const field of fields) {
      const id = (holder as Record<string, unknown>)[field]
      if ((typeof id === 'string' && id !== '') || typeof id === 'number') return String(id)
    }
  }
  return null
}

/** Lists every event with this event's correlation id in the Correlation tab. */
export function SameCorrelationButton() {
  const event = useAppStore((s) => s.inspection.event)
  const correlationRequested = useAppStore((s) => s.correlationRequested)
  const id = event ? correlationIdIn(event.raw) : null
  if (!event || !id || !event.aggregateId) return null
  const aggregateId = event.aggregateId
  return (
    <button
      type="button"
      className="button small"
      title={`Every event with correlation id ${id}, across aggregates, in time order`}
      onClick={() => correlationRequested(aggregateId, event.version)}
    >
      Same correlation
    </button>
  )
}
