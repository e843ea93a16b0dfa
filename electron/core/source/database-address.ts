// Whether a store argument names a database, and which kind: by its scheme, or a plain path to a
// SQLite file.
//
// A JSONL store is always a directory, so a file given as a store can only mean a database, and its
// first 16 bytes say which ("SQLite format 3\0"); the name's extension says nothing (Emmett's
// examples use .db, .sqlite and none). Light on purpose: the CLI's parser asks this on every start,
// so it imports no database client (open-database.ts does).

import { closeSync, openSync, readSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { databaseKindOf, type DatabaseKind } from '../../../shared/store-address'

const sqliteHeader = Buffer.from('SQLite format 3\0', 'latin1')

/**
 * Which database a store argument names, or null for anything else (a directory, a missing path,
 * another kind of file). Reads at most 16 bytes of a plain path.
 */
export function storeDatabaseKind(text: string, cwd = process.cwd()): DatabaseKind | null {
  const byScheme = databaseKindOf(text)
  if (byScheme !== null) return byScheme
  return text !== '' && isSqliteFile(resolve(cwd, text)) ? 'sqlite' : null
}

/** Whether `path` is a regular file that starts with SQLite's header. */
export function isSqliteFile(path: string): boolean {
  let fd: number | null = null
  try {
    if (!statSync(path).isFile()) return false
    fd = openSync(path, 'r')
    const head = Buffer.alloc(sqliteHeader.length)
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(sqliteHeader)
  } catch {
    return false
  } finally {
    if (fd !== null) closeSync(fd)
  }
}
