// What the PostgreSQL server or the road to it said, as one line a user can act on.
//
// The pg client rejects with the server's errors (SQLSTATE in `code`) and with Node's socket errors
// (ECONNREFUSED, sometimes as an AggregateError with an empty message when a name resolves to two
// addresses). Each becomes a StoreError with a short message naming the server (never its password),
// so the CLI prints one line and the shells one `{ code, message }`, never a stack.

import type { ErrorCode } from '../../../../shared/errors'
import { StoreError } from '../../errors'

interface PgLikeError {
  readonly code?: unknown
  readonly message?: unknown
  readonly errors?: unknown
}

// SQLSTATE codes (PostgreSQL 15 docs, appendix A) and what each means for the user: the server's own
// words follow (they name the user, the database, the table), or this text when it sent none.
const sqlStates: Readonly<Record<string, { code: ErrorCode; text: string }>> = {
  '28P01': { code: 'forbidden', text: 'wrong password' },
  '28000': { code: 'forbidden', text: 'the server refused this user' },
  '3D000': { code: 'not_found', text: 'no such database' },
  '42501': { code: 'forbidden', text: 'permission denied' },
  '42P01': { code: 'no_store', text: 'a table eventscope reads is missing' },
  '57014': { code: 'io_error', text: 'the statement was cancelled' },
  '57P01': { code: 'io_error', text: 'the server is shutting down' },
  '57P03': { code: 'io_error', text: 'the server is not accepting connections yet' },
  '53300': { code: 'io_error', text: 'the server has too many connections' },
}

const socketErrors: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'refused the connection (is PostgreSQL running there?)',
  ENOTFOUND: 'is not a known host name',
  EAI_AGAIN: 'could not be resolved (temporary DNS failure)',
  ETIMEDOUT: 'did not answer in time',
  ECONNRESET: 'closed the connection',
  EHOSTUNREACH: 'cannot be reached',
  ENETUNREACH: 'cannot be reached (network unreachable)',
  ENOENT: 'has no socket there (is PostgreSQL running?)',
  EACCES: 'socket cannot be opened (permission denied)',
}

/** A StoreError for whatever the pg client threw; `server` names the server ("PostgreSQL at host:5432"). */
export function databaseError(error: unknown, server: string): StoreError {
  if (error instanceof StoreError) return error
  const pgError = (typeof error === 'object' && error !== null ? error : {}) as PgLikeError
  const code = typeof pgError.code === 'string' ? pgError.code : innerCode(pgError)
  const known = code === undefined ? undefined : sqlStates[code]
  const detail = firstLine(typeof pgError.message === 'string' ? pgError.message : '')
  if (known) return new StoreError(known.code, `${server}: ${detail === '' ? known.text : detail}`)
  const socket = code === undefined ? undefined : socketErrors[code]
  if (socket) return new StoreError('io_error', `${server} ${socket}`)
  if (/password must be a string|no password|SCRAM/i.test(detail))
    return new StoreError(
      'forbidden',
      `${server} asks for a password and none was given (PGPASSWORD or the URL)`,
    )
  if (/terminated|timeout/i.test(detail)) return new StoreError('io_error', `${server}: ${detail}`)
  const state = code !== undefined && /^[0-9A-Z]{5}$/.test(code) ? ` (SQLSTATE ${code})` : ''
  return new StoreError('io_error', `${server}: ${detail === '' ? 'the query failed' : detail}${state}`)
}

// Node's AggregateError carries the socket codes on its members.
function innerCode(error: PgLikeError): string | undefined {
  if (!Array.isArray(error.errors)) return undefined
  for (const inner of error.errors as PgLikeError[]) if (typeof inner?.code === 'string') return inner.code
  return undefined
}

function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0]?.trim() ?? ''
}
