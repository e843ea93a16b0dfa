// What SQLite (through better-sqlite3) said, as one line a user can act on.
//
// better-sqlite3 throws SqliteError with SQLite's result code name in `code` (SQLITE_BUSY,
// SQLITE_NOTADB, SQLITE_IOERR_SHORT_READ …). Each becomes a StoreError naming the file, so the CLI
// prints one line and the shells one `{ code, message }`, never a stack.

import type { ErrorCode } from '../../../../shared/errors'
import { StoreError } from '../../errors'

// By the primary result code (the part before a second underscore: SQLITE_IOERR_READ is SQLITE_IOERR).
const resultCodes: Readonly<Record<string, { code: ErrorCode; text: string }>> = {
  SQLITE_BUSY: { code: 'io_error', text: 'is locked by another program (SQLITE_BUSY); try again' },
  SQLITE_LOCKED: { code: 'io_error', text: 'is locked (SQLITE_LOCKED); try again' },
  SQLITE_NOTADB: { code: 'no_store', text: 'is not a SQLite database' },
  SQLITE_CORRUPT: { code: 'io_error', text: 'is damaged (SQLITE_CORRUPT)' },
  SQLITE_CANTOPEN: { code: 'io_error', text: 'cannot be opened (missing, or not readable)' },
  SQLITE_PERM: { code: 'forbidden', text: 'cannot be opened: permission denied' },
  SQLITE_AUTH: { code: 'forbidden', text: 'refused access (SQLITE_AUTH)' },
  SQLITE_READONLY: {
    code: 'forbidden',
    text: 'is read-only here (the file, its folder, or eventscope opened it for reading only)',
  },
  SQLITE_FULL: { code: 'io_error', text: 'cannot grow: the disk is full' },
  SQLITE_IOERR: { code: 'io_error', text: 'could not be read or written (SQLITE_IOERR)' },
}

/**
 * better-sqlite3 is an optional dependency (package.json): `npm install` goes on without it where its
 * native module could not be built or fetched, so eventscope installs anywhere with nothing but npm.
 * Then the module, or its compiled part, is missing (or built for another Node): said in one line.
 */
export const sqliteNotInstalled =
  'SQLite support is not installed: the optional module better-sqlite3 was not built when eventscope was installed (it needs python3, make and a C++ compiler where no prebuilt binary can be fetched); install those and run npm install again'

/** Whether `error` says better-sqlite3 or its native part cannot be loaded in this process. */
export function isSqliteModuleMissing(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  const text = typeof message === 'string' ? message : ''
  if ((code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') && text.includes('better-sqlite3'))
    return true
  // The package is there but not its compiled module (bindings), or that was compiled for another Node.
  return /Could not locate the bindings file|better_sqlite3\.node|NODE_MODULE_VERSION/.test(text)
}

/** A StoreError for whatever better-sqlite3 or the file system threw; `where` names the file. */
export function sqliteError(error: unknown, where: string): StoreError {
  if (error instanceof StoreError) return error
  if (isSqliteModuleMissing(error)) return new StoreError('unsupported', sqliteNotInstalled)
  const code = (error as { code?: unknown } | null)?.code
  const name = typeof code === 'string' ? code : ''
  const primary = /^SQLITE_[A-Z]+/.exec(name)?.[0] ?? ''
  const known = resultCodes[primary]
  if (known) return new StoreError(known.code, `${where} ${known.text}`)
  if (name === 'ENOENT') return new StoreError('not_found', `${where}: no such file`)
  if (name === 'EACCES' || name === 'EPERM')
    return new StoreError('forbidden', `${where} cannot be opened: permission denied`)
  const message = error instanceof Error ? (error.message.split(/\r?\n/, 1)[0]?.trim() ?? '') : ''
  return new StoreError('io_error', `${where}: ${message === '' ? 'the query failed' : message}`)
}
