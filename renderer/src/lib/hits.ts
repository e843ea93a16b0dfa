// Breakpoint hits as sorted version lists: merging them, stepping to the next or previous one, where
// Play goes next, and where their marks sit on a track of a given width.
//
// Pure, so the stepping rules (and the marks of a million-event stream) are unit-tested. Every list is
// ascending and duplicate-free; lookups are binary searches, O(log H) for H hits.

/** The ascending, duplicate-free union of several ascending version lists. */
export function mergeHits(lists: readonly (readonly number[])[]): number[] {
  const nonEmpty = lists.filter((list) => list.length > 0)
  if (nonEmpty.length === 0) return []
  if (nonEmpty.length === 1) return [...nonEmpty[0]!]
  const all = nonEmpty.flat().sort((a, b) => a - b)
  return all.filter((version, i) => i === 0 || version !== all[i - 1])
}

/** The index of the first hit greater than `version` (hits.length when there is none). */
function firstAfter(hits: readonly number[], version: number): number {
  let low = 0
  let high = hits.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (hits[middle]! <= version) low = middle + 1
    else high = middle
  }
  return low
}

/** The first hit after `version`, or null. */
export function nextHit(hits: readonly number[], version: number): number | null {
  return hits[firstAfter(hits, version)] ?? null
}

/** The last hit before `version`, or null. */
export function previousHit(hits: readonly number[], version: number): number | null {
  let low = 0
  let high = hits.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (hits[middle]! < version) low = middle + 1
    else high = middle
  }
  return low > 0 ? hits[low - 1]! : null
}

/** Whether `version` is a hit. */
export function isHit(hits: readonly number[], version: number): boolean {
  const at = firstAfter(hits, version) - 1
  return at >= 0 && hits[at] === version
}

/**
 * One step of Play from `version`: the version to show next, and whether Play stops there (a hit, or
 * the last version). Play moves one event at a time so the state is seen changing; it leaves a hit it
 * starts on (continue, as a debugger does) and stops at the next one.
 */
export function playStep(
  hits: readonly number[],
  version: number,
  last: number,
): { readonly version: number; readonly stop: boolean } {
  const next = Math.min(last, version + 1)
  return { version: next, stop: next >= last || isHit(hits, next) }
}

/** A mark on the track: where it sits (0..1 of the track), the first version in it, and how many. */
export interface HitMark {
  readonly at: number
  readonly version: number
  readonly count: number
}

/**
 * The marks of `hits` on a track from version 0 to `max` that is `columns` wide: hits that would share
 * a column share one mark, so a stream hit a million times draws at most `columns` marks. O(H).
 */
export function hitMarks(hits: readonly number[], max: number, columns: number): HitMark[] {
  if (max <= 0 || columns <= 0) return []
  const width = Math.max(1, Math.floor(columns))
  const firsts: number[] = []
  const counts: number[] = []
  let column = -1
  for (const version of hits) {
    if (version < 0 || version > max) continue
    const here = Math.min(width - 1, Math.floor((version / max) * width))
    if (here === column) {
      counts[counts.length - 1]!++
      continue
    }
    column = here
    firsts.push(version)
    counts.push(1)
  }
  return firsts.map((version, i) => ({ at: version / max, version, count: counts[i]! }))
}
