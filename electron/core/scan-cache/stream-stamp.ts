// A stream file's stamp in the scan cache: its identity as stat sees it (device, inode, size, mtime
// and ctime) plus a hash of its first and last few KiB. A cached reading is reused only while the
// stamp holds; a file that only grew (same device and inode, the old head and old end unchanged) is
// read on from its old end.
//
// Why ctime: mtime can be set back (`touch -r`, `cp -p`, rsync), ctime cannot, and every write or
// utimes moves it; so a file rewritten in place with its mtime restored does not pass as unchanged.
// What stat cannot see is a change within the timestamp's granularity right after we read the file:
// a file changed within the settle time (cache-place.ts) of its reading is not trusted from the cache
// (as git's index does with "racily clean" entries), and the hashes are checked whenever a file is
// read on from its old end.

import { createHash } from 'node:crypto'
import type { Stats } from 'node:fs'
import type { FileHandle } from 'node:fs/promises'
import { hashKeptBytes } from './readings-layout'

export interface StreamStamp {
  readonly dev: number
  readonly ino: number
  readonly size: number
  readonly mtimeMs: number
  readonly ctimeMs: number
  /** SHA-1 of the first min(size, hashBytes) bytes, cut to 128 bits, hex (fast; no adversary assumed). */
  readonly head: string
  /** The same of the last min(size, hashBytes) bytes. */
  readonly tail: string
}

/** How much of each end of a file is hashed. */
export const hashBytes = 4096

/** Whether a file stat'ed now still has the identity of `stamp` (device, inode, size, mtime, ctime). */
export function sameFile(
  stamp: Pick<StreamStamp, 'dev' | 'ino' | 'size' | 'mtimeMs' | 'ctimeMs'>,
  info: Pick<Stats, 'dev' | 'ino' | 'size' | 'mtimeMs' | 'ctimeMs'>,
): boolean {
  return (
    stamp.size === info.size &&
    stamp.mtimeMs === info.mtimeMs &&
    stamp.ctimeMs === info.ctimeMs &&
    stamp.ino === info.ino &&
    stamp.dev === info.dev
  )
}

/** Whether the file may have grown from `stamp`: same file, longer (its ends are checked after). */
export function mayHaveGrown(
  stamp: Pick<StreamStamp, 'dev' | 'ino' | 'size'>,
  info: Pick<Stats, 'dev' | 'ino' | 'size'>,
): boolean {
  return stamp.ino === info.ino && stamp.dev === info.dev && info.size > stamp.size
}

/**
 * Whether a reading taken at `readAtMs` of a file last changed as `stamp` says can be trusted later:
 * the change was at least `settleMs` before the reading.
 */
export function settledAt(
  stamp: Pick<StreamStamp, 'mtimeMs' | 'ctimeMs'>,
  readAtMs: number,
  settleMs: number,
): boolean {
  return Math.max(stamp.mtimeMs, stamp.ctimeMs) < readAtMs - settleMs || (settleMs === 0 && readAtMs > 0)
}

/** The hashes of the first and last `hashBytes` of the file's first `size` bytes. */
export async function hashEnds(handle: FileHandle, size: number): Promise<{ head: string; tail: string }> {
  const length = Math.min(size, hashBytes)
  const head = Buffer.alloc(length)
  await readFully(handle, head, 0)
  if (size <= hashBytes) {
    const hash = sha1(head)
    return { head: hash, tail: hash }
  }
  const tail = Buffer.alloc(length)
  await readFully(handle, tail, size - length)
  return { head: sha1(head), tail: sha1(tail) }
}

/** The stamp of a file open as `handle` and stat'ed as `info`, hashing its first `info.size` bytes. */
export async function stampOf(
  handle: FileHandle,
  info: Pick<Stats, 'dev' | 'ino' | 'size' | 'mtimeMs' | 'ctimeMs'>,
): Promise<StreamStamp> {
  const { head, tail } = await hashEnds(handle, info.size)
  return {
    dev: info.dev,
    ino: info.ino,
    size: info.size,
    mtimeMs: info.mtimeMs,
    ctimeMs: info.ctimeMs,
    head,
    tail,
  }
}

// A short read (the file shrank meanwhile) leaves zeros, so the hash differs and nothing is trusted.
async function readFully(handle: FileHandle, into: Buffer, position: number): Promise<void> {
  let filled = 0
  while (filled < into.length) {
    const { bytesRead } = await handle.read(into, filled, into.length - filled, position + filled)
    if (bytesRead === 0) return
    filled += bytesRead
  }
}

/** SHA-1 cut to the bytes the cache keeps (readings-codec.ts), as hex. */
export function sha1(bytes: Buffer): string {
  return createHash('sha1')
    .update(bytes)
    .digest('hex')
    .slice(0, hashKeptBytes * 2)
}
