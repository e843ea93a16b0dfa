// What to offer when an aggregate id is unknown: the ids it is the start of, as `git` offers a short
// hash's matches. Ids are long (UUIDs), so typing their first characters is the natural mistake.

const shown = 5

/**
 * `; ids starting with "3f2a": 3f2a…-1, 3f2a…-2 and 12 more`, or '' when no id starts with `prefix`.
 *
 * O(ids): one pass, only on the failure path.
 */
export function prefixSuggestion(prefix: string, ids: Iterable<string>): string {
  if (prefix === '') return ''
  const matches: string[] = []
  let count = 0
  for (const id of ids) {
    if (id === prefix || !id.startsWith(prefix)) continue
    count++
    // Keep the first few in id order, whatever order the ids come in.
    if (matches.length < shown || id < (matches.at(-1) as string)) {
      if (matches.length === shown) matches.pop()
      matches.push(id)
      matches.sort()
    }
  }
  if (count === 0) return ''
  const more = count - matches.length
  const list =
    more > 0 ? `${matches.join(', ')} and ${more.toLocaleString('en-US')} more` : matches.join(', ')
  return `; ${count === 1 ? 'the id' : 'ids'} starting with "${prefix}": ${list}`
}

/** The line for an unknown aggregate id, with the ids it is the start of. */
export function unknownAggregateMessage(aggregateId: string, ids: Iterable<string>): string {
  return `no aggregate ${aggregateId} in this store${prefixSuggestion(aggregateId, ids)}`
}
