// index.json, read as the cache it is: a missing or unreadable index is a finding, never a failure.

import type { Stats } from 'node:fs'
import { join } from 'node:path'
import { hashBytes, sha1, type StreamStamp } from '../scan-cache/stream-stamp'
import { isJsonObject } from '../json/json-value'
import { describeKind, FileTooLargeError, NotRegularFileError, openRegularFile } from './regular-file'
import { indexFileName } from './store-files'
import { sameIdentity, type FileIdentity } from '../stream-facts/file-identity'

/**
 * Largest index.json read: 256 MiB is about two million aggregates in the seed's shape, and half of
 * what V8 holds as one string. Bigger is reported, not read.
 */
export const maxIndexBytes = 256 * 1024 * 1024

export interface IndexEntry {
  readonly eventCount: number | null
  readonly lastEventAt: string | null
}

export type StoreIndex =
  | { readonly state: 'ok'; readonly entries: Map<string, IndexEntry>; readonly totalEvents: number | null }
  | { readonly state: 'missing' }
  | { readonly state: 'unreadable'; readonly reason: string }

/** Read and leniently interpret `index.json` in a store directory. Never writes. */
export async function readStoreIndex(dir: string): Promise<StoreIndex> {
  return eager(await readIndexTable(dir))
}

/** Interpret the text of an index.json in the seed's shape. */
export function parseStoreIndex(text: string): StoreIndex {
  return eager(parseIndexTable(text))
}

/**
 * index.json for browsing: its entries are looked up in the parsed JSON when asked for, never copied.
 *
 * Copying 100,000 entries into a Map of objects cost as much as JSON.parse itself (and the garbage
 * collection after it); a row needs its entry only when it is shown or sorted.
 */
export type IndexTable =
  | {
      readonly state: 'ok'
      readonly entries: IndexEntries
      readonly totalEvents: number | null
      /** The file this was read from (absent when parsed from text). */
      readonly file?: FileIdentity
      /** Its stamp as the scan cache keeps it, and when it was read (absent when parsed from text). */
      readonly stamp?: IndexStamp
    }
  | { readonly state: 'missing' }
  | { readonly state: 'unreadable'; readonly reason: string }

/**
 * An open store's index: as read, or `reading`: a page's big store is listed and shown first and its
 * index.json read right behind the first rows (store-opening.ts); no entry is known meanwhile, so
 * none is compared and no finding is made of it.
 */
export type OpenedIndex = IndexTable | { readonly state: 'reading' }

/**
 * The entries of index.json, read one field at a time: over the parsed JSON (ParsedIndexEntries), or
 * over the columns the scan cache kept of it (index-columns.ts).
 */
export interface IndexEntries {
  has(id: string): boolean
  /** Every aggregate id listed, in the file's order. */
  ids(): string[]
  /** Every aggregate id listed, sorted by code units; the same array each time: do not change it. */
  sortedIds(): readonly string[]
  get(id: string): IndexEntry | undefined
  eventCount(id: string): number | null
  lastEventAt(id: string): string | null
  /**
   * Whether `id` has an entry with this count and this time text (then compareWithIndex finds
   * nothing): one lookup, where asking has, eventCount and lastEventAt makes three.
   */
  agrees(id: string, eventCount: number, lastEventAt: string | null): boolean
}

/** The `aggregates` object of a parsed index.json, read one field at a time. */
export class ParsedIndexEntries implements IndexEntries {
  private sorted: string[] | null = null

  constructor(private readonly raw: Record<string, unknown>) {}

  has(id: string): boolean {
    return Object.hasOwn(this.raw, id)
  }

  ids(): string[] {
    return Object.keys(this.raw)
  }

  sortedIds(): readonly string[] {
    // The default sort compares strings by code units, as compareIds does, without calling back into JS.
    return (this.sorted ??= this.ids().sort())
  }

  get(id: string): IndexEntry | undefined {
    if (!this.has(id)) return undefined
    return { eventCount: this.eventCount(id), lastEventAt: this.lastEventAt(id) }
  }

  agrees(id: string, eventCount: number, lastEventAt: string | null): boolean {
    const entry = this.raw[id]
    if (!isJsonObject(entry) || (id === '__proto__' && !this.has(id))) return false
    return entry.event_count === eventCount && (entry.last_event_at ?? null) === lastEventAt
  }

