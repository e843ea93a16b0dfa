// Where each fact sits in a readings body (readings-codec.ts writes it, readings-table.ts reads it),
// and the stat verdict both the body's columns and a plain entry are judged by. Pure.
//
// A body: 4 bytes of header length, a small JSON header (counts, byte lengths, the tables of event
// types and envelope styles, the findings), then four texts of NUL-joined strings (ids, last event
// times, first event times, last time fields), then the numbers of every stream as Float64 columns,
// the hashes as bytes and the event-type counts as Uint32 triples.

import { isAscii } from 'node:buffer'
import type { EnvelopeStyle, Problem } from '../../../shared/contract'
import type { StatVerdict } from './readings-codec'

/** Bytes of each hash kept (of SHA-1's 20): 128 bits, against files that changed, not adversaries. */
export const hashKeptBytes = 16
/** Numbers per stream, in this order. */
export const columns = 15
export const DEV = 0
export const INO = 1
export const SIZE = 2
export const MTIME = 3
export const CTIME = 4
export const READ_AT = 5
export const EVENTS = 6
export const LAST_MS = 7
export const TYPE = 8
export const STYLE = 9
export const PROBLEMS = 10
export const ERRORS = 11
export const LINES = 12
export const MISMATCHES = 13
export const MISMATCH_AT = 14

/** Stands for null among strings joined by NUL (no id, time or JSON text holds U+0001 unescaped). */
export const none = '\u0001'
/** Stands for a last time field that is the text `lastEventAt` shows (the usual case: ISO text). */
export const asText = '\u0002'
export const nul = '\u0000'

/** The texts after the header, by their place; each is its strings joined by NUL. */
export const IDS_TEXT = 0
export const LAST_AT_TEXT = 1
/** The first and last time texts are read only for a stream that grew: decoded when first needed. */
export const FIRST_AT_TEXT = 2
export const LAST_TIME_TEXT = 3
export const texts = 4

export interface Header {
  readonly count: number
  /** Byte lengths of the texts, in the order of their places above. */
  readonly texts: readonly number[]
  readonly types: readonly string[]
  readonly styles: readonly EnvelopeStyle[]
  /** Findings of the streams that have any, by position. */
  readonly problems: Readonly<Record<string, readonly Problem[]>>
  readonly countsLength: number
}

/**
 * A text's strings. ASCII (ids and ISO times nearly always are) is copied byte for byte, about
 * twice as fast as decoding UTF-8, which the rest still is.
 */
export function textOf(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8')
}

/**
 * A text another cache file held, with its strings already decoded (the snapshot's listing and index
 * times: snapshot-codec.ts). A readings text of the same bytes has the same strings: they are taken
 * as they are, not decoded again, and shared, so the stores's lookups of a stream compare one string.
 */
export interface KnownText {
  readonly bytes: Buffer
  /** The text split at NUL, `none` read as null. */
  readonly strings: readonly (string | null)[]
}

/** Whether `known` is a text of `count` strings with these very bytes. O(bytes), a memcmp. */
export function sameText(bytes: Buffer, count: number, known?: KnownText): known is KnownText {
  return known !== undefined && known.strings.length === count && bytes.equals(known.bytes)
}

/** The strings of a text of `count` strings: `known`'s when it holds the same bytes, else decoded. */
export function stringsOf(bytes: Buffer, count: number, known?: KnownText): (string | null)[] {
  if (sameText(bytes, count, known)) return [...known.strings]
  return count === 0 ? [] : textOf(bytes).split(nul)
}

/** judge's rules (stream-stamp.ts: settledAt, sameFile, mayHaveGrown) over the numbers of an entry. */
export function verdict(
  size: number,
  mtimeMs: number,
  ctimeMs: number,
  ino: number,
  dev: number,
  readAtMs: number,
  stats: Float64Array,
  at: number,
  settleMs: number,
): StatVerdict {
  // settledAt (stream-stamp.ts), inlined: this runs for every stream of a reopened store.
  const settled = Math.max(mtimeMs, ctimeMs) < readAtMs - settleMs || (settleMs === 0 && readAtMs > 0)
  if (!settled || ino !== stats[at + 3] || dev !== stats[at + 4]) return 'changed'
  const statSize = stats[at] as number
  if (size === statSize && mtimeMs === stats[at + 1] && ctimeMs === stats[at + 2]) return 'same'
  return statSize > size ? 'grown' : 'changed'
}
