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

/** Whether every sampled entry's file still hashes as stamped; `files` maps an id to its file. */
export async function spotCheck(
  entries: readonly (readonly [string, StampedReading])[],
  fileOf: (id: string) => string,
  random: () => number = Math.random,
): Promise<boolean> {
  for (const [id, entry] of sample(entries, spotCheckSize, random)) {
    const handle = await open(fileOf(id), 'r').catch(() => null)
    if (!handle) return false
    try {
      const { head, tail } = await hashEnds(handle, entry.stamp.size)
      if (head !== entry.stamp.head || tail !== entry.stamp.tail) return false
    } finally {
      await handle.close()
    }
  }
  return true
}

// Up to `size` distinct items, drawn uniformly (a partial Fisher-Yates over indexes).
function sample<T>(items: readonly T[], size: number, random: () => number): T[] {
  if (items.length <= size) return [...items]
  const indexes = items.map((_, i) => i)
  const picked: T[] = []
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (indexes.length - i))
    ;[indexes[i], indexes[j]] = [indexes[j] as number, indexes[i] as number]
    picked.push(items[indexes[i] as number] as T)
  }
  return picked
}
