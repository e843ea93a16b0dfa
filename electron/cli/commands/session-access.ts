// Opening a store and a stream through the core session, with the core's typed errors turned into the
// CLI's one-line failures.

import { StoreError } from '../../core/errors'
import type { StreamInfo } from '../../../shared/contract'
import { ExplorerSession } from '../../core/session/explorer-session'
import type { StoreOpenOptions } from '../../core/store/open-store'
import { CliError } from '../cli-error'
import { asCliError } from './as-cli-error'
import { unknownAggregateMessage } from '../format/id-suggestions'

/** Open `dir` in a fresh session; a missing directory or unreadable store becomes a CliError. */
export async function openSession(dir: string, options: StoreOpenOptions = {}): Promise<ExplorerSession> {
  // Big streams read cold are kept in the scan cache for the next command (cached-scan.ts).
  const session = new ExplorerSession({ keepScans: true })
  try {
    await session.open(dir, options)
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
    if (error instanceof StoreError && error.code === 'not_found') {
      const ids = await session.aggregateIds()
      if (!ids.includes(aggregateId))
        throw new CliError(unknownAggregateMessage(aggregateId, ids), 1, 'not_found')
    }
    throw asCliError(error)
  }
}

/**
 * Run `work` with the store in `dir` open, and close it afterwards so background reading stops.
 * `namedOnly` for commands about one stream: only the streams asked for are read (open-store.ts).
 */
export async function withSession<T>(
  dir: string,
  work: (session: ExplorerSession) => Promise<T>,
  options: StoreOpenOptions = {},
): Promise<T> {
  const session = await openSession(dir, options)
  try {
    return await work(session)
  } finally {
    session.close()
  }
}

/**
 * `withSession` for a command about the streams it names (`state`, `events`): only those are read,
 * never index.json, the listing or the other streams (a store of 100,000 streams costs its one stream).
 */
export function withNamedSession<T>(dir: string, work: (session: ExplorerSession) => Promise<T>): Promise<T> {
  return withSession(dir, work, { namedOnly: true })
}
