// The persistent scan cache: what a full read of a stream learned, kept in the user's cache folder
// (cache-place.ts) so that reopening a store, or `eventscope list` in a new process, reads only the
// streams that changed. Three kinds of file, all framed and checked (cache-frame.ts): the readings of
// every stream of a store (`readings`), its listing and index.json as last read (`snapshot`), and a
// big stream's own scan (`streams/<id>`) whose body is its user's to encode (e.g. positions and
// checkpoints for `eventscope state`).
//
// Files are keyed by the store's real path and its folder's device and inode, then each stream by its
// stamp (stream-stamp.ts). Nothing here ever throws at its caller: a cache that cannot be read,
// written or trusted is a miss, and a bad file is removed when found.

import { createHash } from 'node:crypto'
import { realpathSync, statSync, type Stats } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve, sep } from 'node:path'
import { cacheCode } from './cache-code'
import { trackCacheWrite } from './cache-writes'
import {
  cacheUsage,
  clearCache,
  discardCacheFile,
  evict,
  formatFolder,
  prepareFolder,
  readCacheFile,
  touchCacheFile,
  writeCacheFile,
} from './cache-files'
import { decodeFrame, encodeFrame, type FrameHeader } from './cache-frame'
import { cachePlace, type CachePlace } from './cache-place'
import {
  decodeReadings,
  encodeReadings,
  type KnownReadings,
  type SharedTexts,
  type StampedReading,
} from './readings-codec'
import { decodeSnapshot, encodeSnapshot, type StoreSnapshot } from './snapshot-codec'

/** Where one store's cache files are, once the cache is known to be usable for it. */
interface StoreSlot {
  readonly place: CachePlace
  readonly subject: string
  readonly folder: string
}

export type LoadResult<T> =
  | { readonly kind: 'hit'; readonly value: T; readonly header: FrameHeader }
  | { readonly kind: 'miss'; readonly reason: string }
  | { readonly kind: 'discarded'; readonly reason: string }

/** The store's slot in the cache, or why there is none (switched off, unusable, inside the store). */
async function slotOf(dir: string): Promise<StoreSlot | string> {
  const place = cachePlace()
  if (!place.enabled) return 'switched off'
  try {
    const real = await realpath(dir)
    const info = await stat(real)
    const root = await realpathOfNearest(place.root)
    // Reading never writes into a store: a cache folder inside the store is not used.
    if (root === real || root.startsWith(real + sep)) return 'the cache folder is inside the store'
    const unsafe = await prepareFolder(place)
    if (unsafe) return unsafe
    return { place, ...slotPlace(place, real, info) }
  } catch (error) {
    return `no cache for ${dir} (${(error as NodeJS.ErrnoException).code ?? 'error'})`
  }
}

// A store's slot in the cache: named by its real path and its folder's device and inode.
function slotPlace(place: CachePlace, real: string, info: Stats): { subject: string; folder: string } {
  const subject = `${real}\u0000${info.dev}:${info.ino}`
  const key = createHash('sha256').update(subject).digest('hex').slice(0, 32)
  return { subject, folder: join(formatFolder(place), key) }
}

/**
 * Whether the cache keeps a snapshot of the store at `dir`, without trusting it (loadStoreSnapshot
 * checks it). Synchronous, a few stat calls: asked while a choice of the store is being checked,
 * where each wait on the thread pool took milliseconds on a busy machine.
 */
export function storeSnapshotKept(dir: string): boolean {
  const place = cachePlace()
  if (!place.enabled) return false
  try {
    const real = realpathSync.native(dir)
    return statSync(join(slotPlace(place, real, statSync(real)).folder, 'snapshot')).isFile()
  } catch {
    return false
  }
}

// The real path of `path`, resolving its nearest existing ancestor when it does not exist yet: a cache
// folder still to be made under a link into the store is inside the store all the same.
async function realpathOfNearest(path: string): Promise<string> {
  const rest: string[] = []
  let at = resolve(path)
  for (;;) {
    try {
      return join(await realpath(at), ...rest.reverse())
    } catch {
      const parent = dirname(at)
      if (parent === at) return resolve(path)
      rest.push(basename(at))
      at = parent
    }
  }
}

async function load<T>(
  slot: StoreSlot,
  file: string,
  kind: string,
  subject: string,
  decode: (body: Buffer) => T | null,
): Promise<LoadResult<T>> {
  const bytes = await readCacheFile(file, slot.place.maxBytes)
  if (!bytes) return { kind: 'miss', reason: 'no cache file' }
  const frame = decodeFrame(bytes, { code: cacheCode(), kind, subject })
  const value = frame.ok ? decode(frame.body) : null
  if (!frame.ok || value === null) {
    await discardCacheFile(file)
    return { kind: 'discarded', reason: frame.ok ? 'body does not decode' : frame.reason }
  }
  await touchCacheFile(file)
  return { kind: 'hit', value, header: frame.header }
}