  eventCount(id: string): number | null {
    const count = this.field(id, 'event_count')
    return typeof count === 'number' ? count : null
  }

  lastEventAt(id: string): string | null {
    const at = this.field(id, 'last_event_at')
    return typeof at === 'string' ? at : null
  }

  // One property read per field: of what Object.prototype holds, only `__proto__` reads as an object.
  private field(id: string, name: 'event_count' | 'last_event_at'): unknown {
    const entry = this.raw[id]
    if (!isJsonObject(entry) || (id === '__proto__' && !this.has(id))) return undefined
    return entry[name]
  }
}

/** index.json's stamp when it was read (stream-stamp.ts), to keep its entries in the scan cache. */
export interface IndexStamp extends StreamStamp {
  readonly readAtMs: number
}

/**
 * Read `index.json` as an IndexTable. Never writes; a symbolic link is not followed.
 *
 * `known` is a table read before from the same directory: while the file's size, mtime and inode are
 * the same it is returned as it is, so reopening a store does not parse its index again.
 */
export async function readIndexTable(dir: string, known?: IndexTable | null): Promise<IndexTable> {
  const file = join(dir, indexFileName)
  let bytes: Buffer
  let identity: FileIdentity
  let stamp: IndexStamp
  try {
    // Opened as a regular file or not at all: a FIFO or a device named index.json is reported at
    // once, never waited on or read to its end.
    const { handle, info } = await openRegularFile(file)
    try {
      identity = { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino }
      if (known?.state === 'ok' && known.file && sameIdentity(known.file, identity)) return known
      if (info.size > maxIndexBytes) throw new FileTooLargeError(file, info.size, maxIndexBytes)
      const readAtMs = Date.now()
      bytes = await handle.readFile()
      stamp = { ...stampOfBytes(info, bytes), readAtMs }
    } finally {
      await handle.close()
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' }
    if (error instanceof NotRegularFileError)
      return {
        state: 'unreadable',
        reason:
          error.kind === 'link'
            ? 'index.json is a symbolic link; not followed'
            : `index.json is ${describeKind(error.kind)}, not a regular file; not read`,
      }
    if (error instanceof FileTooLargeError)
      return {
        state: 'unreadable',
        reason: `index.json is ${error.size} bytes, over the ${maxIndexBytes}-byte limit; not read`,
      }
    return {
      state: 'unreadable',
      reason: `cannot read index.json (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    }
  }
  const table = parseIndexTable(bytes.toString('utf8'))
  // Stamped with the fstat taken before reading: a write in between only makes the next open parse again.
  return table.state === 'ok' ? { ...table, file: identity, stamp } : table
}

/** Interpret the text of an index.json as an IndexTable. O(text) for JSON.parse, nothing per entry. */
export function parseIndexTable(text: string): IndexTable {
  let value: unknown
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  } catch (error) {
    return { state: 'unreadable', reason: `index.json is not valid JSON (${(error as Error).message})` }
  }
  if (!isJsonObject(value) || !isJsonObject(value.aggregates)) {
    return { state: 'unreadable', reason: 'index.json has no "aggregates" object' }
  }
  const totalEvents = typeof value.total_events === 'number' ? value.total_events : null
  return { state: 'ok', entries: new ParsedIndexEntries(value.aggregates), totalEvents }
}

// The stamp of the bytes read (a file that changed while read hashes differently next time: parsed again).
function stampOfBytes(info: Stats, bytes: Buffer): StreamStamp {
  const length = Math.min(bytes.length, hashBytes)
  return {
    dev: info.dev,
    ino: info.ino,
    size: info.size,
    mtimeMs: info.mtimeMs,
    ctimeMs: info.ctimeMs,
    head: sha1(bytes.subarray(0, length)),
    tail: sha1(bytes.subarray(bytes.length - length)),
  }
}

function eager(table: IndexTable): StoreIndex {
  if (table.state !== 'ok') return table
  const entries = new Map<string, IndexEntry>()
  for (const id of table.entries.ids()) entries.set(id, table.entries.get(id) as IndexEntry)
  return { state: 'ok', entries, totalEvents: table.totalEvents }
}
