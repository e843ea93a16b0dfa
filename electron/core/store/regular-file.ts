// The one way the store opens a file to read it: a regular file, or a refusal. Opened non-blocking (a
// FIFO named index.json opens at once instead of waiting for a writer that never comes and holding one
// of Node's four file-system threads forever), without following a final symbolic link, and checked
// with fstat on the descriptor itself, so what is read is what was checked. A character device
// (`/dev/zero` renamed to a stream) is refused before a byte is read, not read to 1 GB.

import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import type { Stats } from 'node:fs'

/** What a path turned out to be, when it is not a regular file. */
export type NotRegularKind = 'link' | 'directory' | 'fifo' | 'device' | 'socket' | 'other'

/** Thrown when a file the store reads is not a regular file; `code` reads like an errno for callers that map codes. */
export class NotRegularFileError extends Error {
  readonly code = 'ENOTREGULAR'

  constructor(
    readonly file: string,
    readonly kind: NotRegularKind,
  ) {
    super(`${file} is ${describeKind(kind)}, not a regular file; not read`)
    this.name = 'NotRegularFileError'
  }
}

/** Thrown when a regular file is larger than its reader accepts. */
export class FileTooLargeError extends Error {
  readonly code = 'EFBIG'

  constructor(
    readonly file: string,
    readonly size: number,
    readonly limit: number,
  ) {
    super(`${file} is ${size} bytes, over the ${limit}-byte limit; not read`)
    this.name = 'FileTooLargeError'
  }
}

// Windows has neither flag (and no FIFOs or devices to fear under a store); 0 leaves the open as it was.
const readFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0)

/** An open regular file and its fstat; the caller closes the handle. */
export interface RegularFile {
  readonly handle: FileHandle
  readonly info: Stats
}

/**
 * Open `file` for reading only if it is a regular file; anything else throws NotRegularFileError.
 *
 * ENOENT and other open errors pass through unchanged, so "missing" stays a finding of its own.
 */
export async function openRegularFile(file: string): Promise<RegularFile> {
  let handle: FileHandle
  try {
    handle = await open(file, readFlags)
  } catch (error) {
    // O_NOFOLLOW on a final symbolic link fails with ELOOP (EMLINK on some BSDs).
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ELOOP' || code === 'EMLINK') throw new NotRegularFileError(file, 'link')
    throw error
  }
  try {
    const info = await handle.stat()
    if (!info.isFile()) throw new NotRegularFileError(file, kindOf(info))
    return { handle, info }
  } catch (error) {
    await handle.close().catch(() => {})
    throw error
  }
}

/**
 * Read a whole regular file of at most `maxBytes`; FileTooLargeError above it.
 *
 * Reads the size fstat gave, no more: bytes appended meanwhile are the next read's.
 */
export async function readRegularFile(
  file: string,
  maxBytes: number,
): Promise<{ bytes: Buffer; info: Stats }> {
  const { handle, info } = await openRegularFile(file)
  try {
    if (info.size > maxBytes) throw new FileTooLargeError(file, info.size, maxBytes)
    const bytes = Buffer.allocUnsafe(info.size)
    let filled = 0
    while (filled < info.size) {
      const { bytesRead } = await handle.read(bytes, filled, info.size - filled, filled)
      if (bytesRead === 0) break
      filled += bytesRead
    }
    return { bytes: filled === info.size ? bytes : bytes.subarray(0, filled), info }
  } finally {
    await handle.close()
  }
}

/**
 * openRegularFile and a whole read with synchronous calls, for a file of at most `maxBytes`; null
 * (nothing read) when it is larger. For a worker thread reading many small streams, where nothing
 * else waits: four round trips through libuv's pool per file (open, fstat, read, close) cost more
 * than the reading, most of it system time.
 */
export function readSmallRegularFileSync(
  file: string,
  maxBytes: number,
): { bytes: Buffer; info: Stats } | null {
  let fd: number
  try {
    fd = openSync(file, readFlags)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ELOOP' || code === 'EMLINK') throw new NotRegularFileError(file, 'link')
    throw error
  }
  try {
    const info = fstatSync(fd)
    if (!info.isFile()) throw new NotRegularFileError(file, kindOf(info))
    if (info.size > maxBytes) return null
    const bytes = Buffer.allocUnsafe(info.size)
    let filled = 0
    while (filled < info.size) {
      const bytesRead = readSync(fd, bytes, filled, info.size - filled, filled)
      if (bytesRead === 0) break
      filled += bytesRead
    }
    return { bytes: filled === info.size ? bytes : bytes.subarray(0, filled), info }
  } finally {
    closeSync(fd)
  }
}

/** What a non-regular fstat describes. */
export function kindOf(info: Stats): NotRegularKind {
  if (info.isSymbolicLink()) return 'link'
  if (info.isDirectory()) return 'directory'
  if (info.isFIFO()) return 'fifo'
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'device'
  if (info.isSocket()) return 'socket'
  return 'other'
}

/**
 * Why a writer refuses an entry that is no regular file, in words: a link is never written through,
 * anything else (a folder, a pipe, a device) is no file to append to or replace.
 */
export function refusedForWriting(name: string, info: Stats): string {
  const kind = kindOf(info)
  if (kind === 'link') return `${name} is a symbolic link; eventscope never writes through links.`
  const what = kind === 'other' ? 'not a regular file' : `${describeKind(kind)}, not a regular file`
  return `${name} is ${what}; eventscope writes only to regular files.`
}

/** The kind in words: "a named pipe (FIFO)". */
export function describeKind(kind: NotRegularKind): string {
  switch (kind) {
    case 'link':
      return 'a symbolic link'
    case 'directory':
      return 'a directory'
    case 'fifo':
      return 'a named pipe (FIFO)'
    case 'device':
      return 'a device'
    case 'socket':
      return 'a socket'
    case 'other':
      return 'not a regular file'
  }
}
