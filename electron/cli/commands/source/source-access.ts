// Opening a database store for a read command, with the core's one-line errors turned into the CLI's.
//
// The seam the JSONL commands will move to once the JSONL store implements the Source interface; for
// now only a `postgres://` address comes here (source-address.ts decides).

import { StoreError } from '../../../core/errors'
import { openPostgresSource } from '../../../core/source/postgres/postgres-source'
import type { Source, StreamSummary } from '../../../core/source/source'
import { CliError } from '../../cli-error'

/** Run `work` with the store at `address` open, and close its connections afterwards. */
export async function withSource<T>(address: string, work: (source: Source) => Promise<T>): Promise<T> {
  let source: Source
  try {
    source = await openPostgresSource(address)
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
