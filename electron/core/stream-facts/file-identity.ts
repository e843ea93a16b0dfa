// A file's identity as stat sees it (size, mtime, inode): every fact kept about a stream or index.json
// is reused only while its file still has the identity it was taken from.

import type { Stats } from 'node:fs'

export interface FileIdentity {
  readonly size: number
  readonly mtimeMs: number
  readonly ino: number
}

/** A file's identity as stat sees it. */
export function identityOf(info: Pick<Stats, 'size' | 'mtimeMs' | 'ino'>): FileIdentity {
  return { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino }
}

/** Whether two identities name the same file in the same state. */
export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino
}
