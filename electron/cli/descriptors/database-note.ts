// What the read commands share about database stores, said once so list, events, state and search
// cannot drift apart (the README's Databases section says the same): the help paragraph, and the
// options that choose a layout or map a table.

import { knownLayoutNames } from '../../core/source/postgres/pg-layout'
import { isPostgresAddress } from '../../core/source/source-address'
import { usageError } from '../cli-error'
import type { OptionSpecs } from '../command-descriptor'

/** Appended to the description of every command that reads a database store as well as a directory. */
export const databaseNote = `DIR may also be a PostgreSQL database: postgres://USER:PASSWORD@HOST:PORT/DATABASE, or
postgres:// alone to take every part from PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE. Its
layout is found from its tables: Emmett's (emt_streams, emt_messages), Marten's (mt_streams,
mt_events), Eventuous' (streams, messages in eventuous or on the search path) or Message DB's
(message_store.messages); --layout names one, and --table reads a table of your own, --columns
saying which column holds what; --schema NAME (or ?eventscope-schema=NAME) looks in that schema.
Or a SQLite file in Emmett's layout: sqlite:PATH, or the file's own path. It is only read, never
written (append aside); a database error is one line
(exit 1).`

/** The options that say how to read a database; a usage error with a directory. */
export const databaseOptions = {
  layout: {
    kind: 'text',
    value: 'NAME',
    help: `Read the database in this layout: ${knownLayoutNames.join(', ')}\n(default: the layout its tables are)`,
  },
  table: {
    kind: 'text',
    value: 'NAME',
    help: 'Read this table of events of the database (NAME or SCHEMA.NAME)',
  },
  columns: {
    kind: 'text',
    value: 'MAP',
    help: `With --table, which column holds what: KEY=COLUMN pairs separated
by commas, KEY one of stream, position, data, type, time, id, metadata,
global (stream=aggregate_id,position=version,data=payload); a key left
out is guessed from common names, stream, position and data must be found`,
  },
  schema: {
    kind: 'text',
    value: 'NAME',
    help: `Look for the tables in this schema (the connection's search path),
where the library was told to keep them: Marten's DatabaseSchemaName,
Eventuous' PostgresStoreOptions.Schema (default: the search path, and
Eventuous' own eventuous schema)`,
  },
} as const satisfies OptionSpecs

/** How to read a database store, as the options gave it. */
export interface DatabaseChoice {
  readonly layout: string | null
  readonly table: string | null
  readonly columns: string | null
  readonly schema: string | null
}

/** The options checked against DIR and each other; null when none was given. */
export function databaseChoice(
  dir: string,
  values: {
    readonly layout: string | null
    readonly table: string | null
    readonly columns: string | null
    readonly schema: string | null
  },
): DatabaseChoice | null {
  const { layout, table, columns, schema } = values
  if (layout === null && table === null && columns === null && schema === null) return null
  if (!isPostgresAddress(dir))
    throw usageError(
      '--layout, --table, --columns and --schema are for a PostgreSQL store, not a directory or SQLite',
    )
  if (schema !== null && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema))
    throw usageError(
      `--schema takes a schema name of letters, digits and _ (not starting with a digit); got ${JSON.stringify(schema)}`,
    )
  if (layout !== null && !(knownLayoutNames as readonly string[]).includes(layout))
    throw usageError(`--layout takes ${knownLayoutNames.join(', ')}; got ${JSON.stringify(layout)}`)
  if (layout !== null && table !== null)
    throw usageError('--layout and --table exclude each other: a mapped table has no library layout')
  if (columns !== null && table === null)
    throw usageError('--columns maps the columns of --table: name the table too')
  if (table === '') throw usageError('--table needs a table name, got an empty one')
  return { layout, table, columns, schema }
}
