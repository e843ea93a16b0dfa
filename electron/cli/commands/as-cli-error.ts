// The core's typed errors as the CLI's one-line failures. Apart from session-access.ts, so a command
// that never opens a session (search) does not load the session's code to word its errors.

import { StoreError } from '../../core/errors'
import { CliError } from '../cli-error'

/** The core's errors carry messages meant for users; keep them, in the CLI's lower-case style. */
export function asCliError(error: unknown): unknown {
  if (error instanceof StoreError) {
    return new CliError(
      lowerFirst(error.message.replace(/\.$/, '')),
      error.code === 'version_conflict' ? 3 : error.code === 'index_behind' ? 4 : 1,
      error.code,
    )
  }
  return error
}

function lowerFirst(text: string): string {
  // "No such directory" -> "no such directory", but leave "JSON", "UTF-8" and ids alone.
  return /^[A-Z][a-z]/.test(text) ? text[0]?.toLowerCase() + text.slice(1) : text
}
