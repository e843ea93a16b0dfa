// The scan cache's files on disk: a private folder (0700, ours, not writable by others, else unused),
// files replaced atomically (a temp name of this process, fsync, rename: a reader, or a second
// eventscope process writing the same file, sees the old file or the new one, never half of one),
// removed when found bad, and the least recently used evicted beyond the size cap.

import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { mkdir, open, readdir, rm, stat, unlink, utimes, rename } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { readRegularFile } from '../store/regular-file'
import { cacheFormat } from './cache-frame'
import type { CachePlace } from './cache-place'

/** The folder of this format's files: other formats' folders are left to `cache clear`. */
export function formatFolder(place: CachePlace): string {
  return join(place.root, `v${cacheFormat}`)
}

/**
 * Create the cache folder if needed and check it is safe to trust: a directory owned by this user and
 * writable by no one else. Returns why not, or null when it is fine.
 */
export async function prepareFolder(place: CachePlace): Promise<string | null> {
  try {
    await mkdir(formatFolder(place), { recursive: true, mode: 0o700 })
    for (const folder of [place.root, formatFolder(place)]) {
      const info = await stat(folder)
      if (!info.isDirectory()) return `${folder} is not a folder`
      if (process.platform === 'win32') continue
      if (typeof process.getuid === 'function' && info.uid !== process.getuid())
        return `${folder} belongs to another user`
      if ((info.mode & 0o022) !== 0) return `${folder} is writable by others`
    }
    return null
  } catch (error) {
    return `cannot use ${place.root} (${(error as NodeJS.ErrnoException).code ?? 'error'})`
  }
}

/** A cache file's bytes, or null when it is missing or not a readable regular file under the cap. */
export async function readCacheFile(file: string, maxBytes: number): Promise<Buffer | null> {
  try {
    return (await readRegularFile(file, maxBytes)).bytes
  } catch {
    return null
  }
}

/** Replace `file` with `bytes` atomically; false when it could not (the cache is only a cache). */
export async function writeCacheFile(file: string, bytes: Buffer): Promise<boolean> {
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  try {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 })
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0)
    const handle = await open(temp, flags, 0o600)
    try {
      let written = 0
      while (written < bytes.length) written += (await handle.write(bytes, written)).bytesWritten
      // fsync before rename: after a crash the name holds the old file or the whole new one. The folder
      // is not fsync'd: losing the rename in a crash costs one read of the store, nothing else.
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, file)
    return true
  } catch {
    await unlink(temp).catch(() => {})
    return false
  }
}

/** Remove a file found bad (corrupt, foreign, other version, lying); gone already is fine. */
export async function discardCacheFile(file: string): Promise<void> {
  await unlink(file).catch(() => {})
}

/** Mark a cache file as just used, for eviction (mtime: atime is often not kept). */
export async function touchCacheFile(file: string): Promise<void> {
  const now = new Date()
  await utimes(file, now, now).catch(() => {})
}

/** A temp file untouched this long is a leftover of a process that died writing it. */
const staleTempMs = 10 * 60 * 1000

/** Only these folders of the root are the cache's: a root pointed at a wrong place loses nothing else. */
const formatFolderName = /^v\d+$/

/** Every file of the cache (all formats), with size and last use, oldest first. */
async function cacheFiles(root: string): Promise<{ file: string; size: number; usedMs: number }[]> {
  const found: { file: string; size: number; usedMs: number }[] = []
  const walk = async (folder: string, depth: number): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => [])
    for (const entry of entries) {
      const path = join(folder, entry.name)
      if (depth === 0 && !(entry.isDirectory() && formatFolderName.test(entry.name))) continue
      if (entry.isDirectory() && depth < 4) await walk(path, depth + 1)
      else if (entry.isFile()) {
        const info = await stat(path).catch(() => null)
        if (info) found.push({ file: path, size: info.size, usedMs: info.mtimeMs })
      }
    }
  }
  await walk(root, 0)
  return found.sort((a, b) => a.usedMs - b.usedMs)
}

/**
 * Remove the least recently used files until the cache holds at most `maxBytes`, keeping `keep`.
 *
 * O(files in the cache): one file per store and one per cached big stream, so a few hundred at most.
 */
export async function evict(place: CachePlace, keep: ReadonlySet<string> = new Set()): Promise<number> {
  const all = await cacheFiles(place.root)
  // A temp file is someone's write in progress, or what a process killed mid-write left: gone after a while.
  const stale = Date.now() - staleTempMs
  const leftovers = all.filter((file) => file.file.endsWith('.tmp') && file.usedMs < stale)
  for (const file of leftovers) await discardCacheFile(file.file)
  const files = all.filter((file) => !leftovers.includes(file))
  let total = files.reduce((sum, file) => sum + file.size, 0)
  let removed = leftovers.length
  for (const file of files) {
    if (total <= place.maxBytes) break
    if (keep.has(file.file)) continue
    await discardCacheFile(file.file)
    total -= file.size
    removed++
  }
  return removed
}

/** Files and bytes the cache holds, every format. */
export async function cacheUsage(place: CachePlace): Promise<{ files: number; bytes: number }> {
  const files = await cacheFiles(place.root)
  return { files: files.length, bytes: files.reduce((sum, file) => sum + file.size, 0) }
}

/**
 * Remove the whole cache (every format's folder, nothing else of the root); returns what it held.
 * Links inside are removed, not followed.
 */
export async function clearCache(place: CachePlace): Promise<{ files: number; bytes: number }> {
  const files = await cacheFiles(place.root)
  const entries = await readdir(place.root).catch(() => [] as string[])
  const ours = entries.filter((name) => formatFolderName.test(name))
  await Promise.all(ours.map((name) => rm(join(place.root, name), { recursive: true, force: true })))
  return { files: files.length, bytes: files.reduce((sum, file) => sum + file.size, 0) }
}
