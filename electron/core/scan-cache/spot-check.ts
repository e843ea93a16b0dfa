// A cache file is checked against the files it describes, not only by stat: after the streams it
// spared were stat'ed as unchanged, the first and last KiB of a sample of them are hashed and
// compared with their stamps. One that differs means the cache lies (a file changed in a way stat did
// not show: a clock set back, a file system that keeps no ctime, a cache file copied from elsewhere),
// and then none of it is trusted: the whole file is discarded and every stream is read.

import { open } from 'node:fs/promises'
import type { StampedReading } from './readings-codec'
import { hashEnds } from './stream-stamp'

/** Streams hashed per opening: ~30 µs each, so under 2 ms, and every stream of a small store. */
export const spotCheckSize = 48

/**
 * Whether every sampled stream's file still hashes as its entry's stamp says; `entryOf` gives a
 * stream's entry, `fileOf` its file. O(sample), whatever the number of ids.
 *
 * The sample's files are hashed side by side: one after another, each open, read and close waited
 * its turn on the thread pool, some 200 round trips between a warm `list`'s last stat and its answer.
 */
export async function spotCheck(
  ids: readonly string[],
  entryOf: (id: string) => StampedReading | undefined,
  fileOf: (id: string) => string,
  random: () => number = Math.random,
  size = spotCheckSize,
): Promise<boolean> {
  const sampled = sample(ids, size, random)
  const holds = await Promise.all(sampled.map((id) => stampHolds(entryOf(id), fileOf(id))))
  return holds.every(Boolean)
}

/**
 * A spot check started before the streams are judged: a sample of the streams about to be judged is
 * hashed against their cached entries (`knownOf`) while their stats are taken in, and `holdsFor`
 * then asks only about the sampled streams that were spared (taken as cached), topping the sample up
 * from the spared ones when fewer than spotCheckSize of them were (many streams changed). The same
 * guarantee as spotCheck on the spared streams, off the path between the last stat and the answer.
 */
export function earlySpotCheck(
  ids: readonly string[],
  knownOf: (id: string) => StampedReading | undefined,
  fileOf: (id: string) => string,
  random: () => number = Math.random,
): {
  /** Whether the check holds for `spared` (`isSpared`: O(1) membership; `entryOf`: as taken). */
  holdsFor(
    spared: readonly string[],
    isSpared: (id: string) => boolean,
    entryOf: (id: string) => StampedReading | undefined,
  ): Promise<boolean>
} {
  const sampled = sample(ids, spotCheckSize, random)
  // Settles, never rejects: stampHolds answers false for a file it cannot open.
  const hashed = Promise.all(sampled.map((id) => stampHolds(knownOf(id), fileOf(id))))
  return {
    async holdsFor(spared, isSpared, entryOf) {
      const holds = await hashed
      const checked = new Set<string>()
      for (let i = 0; i < sampled.length; i++) {
        const id = sampled[i] as string
        if (!isSpared(id)) continue
        // A spared stream's entry is the cached one hashed above; any other entry is hashed now.
        const entry = entryOf(id)
        const held = entry === knownOf(id) ? holds[i] : await stampHolds(entry, fileOf(id))
        if (!held) return false
        checked.add(id)
      }
      const wanted = Math.min(spotCheckSize, spared.length) - checked.size
      if (wanted <= 0) return true
      const rest = spared.filter((id) => !checked.has(id))
      return spotCheck(rest, entryOf, fileOf, random, wanted)
    },
  }
}

// Whether the file hashes as the entry's stamp says (no entry: nothing to check).
async function stampHolds(entry: StampedReading | undefined, file: string): Promise<boolean> {
  if (!entry) return true
  const handle = await open(file, 'r').catch(() => null)
  if (!handle) return false
  try {
    const { head, tail } = await hashEnds(handle, entry.stamp.size)
    return head === entry.stamp.head && tail === entry.stamp.tail
  } finally {
    await handle.close()
  }
}

// Up to `size` distinct items, drawn uniformly: distinct random positions (a Set of at most `size`),
// never a copy of the items.
function sample<T>(items: readonly T[], size: number, random: () => number): T[] {
  if (items.length <= size) return [...items]
  const picked = new Set<number>()
  // Bounded: a random source that repeats itself (a test's) ends with fewer, never loops.
  for (let tries = 0; picked.size < size && tries < size * 64; tries++)
    picked.add(Math.min(items.length - 1, Math.floor(random() * items.length)))
  return [...picked].map((at) => items[at] as T)
}
