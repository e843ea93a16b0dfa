// `eventscope append DIR --batch`: NDJSON events from stdin, appended in order, stopping at the first
// refusal with its input line number.
//
// One appendEvent per line for now (one lock, one stream scan, one index write each); a batch that
// holds the lock once and writes the index once is a later step.

import { resolve } from 'node:path'
import { isJsonObject, type JsonObject } from '../../core/json/json-value'
import { appendEvent } from '../../core/write/append'
import { CliError, usageError } from '../cli-error'
import type { CliIo } from '../cli-io'
import { plural } from '../format/table'
import { jsonErrorReason } from '../json-argument'
import type { AppendBatchCommand } from '../parse-write-commands'
import { asCliError } from './session-access'
import { stdinLines } from './stdin-text'

const lineKeys = new Set(['aggregateId', 'type', 'data', 'metadata', 'expectedVersion', 'eventId'])

export interface BatchItem {
  readonly aggregateId: string
  readonly eventType: string
  readonly payload: unknown
  readonly metadata?: unknown
  readonly expectedVersion: number | null
  readonly eventId?: string
}

/** Append every line of stdin; on the first refusal, stop and say which line and how many went in. */
export async function runAppendBatch(command: AppendBatchCommand, io: CliIo): Promise<number> {
  const dir = resolve(command.dir)
  const last = new Map<string, number>()
  let appended = 0
  let duplicates = 0
  let lineNumber = 0
  for await (const line of stdinLines(io)) {
    lineNumber++
    if (line.trim() === '') continue
    const done = `; ${plural(appended, 'event')} appended before it`
    let item: BatchItem
    try {
      item = batchItem(line)
    } catch (error) {
      throw usageError(`batch line ${lineNumber}: ${(error as Error).message}${done}`)
    }
    try {
      const result = await appendEvent({ dir, ...item })
      last.set(result.aggregateId, result.version)
      if (result.duplicate) duplicates++
      else appended++
    } catch (error) {
      const failure = asCliError(error)
      if (!(failure instanceof CliError)) throw error
      throw new CliError(`batch line ${lineNumber}: ${failure.message}${done}`, failure.exitCode)
    }
  }
  const aggregates = [...last].map(([aggregateId, version]) => ({ aggregateId, version }))
  if (command.json) await io.out(`${JSON.stringify({ appended, duplicates, aggregates }, null, 2)}\n`)
  else {
    const already = duplicates > 0 ? ` (${plural(duplicates, 'event')} already there)` : ''
    await io.out(`appended ${plural(appended, 'event')} to ${plural(last.size, 'aggregate')}${already}\n`)
  }
  return 0
}

/** One NDJSON input line as an append request; throws an Error whose message says what is wrong. */
export function batchItem(line: string): BatchItem {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch (error) {
    throw new Error(`not valid JSON: ${jsonErrorReason(line, error)}`)
  }
  if (!isJsonObject(value))
    throw new Error('each line must be a JSON object {"aggregateId", "type", "data", …}')
  const unknown = Object.keys(value).find((key) => !lineKeys.has(key))
  if (unknown !== undefined) {
    throw new Error(
      `unknown field "${unknown}" (a line has aggregateId, type, data, metadata, expectedVersion, eventId)`,
    )
  }
  const { aggregateId, type, data, metadata, expectedVersion, eventId } = value as JsonObject
  if (typeof aggregateId !== 'string') throw new Error('"aggregateId" must be a string')
  if (typeof type !== 'string') throw new Error('"type" must be a string')
  if (data === undefined) throw new Error('"data" is missing (the event payload, a JSON object)')
  if (
    expectedVersion != null &&
    !(Number.isSafeInteger(expectedVersion) && (expectedVersion as number) >= 0)
  ) {
    throw new Error('"expectedVersion" must be a whole number of at least 0, or null')
  }
  if (eventId !== undefined && (typeof eventId !== 'string' || eventId === ''))
    throw new Error('"eventId" must be a non-empty string')
  return {
    aggregateId,
    eventType: type,
    payload: data,
    ...(metadata === undefined ? {} : { metadata }),
    expectedVersion: (expectedVersion as number | null | undefined) ?? null,
    ...(eventId === undefined ? {} : { eventId }),
  }
}
