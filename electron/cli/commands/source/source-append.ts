// `eventscope append postgres://… AGGREGATE_ID EVENT_TYPE --data JSON`: one event appended as the
// store's own library appends it (Emmett's emt_append_to_stream, postgres/emmett-append.ts; on a
// SQLite file Emmett's appendToStream, sqlite/emmett-sqlite-write.ts), with the expected-version
// check in the same transaction.

import { StoreError } from '../../../core/errors'
import { stringifyExact } from '../../../core/json/big-integers'
import { isExactObject, type ExactJsonObject } from '../../../core/json/json-value'
import type { Source } from '../../../core/source/source'
import { CliError, usageError } from '../../cli-error'
import type { CliIo } from '../../cli-io'
import type { AppendCommand } from '../../descriptors/append'
import { parseJsonArgument } from '../../json-argument'
import { readStdinText } from '../stdin-text'
import { withSource } from './source-access'

/** Append one event and print its version; a conflict exits 3 as for a directory. */
export async function runSourceAppend(command: AppendCommand, io: CliIo): Promise<number> {
  if (command.eventId !== null)
    throw usageError('--event-id does not work on a database store: the store gives each event its id')
  const stdin = command.data === '-' || command.metadata === '-' ? await readStdinText(io) : null
  const payload = objectArgument('--data', command.data === '-' ? (stdin as string) : command.data)
  const metadata =
    command.metadata === null
      ? undefined
      : objectArgument('--metadata', command.metadata === '-' ? (stdin as string) : command.metadata)
  // Appending is the ask to write: a SQLite file is opened for writing for this command only.
  return withSource({ dir: command.dir, writable: true }, async (source) => {
    if (!source.append)
      throw new CliError(
        source.capabilities.note ?? `${source.displayName} cannot be appended to`,
        1,
        'unsupported',
      )
    const event = { type: command.eventType, payload, ...(metadata === undefined ? {} : { metadata }) }
    const { nextVersion } = await source
      .append({ streamId: command.aggregateId, events: [event], expectedVersion: command.expectedVersion })
      .catch(async (error: unknown) => {
        throw await conflictError(source, command, error)
      })
    if (command.json)
      await io.out(
        `${stringifyExact({ aggregateId: command.aggregateId, version: nextVersion, duplicate: false })}\n`,
      )
    else await io.out(`appended ${command.eventType} to ${command.aggregateId} as version ${nextVersion}\n`)
    return 0
  })
}

function objectArgument(what: string, text: string): ExactJsonObject {
  const value = parseJsonArgument(what, text)
  if (!isExactObject(value)) throw usageError(`${what} must be a JSON object`)
  return value
}

// A conflict says where the stream is now, as a directory's append does (exit 3).
async function conflictError(source: Source, command: AppendCommand, error: unknown): Promise<unknown> {
  if (!(error instanceof StoreError) || error.code !== 'version_conflict') return error
  const stream = await source.stream(command.aggregateId).catch(() => null)
  const message =
    command.expectedVersion !== null && stream !== null
      ? `expected version ${command.expectedVersion}, stream is at ${stream.eventCount}`
      : error.message
  return new CliError(message, 3, 'version_conflict')
}
