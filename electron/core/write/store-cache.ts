// What appends keep in memory per store between calls: index.json laid out for splicing, each touched
// stream's state, and the store's envelope style. Every entry is checked against the file's identity
// (size, mtime, inode) under the store lock before use, so a foreign writer is never missed; see
// index-cache.ts and stream-cache.ts.

import type { Stats } from 'node:fs'
import type { EnvelopeStyle } from '../../../shared/contract'
import type { StreamIndex } from '../stream/stream-index'
import type { IndexLayout } from './index-layout'
import type { CachedStream } from './stream-cache'

export interface FileIdentity {
  readonly size: number
  readonly mtimeMs: number
  readonly ino: number
}

export interface CachedIndex {
  readonly layout: IndexLayout
  readonly identity: FileIdentity
  /** The file's last bytes (all of a small file) when it was read or written: see index-cache.ts. */
  readonly tail: Buffer
}

export interface StoreCache {
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
const stores = new Map<string, StoreCache>()

/** The cache of one store directory (made empty on first use). Callers hold the store lock. */
export function storeCache(dir: string): StoreCache {
  let store = stores.get(dir)
  if (store) stores.delete(dir)
  else store = { index: null, streams: new Map(), scans: new Map(), style: null }
  stores.set(dir, store)
  if (stores.size > maxStores) stores.delete(stores.keys().next().value as string)
  return store
}

/** Forget everything cached about every store (tests, and after a failure we cannot reason about). */
export function clearStoreCaches(): void {
  stores.clear()
}

/** A file's identity as stat sees it. */
export function identityOf(info: Pick<Stats, 'size' | 'mtimeMs' | 'ino'>): FileIdentity {
  return { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino }
}

/** Whether two identities name the same file in the same state. */
export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino
}
