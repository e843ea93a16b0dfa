// Where a channel's answer is chosen by the kind of store open (session.opened().kind): one wrapper
// over the handlers, which leaves every channel that is asked through the open store's interface
// (session/opened-store.ts) as it is, and for a database gives the channels it answers otherwise
// their database answer (database-answers.ts). What a database lacks (verify, repair, reindex, trust)
// is refused by the directory's own handler, which asks for the open directory with the capability
// (session.directory): one line with the summary's reason (session/store-capabilities.ts), before
// anything touches a file.
//
// Why a directory keeps its own answers for the store-wide questions (search, projections, histogram,
// as-of, correlation, invariants, breakpoints) instead of asking its Source as a database does: they
// read the stream files by byte, in parallel on workers, skip what the catalog already knows and run
// custom reducers from `.eventscope/` (issue 13's speed work, measured by `npm run bench`); the JSONL
// Source would read every file again through the generic interface, slower for the same answer.

import type { RequestChannel } from '../../../shared/channels'
import type { Handlers } from '../../../shared/contract'
import type { DatabaseStore } from '../session/database-store'
import type { ExplorerSession } from '../session/explorer-session'
import { databaseHandlers } from './database-answers'

/** `handlers` (a directory's answers), with a database's own answer where it answers otherwise. */
export function withDatabaseHandlers(session: ExplorerSession, handlers: Handlers): Handlers {
  const database = databaseHandlers(session)
  const wrapped: Record<string, (input: unknown) => Promise<unknown>> = {}
  for (const [channel, directory] of Object.entries(handlers) as [
    RequestChannel,
    (input: unknown) => Promise<unknown>,
  ][]) {
    const own = database[channel] as ((db: DatabaseStore, input: unknown) => Promise<unknown>) | undefined
    if (!own) {
      wrapped[channel] = directory
      continue
    }
    wrapped[channel] = async (input) => {
      const store = session.opened()
      return store.kind === 'directory' ? directory(input) : own(store, input)
    }
  }
  return wrapped as unknown as Handlers
}
