// What opening a store needs before its first page: the ids of its stream files and its index.json.
// Read from the store (one readdir of every name, one JSON.parse of the whole index: over a second
// for 100,000 aggregates on a loaded machine), or taken from the scan cache's snapshot of the store
// (snapshot-codec.ts) while the folder and index.json still have the stamps it was taken with.
//
// A snapshot's listing is an early answer, not the truth: the store lists its folder again behind the
// first page and takes any difference in before a stream is read (store-reconciler.ts). Its index columns
// are used only while index.json has the same device, inode, size, mtime and ctime, changed at least
// the settle time before it was read, and its first and last 4 KiB hash as they did.

import { statSync, type Stats } from 'node:fs'
import { lstat, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { cachePlace } from '../scan-cache/cache-place'
import { loadStoreSnapshot, saveStoreSnapshot, storeSnapshotKept } from '../scan-cache/scan-cache'
import type { FolderStamp, StoreSnapshot } from '../scan-cache/snapshot-codec'
import { hashEnds, sameFile, settledAt } from '../scan-cache/stream-stamp'
import { identityOf } from '../stream-facts/file-identity'
import { ColumnIndexEntries, indexColumns } from './index-columns'
import { readIndexTable, type IndexTable, type OpenedIndex } from './index-file'
import { openRegularFile } from './regular-file'
import { folderNames, idsUnlessSame, indexFileName, streamIdsOf, streamIdsUnlessSame } from './store-files'

/** Where each part of an opening came from: the store itself, or the scan cache's snapshot. */
export type OpenedFrom = 'store' | 'snapshot'

/**
 * index.json not read yet: a page's store whose index is this big is listed and shown first and its
 * index parsed right behind the first rows (store-reconciler.ts), since parsing it (about 0.15 s for
 * 100,000 aggregates, 13 MB) and listing the folder (a readdir of as many names) both held them back.
 */
export const indexBehindBytes = 1024 * 1024

export interface Opening {
  readonly index: OpenedIndex
  /** The stream files' ids, sorted, as listed (or as the snapshot listed them). */
  readonly listed: string[]
  readonly folder: FolderStamp
  readonly from: { readonly listing: OpenedFrom; readonly index: OpenedFrom | 'memory' }
  /** The snapshot as loaded (null: none, or not usable), to tell whether a new one is worth writing. */
  readonly snapshot: StoreSnapshot | null
  /**
   * The folder as listed while opening, when the listing came from the snapshot: what the snapshot's
   * listing is checked against (store-reconciler.ts). Null: the folder is listed when checked.
   */
  readonly recheck: Promise<FolderNames> | null
}

/** A folder's names as readdir gave them, and its stamp taken just before. */
export interface FolderNames {
  readonly folder: FolderStamp
  readonly names: readonly string[]
}

/**
 * The listing and index of a store, from the snapshot where its stamps hold, else from the store.
 * `known`: this process's last reading of the index (used while index.json keeps its identity).
 */
export async function openingOf(
  dir: string,
  known: IndexTable | null,
  {
    indexBehind = false,
    folderRead = null,
  }: {
    readonly indexBehind?: boolean
    /**
     * The folder's listing, started by the caller (early: beside the snapshot's loading, on a core
     * that is free then). It is the listing when the snapshot's does not hold, and what it is checked
     * against when it does. Null: the folder is listed when needed.
     */
    readonly folderRead?: Promise<FolderNames> | null
  } = {},
): Promise<Opening> {
  const loaded = await loadStoreSnapshot(dir)
  const snapshot = loaded.kind === 'hit' ? loaded.value : null
  const settleMs = cachePlace().settleMs
  const [listing, index] = await Promise.all([
    listingOf(dir, snapshot, settleMs, folderRead),
    indexOf(dir, known, snapshot, settleMs, indexBehind),
  ])
  return {
    index: index.table,
    listed: listing.ids,
    folder: listing.folder,
    from: { listing: listing.from, index: index.from },
    snapshot,
    recheck: listing.from === 'snapshot' ? folderRead : null,
  }
}

/**
 * index.json as a table: from the scan cache's snapshot while the file is the one it was taken from
 * (no JSON.parse, ids already sorted), else read and parsed. For `list --from-index`, which wants the
 * index's word and nothing else: the snapshot is that word, checked against the file as opening is.
 */
export async function indexTableOf(dir: string): Promise<IndexTable> {
  const loaded = await loadStoreSnapshot(dir)
  const cached = loaded.kind === 'hit' ? loaded.value.index : null
  const table = cached ? await indexFromSnapshot(dir, cached, cachePlace().settleMs) : null
  return table ?? readIndexTable(dir)
}

/** The folder's stamp now, taken before listing it: a change during the readdir shows next time. */
export async function folderStampOf(dir: string): Promise<FolderStamp> {
  return stampOf(await stat(dir))
}

/**
 * The folder's stamp, then its names. A rejection is left for whoever awaits it: a caller that starts
 * one early and may not need it marks it handled.
 *
 * The stamp is taken in place (one stat, microseconds), so the readdir is on the thread pool when this
 * returns: whatever the main thread does next runs beside it.
 */
export async function readFolder(dir: string): Promise<FolderNames> {
  const folder = stampOf(statSync(dir))
  return { folder, names: await folderNames(dir) }
}

/**
 * The folder's listing started now, for a store the scan cache keeps no snapshot of; null for one it
 * does. A store never seen needs its listing for its first rows, so it is worth starting while the
 * choice of it is still being checked; one with a snapshot opens from it and lists its folder behind
 * the first rows, where the readdir (0.1-0.2 s for 100,000 names) does not hold them back.
 */
export function listingAhead(dir: string): Promise<FolderNames> | null {
  if (storeSnapshotKept(dir)) return null
  const read = readFolder(dir)
  read.catch(() => {})
  return read
}

function stampOf(info: Stats): FolderStamp {
  return { dev: info.dev, ino: info.ino, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, readAtMs: Date.now() }
}

/** The ids of a folder read, null when they are exactly `known` (idsUnlessSame). */
export async function idsOfUnlessSame(
  folderRead: Promise<FolderNames>,
  known: readonly string[],
): Promise<{ folder: FolderStamp; ids: string[] | null }> {
  const { folder, names } = await folderRead
  return { folder, ids: idsUnlessSame(names, known) }
}

/** listFolder, with ids null when they are exactly `known` (streamIdsUnlessSame). */
export async function listFolderUnlessSame(
  dir: string,
  known: readonly string[],
): Promise<{ folder: FolderStamp; ids: string[] | null }> {
  const folder = await folderStampOf(dir)
  return { folder, ids: await streamIdsUnlessSame(dir, known) }
}

async function listingOf(
  dir: string,
  snapshot: StoreSnapshot | null,
  settleMs: number,
  folderRead: Promise<FolderNames> | null,
): Promise<{ ids: string[]; folder: FolderStamp; from: OpenedFrom }> {
  const cached = snapshot?.listing
  if (cached) {
    const now = await folderStampOf(dir)
    // An entry added, removed or renamed moves the folder's mtime and ctime; appends to a stream do not.
    if (sameFolder(cached.stamp, now) && settledAt(cached.stamp, cached.stamp.readAtMs, settleMs))
      return { ids: [...cached.ids], folder: cached.stamp, from: 'snapshot' }
  }
  const { folder, names } = await (folderRead ?? readFolder(dir))
  return { folder, ids: streamIdsOf(names), from: 'store' }
}

async function indexOf(
  dir: string,
  known: IndexTable | null,
  snapshot: StoreSnapshot | null,
  settleMs: number,
  behind: boolean,
): Promise<{ table: OpenedIndex; from: OpenedFrom | 'memory' }> {
  if (known === null && snapshot?.index) {
    const table = await indexFromSnapshot(dir, snapshot.index, settleMs)
    if (table) return { table, from: 'snapshot' }
  }
  if (behind && known === null && (await indexSize(dir)) >= indexBehindBytes)
    return { table: { state: 'reading' }, from: 'store' }
  const table = await readIndexTable(dir, known)
  return { table, from: known !== null && table === known ? 'memory' : 'store' }
}

// The snapshot's index when index.json is the file it was taken from; null: read the file.
async function indexFromSnapshot(
  dir: string,
  cached: NonNullable<StoreSnapshot['index']>,
  settleMs: number,
): Promise<IndexTable | null> {
  const { stamp } = cached
  if (!settledAt(stamp, stamp.readAtMs, settleMs)) return null
  try {
    const { handle, info } = await openRegularFile(join(dir, indexFileName))
    try {
      if (!sameFile(stamp, info)) return null
      const { head, tail } = await hashEnds(handle, info.size)
      if (head !== stamp.head || tail !== stamp.tail) return null
      return {
        state: 'ok',
        entries: new ColumnIndexEntries(cached.columns),
        totalEvents: cached.totalEvents,
        file: identityOf(info),
        stamp,
      }
    } finally {
      await handle.close()
    }
  } catch {
    // Missing, a link, unreadable: readIndexTable says which.
    return null
  }
}

// The size of index.json as lstat sees it (0 when it is missing or no file: readIndexTable says why).
async function indexSize(dir: string): Promise<number> {
  try {
    const info = await lstat(join(dir, indexFileName))
    return info.isFile() ? info.size : 0
  } catch {
    return 0
  }
}

function sameFolder(a: FolderStamp, b: FolderStamp): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs
}

/**
 * Keep what the store looks like now for its next opening, unless the snapshot loaded says the same
 * (O(aggregates) to encode, ~8 MB for 100,000; nothing when neither the folder nor the index changed).
 */
export async function keepSnapshot(
  dir: string,
  loaded: StoreSnapshot | null,
  listing: { readonly folder: FolderStamp; readonly ids: readonly string[] },
  index: OpenedIndex,
): Promise<boolean> {
  const indexPart =
    index.state === 'ok' && index.stamp
      ? {
          stamp: index.stamp,
          totalEvents: index.totalEvents,
          columns:
            index.entries instanceof ColumnIndexEntries ? index.entries.columns : indexColumns(index.entries),
        }
      : null
  // Field by field: a stamp of the same file read again (this process's last reading) is the same.
  const sameListing = sameJson(loaded?.listing?.stamp ?? null, listing.folder)
  const sameIndex = sameJson(loaded?.index?.stamp ?? null, indexPart?.stamp ?? null)
  if (loaded && sameListing && sameIndex) return false
  return saveStoreSnapshot(dir, { listing: { stamp: listing.folder, ids: listing.ids }, index: indexPart })
}

function sameJson(a: object | null, b: object | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
