// The channels that answer otherwise when the open store is a database: a wrapper over the JSONL
// handlers that hands each such channel to its database half (session.database()) and leaves the
// JSONL path as it was. What a database lacks is refused in one line with the summary's reason
// (session/store-capabilities.ts), before anything touches a file.

import type { RequestChannel } from '../../../shared/channels'
import type { Handlers, StoreCapabilityName } from '../../../shared/contract'
import type { ExplorerSession } from '../session/explorer-session'
import type { SourceSession } from '../session/source-session'
import { databaseHandlers } from './database-answers'

/** Channels refused on a database, by the capability whose reason they answer with. */
const lacking: Partial<Record<RequestChannel, StoreCapabilityName>> = {
  'store.verify': 'verify',
  'store.repair': 'repair',
  'store.reindex': 'reindex',
  'store.trust': 'reducers',
}

/** `handlers`, with the database's answers for the open database's channels. */
export function withDatabaseHandlers(session: ExplorerSession, handlers: Handlers): Handlers {
  const database = databaseHandlers(session)
  const wrapped: Record<string, (input: unknown) => Promise<unknown>> = {}
  for (const [channel, jsonl] of Object.entries(handlers) as [
    RequestChannel,
    (input: unknown) => Promise<unknown>,
  ][]) {
    const capability = lacking[channel]
    const own = database[channel] as ((db: SourceSession, input: unknown) => Promise<unknown>) | undefined
    if (!capability && !own) {
      wrapped[channel] = jsonl
      continue
    }
    wrapped[channel] = async (input) => {
      const db = session.database()
      if (db === null) return jsonl(input)
      if (capability) db.require(capability)
      return own ? own(db, input) : jsonl(input)
    }
  }
  return wrapped as unknown as Handlers
}
