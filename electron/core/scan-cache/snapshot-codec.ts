// What a store looked like when it was last read through, as one cache body: its folder's listing of
// stream files (with the folder's stamp) and its index.json as columns (with the file's stamp). Opening
// the store again answers from these while the stamps hold, instead of a readdir of every stream and
// a JSON.parse of the whole index, and checks them behind the answer (open-store.ts). Pure.
//
// A small JSON header (stamps, counts, byte lengths), then the ids and times as UTF-8 joined by NUL
// (the index's ids only when they differ from the listing's), the counts as Float64 and the file order
// as Uint32: decoding 100,000 aggregates is two or three splits and two copies (~8 MB). Anything out
// of shape discards the body.

import { isAscii } from 'node:buffer'
import type { IndexStamp } from '../store/index-file'
import type { IndexColumns } from '../store/index-columns'
import type { SharedTexts } from './readings-codec'
import { textOf } from './readings-layout'

/** The folder as stat saw it just before it was listed, and when. */
export interface FolderStamp {
  readonly dev: number
  readonly ino: number
  readonly mtimeMs: number
  readonly ctimeMs: number
  readonly readAtMs: number
}

export interface StoreSnapshot {
  /**
   * The listing's ids and the index's times as a decoded body held them (NUL-joined UTF-8): the
   * store's readings body holds the same texts when nothing changed, and takes these strings instead
   * of decoding its own (readings-codec.ts). Absent on a snapshot not decoded from a body.
   */
  readonly texts?: SharedTexts
  /** The stream files' aggregate ids, sorted, and the folder's stamp when listed. */
  readonly listing: { readonly stamp: FolderStamp; readonly ids: readonly string[] } | null
  /** index.json's entries and stamp; null when the store had no index that parsed. */
  readonly index: {
    readonly stamp: IndexStamp
    readonly totalEvents: number | null
    readonly columns: IndexColumns
  } | null
}

interface Header {
  readonly listing: { readonly stamp: FolderStamp; readonly count: number; readonly bytes: number } | null
  readonly index: {
    readonly stamp: IndexStamp
    readonly totalEvents: number | null
    readonly count: number
    /** The index's ids are the listing's (the usual case): kept once. */
    readonly sameIds: boolean
    readonly idsBytes: number
    readonly lastAtBytes: number
  } | null
}

/** Stands for null among times joined by NUL (no time text holds U+0001 unescaped). */
const none = '\u0001'
const nul = '\u0000'

/**
 * The body of a snapshot. The index is left out when an id or a time holds NUL (a JSON key may; a
 * file name may not), since NUL joins them.
 */
export function encodeSnapshot(snapshot: StoreSnapshot): Buffer {
  const { listing } = snapshot
  const listingIds = listing ? Buffer.from(listing.ids.join(nul)) : Buffer.alloc(0)
  const index = snapshot.index && joinable(snapshot.index.columns) ? snapshot.index : null
  const sameIds = index !== null && listing !== null && sameStrings(index.columns.ids, listing.ids)
  const indexIds = index && !sameIds ? Buffer.from(index.columns.ids.join(nul)) : Buffer.alloc(0)
  const lastAt = index ? Buffer.from(index.columns.lastAt.map((at) => at ?? none).join(nul)) : Buffer.alloc(0)
  const header: Header = {
    listing: listing && { stamp: listing.stamp, count: listing.ids.length, bytes: listingIds.length },
    index: index && {
      stamp: index.stamp,
      totalEvents: index.totalEvents,
      count: index.columns.ids.length,
      sameIds,
      idsBytes: indexIds.length,
      lastAtBytes: lastAt.length,
    },
  }
  const json = Buffer.from(JSON.stringify(header))
  const length = Buffer.alloc(4)
  length.writeUInt32LE(json.length)
  const parts: Buffer[] = [length, json, listingIds, indexIds, lastAt]
  if (index) {
    const { counts, order } = index.columns
    parts.push(
      Buffer.from(counts.buffer, counts.byteOffset, counts.byteLength),
      Buffer.from(order.buffer, order.byteOffset, order.byteLength),
    )
  }
  return Buffer.concat(parts)
}

