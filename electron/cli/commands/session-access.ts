// Opening a store and a stream through the core session, with the core's typed errors turned into the
// CLI's one-line failures.

import { StoreError } from '../../core/errors'
import type { StreamInfo } from '../../../shared/contract'
import { ExplorerSession } from '../../core/session/explorer-session'
import { CliError } from '../cli-error'
import { unknownAggregateMessage } from '../format/id-suggestions'

/** Open `dir` in a fresh session; a missing directory or unreadable store becomes a CliError. */
export async function openSession(dir: string): Promise<ExplorerSession> {
  const session = new ExplorerSession()
  try {
    await session.open(dir)
    return session
  } catch (error) {
    session.close()
    throw asCliError(error)
  }
}

/** Open an aggregate's stream; an unknown aggregate becomes a CliError naming the ids it is the start of. */
export async function openStream(session: ExplorerSession, aggregateId: string): Promise<StreamInfo> {
  try {
    return await session.streamOpen(aggregateId)
  } catch (error) {
    const ids = session.aggregates().map((row) => row.id)
    if (error instanceof StoreError && error.code === 'not_found' && !ids.includes(aggregateId))
      throw new CliError(unknownAggregateMessage(aggregateId, ids), 1, 'not_found')
    throw asCliError(error)
  }
}

/** Run `work` with the store in `dir` open, and close it afterwards so background reading stops. */
export async function withSession<T>(
  dir: string,
  work: (session: ExplorerSession) => Promise<T>,
): Promise<T> {
  const session = await openSession(dir)
  try {
    return await work(session)
  } finally {
    session.close()
  }
}

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
