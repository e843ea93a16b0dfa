// Sorted lists of aggregate ids (code-unit order, no repeats), merged and compared in one pass each.

/** Code-unit order, as the catalog sorts ids. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * The union of the listed streams and the ids of index.json (both sorted), and the index ids that
 * have no stream. O(n) comparisons.
 */
export function mergeIds(
  listed: readonly string[],
  indexed: readonly string[],
): { all: string[]; unlisted: string[] } {
  const all: string[] = []
  const unlisted: string[] = []
  let i = 0
  let j = 0
  while (i < listed.length || j < indexed.length) {
    const a = listed[i]
    const b = indexed[j]
    if (b === undefined || (a !== undefined && a < b)) {
      all.push(a as string)
      i++
    } else if (a === b) {
      // The index's copy: JSON.parse interns its keys, so later lookups of the entry by it are cheap.
      all.push(b)
      i++
      j++
    } else {
      all.push(b)
      unlisted.push(b)
      j++
    }
  }
  return { all, unlisted }
}

/** Ids in one sorted list and not the other: what a new listing added and removed. O(n). */
export function diffIds(
  before: readonly string[],
  after: readonly string[],
): { added: string[]; removed: string[] } {
  const added: string[] = []
  const removed: string[] = []
  let i = 0
  let j = 0
  while (i < before.length || j < after.length) {
    const a = before[i]
    const b = after[j]
    if (a === b) {
      i++
      j++
    } else if (b === undefined || (a !== undefined && a < b)) {
      removed.push(a as string)
      i++
    } else {
      added.push(b)
      j++
    }
  }
  return { added, removed }
}

export function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
