// `gen` writes into a directory only when no store is there: it must never overwrite anyone's events.

const streamSuffix = '.events.jsonl'

/** Why a directory with these entries must not receive a generated store, or null when it may. */
export function existingStoreReason(entries: readonly string[]): string | null {
  const streams = entries.filter((name) => name.endsWith(streamSuffix)).length
  const index = entries.includes('index.json')
  if (streams === 0 && !index) return null
  const parts = [
    ...(index ? ['index.json'] : []),
    ...(streams > 0 ? [`${streams} *${streamSuffix} file${streams === 1 ? '' : 's'}`] : []),
  ]
  return `it already holds an event store (${parts.join(', ')})`
}