// A save is tracked from its first step (finding the slot), so a process ending early waits for all of it.
function saveIn(dir: string, write: (slot: StoreSlot) => Promise<boolean>): Promise<boolean> {
  return trackCacheWrite(
    (async () => {
      const slot = await slotOf(dir)
      return typeof slot === 'string' ? false : write(slot)
    })(),
  )
}

async function save(
  slot: StoreSlot,
  file: string,
  kind: string,
  subject: string,
  body: Buffer,
): Promise<boolean> {
  const bytes = encodeFrame({ code: cacheCode(), kind, subject }, body)
  if (bytes.length > slot.place.maxBytes) return false
  const written = await writeCacheFile(file, bytes)
  // The store written now keeps its other files too (its readings and snapshot are written together).
  const keep = new Set([file, join(slot.folder, 'readings'), join(slot.folder, 'snapshot')])
  if (written) await evict(slot.place, keep).catch(() => 0)
  return written
}

/**
 * The cached readings of a store's streams (each still to be checked against its file). `shared`:
 * the store's snapshot's texts, whose strings the readings take where their bytes are the same.
 */
export async function loadStoreReadings(
  dir: string,
  shared?: SharedTexts,
): Promise<LoadResult<KnownReadings>> {
  const slot = await slotOf(dir)
  if (typeof slot === 'string') return { kind: 'miss', reason: slot }
  const decode = (body: Buffer) => decodeReadings(body, shared)
  return load(slot, join(slot.folder, 'readings'), 'readings', slot.subject, decode)
}

/** Keep the readings of a store's streams for the next process; false when not written. */
export function saveStoreReadings(
  dir: string,
  entries: ReadonlyMap<string, StampedReading>,
): Promise<boolean> {
  return saveIn(dir, (slot) =>
    save(slot, join(slot.folder, 'readings'), 'readings', slot.subject, encodeReadings(entries)),
  )
}

/** Remove a store's readings file (found lying about a stream). */
export async function discardStoreReadings(dir: string): Promise<void> {
  const slot = await slotOf(dir)
  if (typeof slot !== 'string') await discardCacheFile(join(slot.folder, 'readings'))
}

/** What the store looked like when last read through (snapshot-codec.ts), each part still to be checked. */
export async function loadStoreSnapshot(dir: string): Promise<LoadResult<StoreSnapshot>> {
  const slot = await slotOf(dir)
  if (typeof slot === 'string') return { kind: 'miss', reason: slot }
  return load(slot, join(slot.folder, 'snapshot'), 'snapshot', slot.subject, decodeSnapshot)
}

/** The size of the store's snapshot file (0: none, or no cache): how big a store the cache last saw. */
export async function storeSnapshotBytes(dir: string): Promise<number> {
  const slot = await slotOf(dir)
  if (typeof slot === 'string') return 0
  return (await stat(join(slot.folder, 'snapshot')).catch(() => null))?.size ?? 0
}

/** Keep what the store looks like for the next opening; false when not written. */
export function saveStoreSnapshot(dir: string, snapshot: StoreSnapshot): Promise<boolean> {
  return saveIn(dir, (slot) =>
    save(slot, join(slot.folder, 'snapshot'), 'snapshot', slot.subject, encodeSnapshot(snapshot)),
  )
}

function streamFile(slot: StoreSlot, aggregateId: string): string {
  return join(slot.folder, 'streams', createHash('sha256').update(aggregateId).digest('hex').slice(0, 32))
}

/**
 * A big stream's cached scan, as its writer encoded it; the caller checks the stamp it put in the body
 * against the file (sameFile) before trusting it, and decodes it (null: not trusted, removed).
 */
export async function loadStreamScan<T>(
  dir: string,
  aggregateId: string,
  decode: (body: Buffer) => T | null,
): Promise<LoadResult<T>> {
  const slot = await slotOf(dir)
  if (typeof slot === 'string') return { kind: 'miss', reason: slot }
  return load(slot, streamFile(slot, aggregateId), 'stream', `${slot.subject}\u0000${aggregateId}`, decode)
}

/** Keep a big stream's scan for the next process; false when not written. */
export function saveStreamScan(dir: string, aggregateId: string, body: Buffer): Promise<boolean> {
  return saveIn(dir, (slot) =>
    save(slot, streamFile(slot, aggregateId), 'stream', `${slot.subject}\u0000${aggregateId}`, body),
  )
}

/** Remove a stream's cached scan (found lying about its file). */
export async function discardStreamScan(dir: string, aggregateId: string): Promise<void> {
  const slot = await slotOf(dir)
  if (typeof slot !== 'string') await discardCacheFile(streamFile(slot, aggregateId))
}

/** What the cache holds: files and bytes, every format. */
export async function cacheSize(): Promise<{ files: number; bytes: number }> {
  return cacheUsage(cachePlace())
}

/** Remove the whole scan cache (`eventscope cache clear`), whether switched on or not. */
export async function clearScanCache(): Promise<{ root: string; files: number; bytes: number }> {
  const place = cachePlace()
  return { root: place.root, ...(await clearCache(place)) }
}
