// The frame around every scan-cache file: a magic line, one JSON header line, then the body. The
// header names the format, the code that wrote it, what the file is about and the body's length and
// CRC-32, so a torn, corrupt, foreign or other-version file is recognised and never trusted.
//
// CRC-32, not a cryptographic hash: it guards against a file torn or damaged on disk, not against
// someone forging a cache (who could as well write a matching SHA-256), and it takes 7 ms where
// SHA-256 took 20-50 ms of a warm `list`'s 40 MB of cache files. The spot check (spot-check.ts) still
// hashes the streams' own bytes.

import { crc32 } from 'node:zlib'

/**
 * Bumped whenever what a cache file holds or means changes; older files are discarded. 2: CRC-32
 * instead of SHA-256; the readings' times out of their JSON header (readings-layout.ts).
 */
export const cacheFormat = 2
const magic = Buffer.from('eventscope-scan-cache\n')
/** A header longer than this is not one of ours. */
const maxHeaderBytes = 64 * 1024

export interface FrameHeader {
  readonly format: number
  /** What wrote it: the cache format and the build of the reading code (cache-code.ts). */
  readonly code: string
  /** The kind of file: the readings of a store's streams, or one stream's scan. */
  readonly kind: string
  /** What the file is about (the store's real path and identity; the aggregate id): must match. */
  readonly subject: string
  readonly bodyBytes: number
  /** CRC-32 of the body, unsigned. */
  readonly bodyCrc32: number
  /** Written at (epoch ms): entries taken shortly before are not trusted (see stream-stamp.ts). */
  readonly writtenAt: number
}

export type Expected = Pick<FrameHeader, 'code' | 'kind' | 'subject'>

/** A cache file's bytes: frame, header and body. */
export function encodeFrame(expected: Expected, body: Buffer, writtenAt = Date.now()): Buffer {
  const header: FrameHeader = {
    format: cacheFormat,
    ...expected,
    bodyBytes: body.length,
    bodyCrc32: crc32(body),
    writtenAt,
  }
  return Buffer.concat([magic, Buffer.from(`${JSON.stringify(header)}\n`), body])
}

export type Decoded =
  | { readonly ok: true; readonly header: FrameHeader; readonly body: Buffer }
  | { readonly ok: false; readonly reason: string }

/** The body of a cache file, if it is whole, ours, of this format and code, and about `expected`. */
export function decodeFrame(bytes: Buffer, expected: Expected): Decoded {
  if (bytes.length < magic.length || !bytes.subarray(0, magic.length).equals(magic))
    return { ok: false, reason: 'not a scan-cache file' }
  const end = bytes.indexOf(0x0a, magic.length)
  if (end < 0 || end - magic.length > maxHeaderBytes) return { ok: false, reason: 'no header' }
  let header: FrameHeader
  try {
    header = JSON.parse(bytes.toString('utf8', magic.length, end)) as FrameHeader
  } catch {
    return { ok: false, reason: 'header is not JSON' }
  }
  if (typeof header !== 'object' || header === null) return { ok: false, reason: 'header is not an object' }
  if (header.format !== cacheFormat) return { ok: false, reason: `format ${String(header.format)}` }
  if (header.code !== expected.code) return { ok: false, reason: 'written by another build' }
  if (header.kind !== expected.kind || header.subject !== expected.subject)
    return { ok: false, reason: 'about something else' }
  const body = bytes.subarray(end + 1)
  if (body.length !== header.bodyBytes) return { ok: false, reason: 'torn (length differs)' }
  if (crc32(body) !== header.bodyCrc32) return { ok: false, reason: 'corrupt (checksum differs)' }
  if (typeof header.writtenAt !== 'number') return { ok: false, reason: 'no time written' }
  return { ok: true, header, body }
}
