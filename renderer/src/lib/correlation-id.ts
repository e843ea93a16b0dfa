// The correlation id of an event, found where the host looks for it, so the page offers "Same
// correlation" only for events the host can answer about.

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
