// Facts an append needs from the whole store: the style its streams use, and a full index when none exists.

import type { EnvelopeStyle } from '../../../shared/contract'
import { isJsonObject } from '../json/json-value'
import { openRegularFile } from '../store/regular-file'
import { listStreamFiles } from '../store/store-files'
import { detectStyle } from '../stream/envelope'
import { scanStream } from '../stream/stream-index'
import { newIndexText, type IndexChange } from './index-update'

const sampleBytes = 64 * 1024

/** The envelope style of the store's first readable event, or null for a store with no events. */
export async function sampleStoreStyle(dir: string): Promise<EnvelopeStyle | null> {
  const { streams } = await listStreamFiles(dir)
  for (const stream of streams.slice(0, 20)) {
    const { handle } = await openRegularFile(stream.file)
    try {
      const buffer = Buffer.alloc(sampleBytes)
      const { bytesRead } = await handle.read(buffer, 0, sampleBytes, 0)
      for (const line of buffer
        .toString('utf8', 0, bytesRead)
        .replace(/^\uFEFF/, '')
        .split('\n')) {
        try {
          const value: unknown = JSON.parse(line)
          if (isJsonObject(value)) return detectStyle(value)
        } catch {
          // Not a whole event line (damaged, or cut by the sample size): try the next one.
        }
      }
    } finally {
      await handle.close()
    }
  }
  return null
}

/**
 * Each stream's event count and last event time, sorted by aggregate id. O(store bytes); `signal` is
 * looked at once per 4 MiB read, and aborting rejects with its reason.
 */
export async function countStreams(dir: string, signal?: AbortSignal): Promise<IndexChange[]> {
  const { streams } = await listStreamFiles(dir)
  const entries: IndexChange[] = []
  for (const stream of streams) {
    signal?.throwIfAborted()
    const index = await scanStream(stream.file, stream.aggregateId, { replay: false }, { signal })
    entries.push({
      aggregateId: stream.aggregateId,
      eventCount: index.eventCount,
      lastEventAt: index.lastEventAt,
    })
  }
  return entries
}

/** An index.json text counted from every stream of the store, with `pending` (an event about to be written) counted in. */
export async function rebuildIndexText(dir: string, pending?: IndexChange): Promise<string> {
  const entries = (await countStreams(dir)).filter((entry) => entry.aggregateId !== pending?.aggregateId)
  if (pending) {
    const at = entries.findIndex((entry) => entry.aggregateId > pending.aggregateId)
    entries.splice(at === -1 ? entries.length : at, 0, pending)
  }
  return newIndexText(entries)
}
