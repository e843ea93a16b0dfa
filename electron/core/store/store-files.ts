// What a store directory holds: its stream files and its index. Anything else (temp files, lock
// folders, backups, subfolders) is left alone: never parsed, never touched.

import { lstat, readdir } from 'node:fs/promises'
import { join } from 'node:path'

export const streamSuffix = '.events.jsonl'
export const indexFileName = 'index.json'

export interface StreamFile {
  readonly aggregateId: string
  readonly file: string
}

export interface StoreListing {
  readonly streams: StreamFile[]
  /** Stream-named entries we refuse to read: symbolic links may point outside the store. */
  readonly skippedLinks: string[]
  /** Stream-named entries that are no file: a folder, a pipe (reading one would wait forever), a device. */
  readonly skippedOthers: string[]
}

/** List the stream files of a store directory, sorted by aggregate id. One readdir; no file is opened. */
export async function listStreamFiles(dir: string): Promise<StoreListing> {
  const entries = await readdir(dir, { withFileTypes: true })
  const streams: StreamFile[] = []
  const skippedLinks: string[] = []
  const skippedOthers: string[] = []
  for (const entry of entries) {
    if (!entry.name.endsWith(streamSuffix) || entry.name.length === streamSuffix.length) continue
    if (entry.isSymbolicLink()) skippedLinks.push(entry.name)
    else if (entry.isFile()) {
      streams.push({ aggregateId: entry.name.slice(0, -streamSuffix.length), file: join(dir, entry.name) })
    } else skippedOthers.push(entry.name)
  }
  streams.sort((a, b) => (a.aggregateId < b.aggregateId ? -1 : a.aggregateId > b.aggregateId ? 1 : 0))
  return { streams, skippedLinks, skippedOthers }
}

/**
 * The aggregate ids of the entries named like stream files, sorted: names only, no file types.
 *
 * Reading the types of 100,000 entries costs a Dirent each (~25% of the listing); an entry's type is
 * checked when its stream is read instead (`streamEntryKind`), where a symbolic link is still refused.
 */
export async function listStreamIds(dir: string): Promise<string[]> {
  return streamIdsOf(await readdir(dir))
}

/** Every name in a store's folder, as readdir gives them (streamIdsOf makes the ids of them). */
export function folderNames(dir: string): Promise<string[]> {
  return readdir(dir)
}

/**
 * listStreamIds, or null when the folder holds exactly the stream files of `known` (sorted ids): how
 * a store checks the listing the scan cache's snapshot gave it.
 */
export async function streamIdsUnlessSame(dir: string, known: readonly string[]): Promise<string[] | null> {
  return idsUnlessSame(await readdir(dir), known)
}

/**
 * The ids of `names` (a folder's, as folderNames gives them), or null when they are exactly the
 * stream files of `known`. The usual answer, nothing changed, makes no string per id: each name is
 * compared in place with the id at its turn, as readdir here returns names in byte order. Any
 * difference, in the names or their order (an id that is a prefix of another, other characters, a
 * platform that does not sort), takes the names the usual way.
 */
export function idsUnlessSame(names: readonly string[], known: readonly string[]): string[] | null {
  let k = 0
  for (const name of names) {
    if (name.length <= streamSuffix.length || !name.endsWith(streamSuffix)) continue
    const id = known[k]
    if (id === undefined || name.length !== id.length + streamSuffix.length || !name.startsWith(id))
      return streamIdsOf(names)
    k++
  }
  return k === known.length ? null : streamIdsOf(names)
}

/** The aggregate ids of the names that are stream files, sorted. */
export function streamIdsOf(names: readonly string[]): string[] {
  const ids: string[] = []
  for (const name of names) {
    if (name.length > streamSuffix.length && name.endsWith(streamSuffix))
      ids.push(name.slice(0, -streamSuffix.length))
  }
  // The default sort compares strings by code units (as a comparator with < would), natively.
  return ids.sort()
}

/** The file of an aggregate's stream in a store directory. */
export function streamFileOf(dir: string, aggregateId: string): string {
  return join(dir, `${aggregateId}${streamSuffix}`)
}

export type EntryKind = 'file' | 'link' | 'other' | 'missing'

/** What a stream-named entry is, without following it (lstat): only a plain file is a stream. */
export async function streamEntryKind(file: string): Promise<EntryKind> {
  try {
    const info = await lstat(file)
    return info.isSymbolicLink() ? 'link' : info.isFile() ? 'file' : 'other'
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing'
    throw error
  }
}