/** The snapshot of a body, or null when it is not what encodeSnapshot writes. */
export function decodeSnapshot(body: Buffer): StoreSnapshot | null {
  try {
    if (body.length < 4) return null
    let at = 4 + body.readUInt32LE(0)
    const header = JSON.parse(body.toString('utf8', 4, at)) as Header
    if (typeof header !== 'object' || header === null) return null
    // Each text's bytes, kept by the part they were read for (texts).
    const raw: Buffer[] = []
    const text = (bytes: unknown): string | null => {
      if (!Number.isInteger(bytes) || (bytes as number) < 0 || at + (bytes as number) > body.length)
        return null
      const bytesOfPart = body.subarray(at, at + (bytes as number))
      raw.push(bytesOfPart)
      const part = textOf(bytesOfPart)
      at += bytes as number
      return part
    }
    let listing: StoreSnapshot['listing'] = null
    if (header.listing !== null) {
      const { stamp, count } = header.listing
      const ids = split(text(header.listing.bytes), count)
      if (!validFolder(stamp) || !ids || !ascendingText(raw[0] as Buffer, ids)) return null
      listing = { stamp, ids }
    }
    const listingText = listing && { bytes: raw[0] as Buffer, strings: listing.ids }
    if (header.index === null)
      return at === body.length ? { listing, index: null, texts: { ids: listingText ?? undefined } } : null
    const { stamp, totalEvents, count, sameIds } = header.index
    if (!validStamp(stamp) || (totalEvents !== null && typeof totalEvents !== 'number')) return null
    const indexIds = text(header.index.idsBytes)
    const ids = sameIds === true ? (listing?.ids ?? null) : split(indexIds, count)
    const lastAt = split(text(header.index.lastAtBytes), count)
    if (!ids || ids.length !== count || !lastAt || (sameIds !== true && !ascending(ids))) return null
    if (body.length !== at + count * 12) return null
    // Copied out: a typed array over the body would need its offset aligned.
    const counts = new Float64Array(body.buffer.slice(body.byteOffset + at, body.byteOffset + at + count * 8))
    const order = new Uint32Array(
      body.buffer.slice(body.byteOffset + at + count * 8, body.byteOffset + body.length),
    )
    if (!permutation(order)) return null
    for (let i = 0; i < count; i++) if (lastAt[i] === none) (lastAt as (string | null)[])[i] = null
    return {
      listing,
      index: { stamp, totalEvents, columns: { ids, counts, lastAt, order } },
      texts: { ids: listingText ?? undefined, lastAt: { bytes: raw.at(-1) as Buffer, strings: lastAt } },
    }
  } catch {
    return null
  }
}

function joinable({ ids, lastAt }: IndexColumns): boolean {
  return (
    !ids.some((id) => id.includes(nul)) &&
    !lastAt.some((at) => at !== null && (at.includes(nul) || at === none))
  )
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

function validFolder(stamp: FolderStamp): boolean {
  if (typeof stamp !== 'object' || stamp === null) return false
  for (const key of ['dev', 'ino', 'mtimeMs', 'ctimeMs', 'readAtMs'] as const)
    if (typeof stamp[key] !== 'number') return false
  return true
}

function validStamp(stamp: IndexStamp): boolean {
  if (typeof stamp !== 'object' || stamp === null) return false
  for (const key of ['dev', 'ino', 'size', 'mtimeMs', 'ctimeMs', 'readAtMs'] as const)
    if (typeof stamp[key] !== 'number') return false
  return typeof stamp.head === 'string' && typeof stamp.tail === 'string'
}

function split(joined: string | null, count: unknown): string[] | null {
  if (joined === null || !Number.isInteger(count) || (count as number) < 0) return null
  if (count === 0) return joined === '' ? [] : null
  const parts = joined.split(nul)
  return parts.length === count ? parts : null
}

/**
 * ascending, read from the ids' NUL-joined bytes where they are ASCII (byte order is then code-unit
 * order): a third of the time of comparing 100,000 strings cut out of one text.
 */
function ascendingText(bytes: Buffer, ids: readonly string[]): boolean {
  if (!isAscii(bytes)) return ascending(ids)
  const n = bytes.length
  let previousStart = 0
  let previousEnd = bytes.indexOf(0)
  if (previousEnd < 0) return true
  for (let start = previousEnd + 1; start <= n;) {
    let i = previousStart
    let j = start
    while (j < n && bytes[j] !== 0 && i < previousEnd && bytes[i] === bytes[j]) {
      i++
      j++
    }
    // The id ended first (a prefix of the one before, or the same): not after it.
    if (j === n || bytes[j] === 0) return false
    if (i < previousEnd && (bytes[i] as number) > (bytes[j] as number)) return false
    while (j < n && bytes[j] !== 0) j++
    previousStart = start
    previousEnd = j
    start = j + 1
  }
  return true
}

// Strictly ascending by code units: the order every reader of the ids relies on (binary search).
function ascending(ids: readonly string[]): boolean {
  for (let i = 1; i < ids.length; i++) if (!((ids[i - 1] as string) < (ids[i] as string))) return false
  return true
}

// Each sorted position exactly once.
function permutation(order: Uint32Array): boolean {
  const seen = new Uint8Array(order.length)
  for (let i = 0; i < order.length; i++) {
    const at = order[i] as number
    if (at >= order.length || seen[at] === 1) return false
    seen[at] = 1
  }
  return true
}
