// `eventscope append DIR --batch`: NDJSON events from stdin, appended in order in chunks of 10,000
// (one lock hold, one write per touched stream and one index write each), stopping at the first
// refusal with its input line number.

import { resolve } from 'node:path'
import { parseJsonExact } from '../../core/json/big-integers'
import { isJsonObject, type JsonObject } from '../../core/json/json-value'
import type { CliIo } from '../cli-io'
import { plural } from '../format/table'
import { jsonErrorReason } from '../json-argument'
import type { AppendBatchCommand } from '../descriptors/append'
import { appendLines, type BatchSummary } from './batch-runner'
import { stdinLines } from './stdin-text'

export const lineKeys: ReadonlySet<string> = new Set([
  'aggregateId',
  'type',
  'data',
  'metadata',
  'expectedVersion',
  'eventId',
])

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
  const summary = await appendLines(resolve(command.dir), stdinLines(io), batchItem, (n) => `batch line ${n}`)
  await io.out(
    command.json ? `${JSON.stringify(summary, null, 2)}\n` : `${summaryLine('appended', summary)}\n`,
  )
  return 0
}

/** `appended N events to M aggregates (K events already there)`. */
export function summaryLine(verb: string, summary: BatchSummary): string {
  const already = summary.duplicates > 0 ? ` (${plural(summary.duplicates, 'event')} already there)` : ''
  return `${verb} ${plural(summary.appended, 'event')} to ${plural(summary.aggregates.length, 'aggregate')}${already}`
}

/** One NDJSON input line as an append request; throws an Error whose message says what is wrong. */
export function batchItem(line: string): BatchItem {
  return batchItemOf(lineObject(line))
}

/** An input line parsed as a JSON object; throws an Error saying why it is not one. */
export function lineObject(line: string): JsonObject {
  let value: unknown
  try {
    // Exact: an integer beyond 2^53 in a batch or import line is written with every digit.
    value = parseJsonExact(line)
  } catch (error) {
    throw new Error(`not valid JSON: ${jsonErrorReason(line, error)}`)
  }
  if (!isJsonObject(value))
    throw new Error('each line must be a JSON object {"aggregateId", "type", "data", …}')
  return value
}

/** A batch line's object as an append request; throws an Error whose message says what is wrong. */
export function batchItemOf(value: JsonObject): BatchItem {
  const unknown = Object.keys(value).find((key) => !lineKeys.has(key))
  if (unknown !== undefined) {
    throw new Error(
      `unknown field "${unknown}" (a line has aggregateId, type, data, metadata, expectedVersion, eventId)`,
    )
  }
  const { aggregateId, type, data, metadata, expectedVersion, eventId } = value
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
