// The one owner of what eventscope keeps about a store's streams between one read or write and the
// next, per store directory: the last reading of every stream and index.json as parsed (so reopening a
// store reads only what changed: store/store-reconciler.ts), and what appends keep (index.json laid out for
// splicing, each touched stream's state, scans of big streams to extend, the envelope style:
// write/index-cache.ts, write/cached-stream-state.ts). Every fact is reused only while its file has
// the identity (file-identity.ts) it was taken from, so a foreign writer is never missed.
//
// The cache that outlives the process (scan-cache/: the same readings, stamped, in the user's cache
// folder) is read when this process has none for the store. The streams a session has opened for
// exploring (positions and checkpoints, O(events) memory) are its working set (opened-streams.ts), not
// facts kept between sessions.

import type { EnvelopeStyle } from '../../../shared/contract'
import type { IndexTable } from '../store/index-file'
import type { StreamIndex } from '../stream/stream-index'
import type { IndexLayout } from '../write/index-layout'
import type { CachedStream } from '../write/cached-stream-state'
import type { FileIdentity } from './file-identity'
import type { KnownReadings } from '../scan-cache/readings-codec'

export interface CachedIndex {
  readonly layout: IndexLayout
  readonly identity: FileIdentity
  /** The file's last bytes (all of a small file) when it was read or written: see index-cache.ts. */
  readonly tail: Buffer
}

export interface StoreFacts {
  /**
   * The last reading of every stream, stamped (scan-cache/stream-stamp.ts), taken when the store was
   * closed, and its index.json as parsed: reopening reads only the streams whose stamp changed. Kept
   * for one store at a time (the one closed last): O(aggregates) small objects.
   */
  lastReadings: KnownReadings | null
  lastIndex: IndexTable | null
  /** Appends: index.json laid out for splicing. */
  index: CachedIndex | null
  /** By aggregate id, least recently used first. */
  readonly streams: Map<string, CachedStream>
  /** Scans of big streams by aggregate id, least recently used first, to extend instead of rescanning. */
  readonly scans: Map<string, StreamIndex>
  /** The envelope style new streams get, once known. */
  style: EnvelopeStyle | null
}

/** Stores kept at once: a desktop session rarely writes to more than one or two. */
const maxStores = 8
const stores = new Map<string, StoreFacts>()

/** The facts kept about one store directory (empty on first use). Appends hold the store lock. */
export function storeFacts(dir: string): StoreFacts {
  let store = stores.get(dir)
  if (store) stores.delete(dir)
  else
    store = {
      lastReadings: null,
      lastIndex: null,
      index: null,
      streams: new Map(),
      scans: new Map(),
      style: null,
    }
  stores.set(dir, store)
  if (stores.size > maxStores) stores.delete(stores.keys().next().value as string)
  return store
}

/** Keep the readings of a store being closed; those of the store closed before are let go. */
export function rememberReadings(dir: string, readings: KnownReadings, index: IndexTable): void {
  for (const store of stores.values()) {
    store.lastReadings = null
    store.lastIndex = null
  }
  const store = storeFacts(dir)
  store.lastReadings = readings
  store.lastIndex = index
}

/** Forget everything kept about every store (tests, and after a failure we cannot reason about). */
export function clearStoreFacts(): void {
  stores.clear()
}
