// `eventscope append DIR AGGREGATE_ID EVENT_TYPE --data JSON`: one event, written as the store's own
// program would write it (the core's appendEvent: validated, locked, fsync'd, index updated).

import { resolve } from 'node:path'
import { stringifyExact } from '../../core/json/big-integers'
import { appendEvent, type AppendResult } from '../../core/write/append'
import type { CliIo } from '../cli-io'
import { parseJsonArgument } from '../json-argument'
import type { AppendCommand } from '../descriptors/append'
import { asCliError } from './as-cli-error'
import { readStdinText } from './stdin-text'

/** Append one event and print its version (or that it was already there). */
export async function runAppend(command: AppendCommand, io: CliIo): Promise<number> {
  const stdin = command.data === '-' || command.metadata === '-' ? await readStdinText(io) : null
  const payload = parseJsonArgument('--data', command.data === '-' ? (stdin as string) : command.data)
  const metadata =
    command.metadata === null
      ? undefined
      : parseJsonArgument('--metadata', command.metadata === '-' ? (stdin as string) : command.metadata)
  const result = await appendEvent({
    dir: resolve(command.dir),
    aggregateId: command.aggregateId,
    eventType: command.eventType,
    payload,
    metadata,
    expectedVersion: command.expectedVersion,
    ...(command.eventId === null ? {} : { eventId: command.eventId }),
  }).catch((error: unknown) => {
    throw asCliError(error)
  })
  if (command.json) await io.out(`${stringifyExact(appendJson(result))}\n`)
  else await io.out(`${appendLine(result, command)}\n`)
  return 0
}

/** The --json document of one append. */
export function appendJson(result: AppendResult): object {
  return {
    aggregateId: result.aggregateId,
    version: result.version,
    event: result.event,
    duplicate: result.duplicate,
  }
}

/** `appended T to ID as version N`, or that the event was already the last one. */
export function appendLine(
  result: AppendResult,
  request: { readonly eventType: string; readonly eventId: string | null },
): string {
  if (result.duplicate) {
    // Only a request naming its event id can be a duplicate.
    return `already appended: ${request.eventId ?? '?'} is the last event of ${result.aggregateId} (version ${result.version})`
  }
  // The id is printed so a script that lost the answer can retry with --event-id: a no-op then.
  return `appended ${request.eventType} to ${result.aggregateId} as version ${result.version} (event id ${result.eventId})`
}
