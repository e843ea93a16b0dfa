// Opening a database store for a read command, with the core's one-line errors turned into the CLI's.
//
// The seam the JSONL commands will move to once the JSONL store implements the Source interface; for
// now a database comes here (`postgres://`, `sqlite:` or a SQLite file: database-address.ts decides).

import { StoreError } from '../../../core/errors'
import {
  layoutNamed,
  openPostgresSource,
  type PostgresSourceOptions,
} from '../../../core/source/postgres/postgres-source'
import { storeDatabaseKind } from '../../../core/source/database-address'
import { openDatabaseSource } from '../../../core/source/open-database'
import type { Source, StreamSummary } from '../../../core/source/source'
import { CliError } from '../../cli-error'
import type { DatabaseChoice } from '../../descriptors/database-note'

/** A store argument: its address, and how to read it when the options said (--layout, --table). */
export interface StoreArgument {
  readonly dir: string
  readonly database?: DatabaseChoice | null
  /** Open for writing: a SQLite file is opened read-only otherwise (a PostgreSQL store either way). */
  readonly writable?: boolean
}

/** Run `work` with the store open, and close its connections afterwards. */
export async function withSource<T>(
  store: string | StoreArgument,
  work: (source: Source) => Promise<T>,
): Promise<T> {
  const { dir, database = null, writable = false } = typeof store === 'string' ? { dir: store } : store
  let source: Source
  try {
    // --layout, --table, --columns and --schema are PostgreSQL's (database-note.ts refuses them elsewhere).
    source =
      storeDatabaseKind(dir) === 'postgres'
        ? await openPostgresSource(dir, sourceOptions(database))
        : await openDatabaseSource(dir, { writable })
  } catch (error) {
    throw sourceCliError(error)
  }
  try {
    return await work(source)
  } catch (error) {
    throw sourceCliError(error)
  } finally {
    await source.close()
  }
}

function sourceOptions(choice: DatabaseChoice | null): PostgresSourceOptions {
  if (choice === null) return {}
  const schema = choice.schema === null ? {} : { schema: choice.schema }
  if (choice.table !== null) return { table: { table: choice.table, columns: choice.columns }, ...schema }
  const layout = choice.layout === null ? undefined : layoutNamed(choice.layout)
  return layout === undefined ? schema : { layout, ...schema }
}

/** A stream's summary; an unknown id is the CLI's not_found failure naming the store. */
export async function requireStream(source: Source, id: string): Promise<StreamSummary> {
  const stream = await source.stream(id)
  if (stream === null)
    throw new CliError(`no aggregate ${JSON.stringify(id)} in ${source.displayName}`, 1, 'not_found')
  return stream
}

/**
 * The core's one-line StoreError as the CLI's failure, its message as it is: a source's messages name
 * the store first ("PostgreSQL at …"), which the directory commands' lower-casing would spoil.
 */
function sourceCliError(error: unknown): unknown {
  if (!(error instanceof StoreError)) return error
  return new CliError(error.message.replace(/\.$/, ''), 1, error.code)
}
