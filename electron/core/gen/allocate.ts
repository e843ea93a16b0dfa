// How many events each aggregate gets: a few long streams and many short ones, as in real stores.

import type { Random } from './prng'

// Zipf exponent: with 1.1, a thousand aggregates sharing a million events gives the longest stream
// about a sixth of all events and most streams a few hundred or fewer.
const zipfExponent = 1.1

/**
 * Split `events` over `aggregates` streams, every stream at least one event, lengths Zipf-distributed
 * by a random rank. The result sums to `events` exactly.
 */
export function allocateStreamLengths(aggregates: number, events: number, random: Random): number[] {
  if (aggregates === 0) return []
  if (events < aggregates)
    throw new RangeError(`need at least one event per aggregate (${aggregates} aggregates, ${events} events)`)
  const weights = Array.from({ length: aggregates }, (_, rank) => 1 / (rank + 1) ** zipfExponent)
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0)
  const spare = events - aggregates
  const lengths = weights.map((weight) => 1 + Math.floor((spare * weight) / totalWeight))
  // Flooring loses a little; hand it back from the longest stream down so the sum is exact.
  let missing = events - lengths.reduce((sum, length) => sum + length, 0)
  for (let rank = 0; missing > 0; rank = (rank + 1) % aggregates, missing--)
    lengths[rank] = (lengths[rank] ?? 0) + 1
  // Shuffle (Fisher-Yates) so the long streams are not always the first aggregates written.
  for (let i = lengths.length - 1; i > 0; i--) {
    const j = random.int(0, i)
    const swap = lengths[i] as number
    lengths[i] = lengths[j] as number
    lengths[j] = swap
  }
  return lengths
}
