// Appending a stream of input lines (NDJSON on stdin, or a JSONL file) through the core's batch append,
// 10,000 events per hold of the store lock: one stream write per touched aggregate and one index write
// per chunk, while the lock is never held for a whole huge input and memory stays bounded by a chunk.
//
// Stops at the first bad line or refused event, with its line number: the chunks before it and the
// events of its chunk before it stay appended, nothing from it on is written (what appending line by
// line would have done).

import { appendEvents, type BatchRequest } from '../../core/write/append'
import { CliError, usageError } from '../cli-error'
import { plural } from '../format/table'
import { asCliError } from './as-cli-error'

/** Events appended per lock hold. */
export const chunkEvents = 10_000

export interface BatchSummary {
  readonly appended: number
  readonly duplicates: number
  /** Each aggregate's version after its last event of the input, in order of first appearance. */
  readonly aggregates: { aggregateId: string; version: number }[]
}

/**
 * Append the event of every non-blank line; `toRequest` throws an Error saying what is wrong with a line.
 * `where(n)` names line n in messages ("batch line 3").
 */
export async function appendLines(
  dir: string,
  lines: AsyncIterable<string>,
  toRequest: (line: string) => BatchRequest,
  where: (lineNumber: number) => string,
): Promise<BatchSummary> {
  const last = new Map<string, number>()
  let appended = 0
  let duplicates = 0
  let chunk: { lineNumber: number; request: BatchRequest }[] = []
  const before = (): string => `; ${plural(appended, 'event')} appended before it`

  const flush = async (): Promise<void> => {
    if (chunk.length === 0) return
    const pending = chunk
    chunk = []
    const { results, refused } = await appendEvents(
      dir,
      pending.map((item) => item.request),
    ).catch((error: unknown) => {
      throw located(error, where((pending[0] as (typeof pending)[number]).lineNumber), before())
    })
    for (const result of results) {
      last.set(result.aggregateId, result.version)
      if (result.duplicate) duplicates++
      else appended++
    }
    if (refused)
      throw located(
        refused.error,
        where((pending[refused.at] as (typeof pending)[number]).lineNumber),
        before(),
      )
  }

  let lineNumber = 0
  for await (const line of lines) {
    lineNumber++
    if (line.trim() === '') continue
    let request: BatchRequest
    try {
      request = toRequest(line)
    } catch (error) {
      await flush()
      throw usageError(`${where(lineNumber)}: ${(error as Error).message}${before()}`)
    }
    chunk.push({ lineNumber, request })
    if (chunk.length >= chunkEvents) await flush()
  }
  await flush()
  return {
    appended,
    duplicates,
    aggregates: [...last].map(([aggregateId, version]) => ({ aggregateId, version })),
  }
}

function located(error: unknown, where: string, before: string): unknown {
  const failure = asCliError(error)
  if (!(failure instanceof CliError)) return error
  return new CliError(`${where}: ${failure.message}${before}`, failure.exitCode)
}
