// The event types a database store holds, most frequent first: the append form's suggestions.
//
// A suggestion list, not a census: the store's global order is read through its cursor up to a bound
// (the first 10,000 events: 0.4 s measured on a loaded 2-core machine, where 50,000 took 2 s), so a
// 10,000,000-event store answers without a full scan; a type first written after that bound is not
// suggested (it is still typed freely).

import type { ChannelOutput } from '../../../shared/contract'
import type { Source } from '../source/source'

const lookedAt = 10_000

/** Types with their counts among the events looked at, and the stream type they were seen under. */
export async function sourceEventTypes(
  source: Source,
  signal: AbortSignal,
): Promise<ChannelOutput<'events.types'>['types']> {
  const counts = new Map<string, { count: number; aggregateType: string | null }>()
  let seen = 0
  for await (const batch of source.scan({}, signal)) {
    for (const event of batch) {
      if (event.type === null) continue
      const known = counts.get(event.type)
      if (known) known.count++
      else counts.set(event.type, { count: 1, aggregateType: streamTypeOf(event.streamId) })
    }
    seen += batch.length
    if (seen >= lookedAt) break
  }
  return [...counts]
    .map(([type, { count, aggregateType }]) => ({ type, count, aggregateType }))
    .sort((a, b) => b.count - a.count || (a.type < b.type ? -1 : 1))
}

/** `shoppingCart-1` -> `shoppingCart`, as Emmett derives a stream's type from its id; null without a dash. */
function streamTypeOf(streamId: string): string | null {
  const dash = streamId.indexOf('-')
  return dash > 0 ? streamId.slice(0, dash) : null
}
