// Event counts from the scan cache, for a search that counted the lines its needles skipped by their
// shape alone: a count confirms the versions of the matches (find-in-stream.ts) only for a stream
// whose file still has the identity and the end hashes it had when it was read, settled. Anything
// else answers null, and the search checks the skipped lines itself. Reads, never writes, the cache.

import { lstat, open } from 'node:fs/promises'
import { streamFileOf } from '../store/store-files'
import { loadStoreReadings } from './scan-cache'
import { cachePlace } from './cache-place'
import { sameFile, settledAt, stampOf } from './stream-stamp'

/** For each stream the cache holds, a check that answers its event count if the file is unchanged. */
export type CachedCount = (aggregateId: string) => (() => Promise<number | null>) | null

/** The cached counts of the store at `dir`; null when the cache has none for it (off, missing, bad). */
export async function cachedCounts(dir: string): Promise<CachedCount | null> {
  const loaded = await loadStoreReadings(dir)
  if (loaded.kind !== 'hit') return null
  const readings = loaded.value
  const { settleMs } = cachePlace()
  return (aggregateId) => {
    const entry = readings.get(aggregateId)
    if (!entry || !settledAt(entry.stamp, entry.readAtMs, settleMs)) return null
    return async () => {
      const file = streamFileOf(dir, aggregateId)
      try {
        const info = await lstat(file)
        if (!info.isFile() || !sameFile(entry.stamp, info)) return null
        const handle = await open(file, 'r')
        try {
          const now = await stampOf(handle, await handle.stat())
          const same =
            sameFile(entry.stamp, now) && now.head === entry.stamp.head && now.tail === entry.stamp.tail
          return same ? entry.reading.eventCount : null
        } finally {
          await handle.close()
        }
      } catch {
        return null
      }
    }
  }
}
