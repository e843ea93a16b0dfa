// `eventscope import DIR FILE [--aggregate ID]`: append the events of a JSONL file, each to its
// aggregate, through the same chunked batch append as `append --batch` (one index write per 10,000
// events). A line is either an event as a store holds it (the seed's flat style or a data/payload
// envelope: its id and time are kept) or a line of the --batch format.

import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { detectStyle, readEnvelope } from '../../core/stream/envelope'
import type { BatchRequest } from '../../core/write/append'
import type { JsonObject } from '../../core/json/json-value'
import { CliError } from '../cli-error'
import type { CliIo } from '../cli-io'
import type { ImportCommand } from '../descriptors/import'
import { batchItemOf, lineKeys, lineObject, summaryLine } from './append-batch-command'
import { appendLines } from './batch-runner'

/** Import every line of FILE; on the first bad line or refusal, stop and say which line. */
export async function runImport(command: ImportCommand, io: CliIo): Promise<number> {
  const file = resolve(command.file)
  const info = await stat(file).catch(() => null)
  if (!info?.isFile()) throw new CliError(`no such file to import: ${command.file}`)
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })
  let first = true
  const toRequest = (line: string): BatchRequest => {
    const text = first ? line.replace(/^\uFEFF/, '') : line
    first = false
    return importItem(text, command.aggregateId)
  }
  const name = basename(file)
  const summary = await appendLines(resolve(command.dir), lines, toRequest, (n) => `${name} line ${n}`)
  await io.out(
    command.json ? `${JSON.stringify(summary, null, 2)}\n` : `${summaryLine('imported', summary)}\n`,
  )
  return 0
}

/**
 * One line of an import file as an append request; throws an Error whose message says what is wrong.
 *
 * `aggregateId`, when given, is where every event goes, whatever aggregate its line names.
 */
export function importItem(line: string, aggregateId: string | null): BatchRequest {
  const value = lineObject(line)
  if (isBatchLine(value)) return batchItemOf(aggregateId === null ? value : { ...value, aggregateId })
  const envelope = readEnvelope(value, detectStyle(value))
  if (envelope.type === null) throw new Error('the event has no type (event_type, type or eventType)')
  const target = aggregateId ?? envelope.aggregateId
  if (target === null)
    throw new Error(
      'the event names no aggregate (aggregate_id or aggregateId); give one with --aggregate ID',
    )
  return {
    aggregateId: target,
    eventType: envelope.type,
    payload: envelope.payload,
    ...(envelope.metadata === null ? {} : { metadata: envelope.metadata }),
    ...(envelope.id === null ? {} : { eventId: envelope.id }),
    ...(envelope.occurredAt === null ? {} : { occurredAt: envelope.occurredAt }),
  }
}

// The --batch format: nothing but its own fields, with a "type" and a "data".
function isBatchLine(value: JsonObject): boolean {
  return (
    Object.hasOwn(value, 'type') &&
    Object.hasOwn(value, 'data') &&
    Object.keys(value).every((key) => lineKeys.has(key))
  )
}
