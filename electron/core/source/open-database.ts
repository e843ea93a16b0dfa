// Opening the Source a database address names: the one place that knows which kinds exist, so the
// session, the CLI and copy open an address alike.
//
// The address is the whole one (with its password, if it has one); it never leaves main or the CLI.
// Besides `postgres://…` and `sqlite:PATH`, a plain path to a SQLite file is taken too
// (database-address.ts tells it by its header): the CLI's DIR may be one.

import { resolve } from 'node:path'
import { databaseKindOf } from '../../../shared/store-address'
import { StoreError } from '../errors'
import { storeDatabaseKind } from './database-address'
import type { PostgresSourceOptions } from './postgres/postgres-source'
import type { Source } from './source'
import { sqlitePathOf } from './source-address'
import { isSqliteModuleMissing, sqliteNotInstalled } from './sqlite/sqlite-errors'

export interface OpenDatabaseOptions extends PostgresSourceOptions {
  /**
   * Open for writing. A SQLite file is opened read-only unless this is set; a PostgreSQL source
   * appends through Emmett's own function either way (the server's privileges decide).
   */
  readonly writable?: boolean
  /** Relative SQLite paths are taken from here (default: the process's working directory). */
  readonly cwd?: string
}

/** Connect to the store at `address`; a one-line StoreError when it cannot (refused, no tables…). */
export async function openDatabaseSource(
  address: string,
  options: OpenDatabaseOptions = {},
): Promise<Source> {
  const cwd = options.cwd ?? process.cwd()
  const kind = storeDatabaseKind(address, cwd)
  // Each client is loaded when its kind of database is opened: the PostgreSQL client (pg and what it
  // pulls in) took 0.15 s of every `eventscope state` on a directory, a quarter of its time from the
  // scan cache; better-sqlite3 loads a native module, and may not be installed (sqlite-errors.ts).
  switch (kind) {
    case 'postgres': {
      const { openPostgresSource } = await import('./postgres/postgres-source')
      return openPostgresSource(address, options)
    }
    case 'sqlite': {
      const path = databaseKindOf(address) === 'sqlite' ? sqlitePathOf(address, cwd) : resolve(cwd, address)
      if (path === null)
        throw new StoreError(
          'invalid_input',
          `${JSON.stringify(address)} names no SQLite file: write sqlite:PATH (sqlite:./shop.db, sqlite:///data/shop.db)`,
        )
      const { openSqliteSource } = await import('./sqlite/sqlite-source').catch((error: unknown) => {
        throw isSqliteModuleMissing(error) ? new StoreError('unsupported', sqliteNotInstalled) : error
      })
      return openSqliteSource(path, options.writable === undefined ? {} : { writable: options.writable })
    }
    case null:
      throw new StoreError('invalid_input', 'Not a database address (postgres://… or sqlite:PATH).')
  }
}
