// Opening the Source a database address names: the one place that knows which kinds exist, so the
// session, the CLI and copy open an address alike.
//
// The address is the whole one (with its password, if it has one); it never leaves main or the CLI.

import { databaseKindOf } from '../../../shared/store-address'
import { StoreError } from '../errors'
import type { Source } from './source'

/** Connect to the store at `address`; a one-line StoreError when it cannot (refused, no tables…). */
export async function openDatabaseSource(address: string): Promise<Source> {
  const kind = databaseKindOf(address)
  switch (kind) {
    case 'postgres': {
      // Loaded when a database is opened: the PostgreSQL client (pg and what it pulls in) took 0.15 s
      // of every `eventscope state` on a directory, a quarter of its time from the scan cache.
      const { openPostgresSource } = await import('./postgres/postgres-source')
      return openPostgresSource(address)
    }
    case 'sqlite':
      throw new StoreError('unsupported', 'SQLite stores cannot be opened by this build of eventscope yet.')
    case null:
      throw new StoreError('invalid_input', 'Not a database address (postgres://… or sqlite:PATH).')
  }
}
