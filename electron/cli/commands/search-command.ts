// `eventscope search DIR [filters]`: every event of the store that matches, one line each, printed as
// each stream is done. Progress on an interactive stderr; Ctrl-C cancels through the AbortSignal.

import { ExpressionError } from '../../core/search/expression-error'
import { stringifyExact } from '../../core/json/big-integers'
import { cachedCounts } from '../../core/scan-cache/cached-counts'
import { searchStore, type SearchMatch, type SearchResult } from '../../core/search/run-search'
import type { SearchQuery } from '../../core/search/search-query'
import { listStreamIds } from '../../core/store/store-files'
import { CliError, usageError } from '../cli-error'
import type { CliIo } from '../cli-io'
import { unknownAggregateMessage } from '../format/id-suggestions'
import { leftOutNote } from '../format/left-out-note'
import { shorten } from '../format/table'
import type { SearchCommand } from '../descriptors/search'
import { existingDirectory } from './existing-directory'
import { asCliError } from './as-cli-error'

/** Search the store; exit 0 whether or not anything matched. */
export async function runSearch(command: SearchCommand, io: CliIo): Promise<number> {
  const dir = existingDirectory(command.dir)
  const controller = new AbortController()
  const cancel = (): void => controller.abort()
  process.once('SIGINT', cancel)
  // Text lines go out as each stream's matches are confirmed; --json waits for the whole document.
  let writing = Promise.resolve()
  let result: SearchResult
  try {
    // A stream the scan cache knows, unchanged, needs no check of the lines the needles skip.
    const cachedCount = await cachedCounts(dir)
    result = await searchStore(dir, queryOf(command), {
      cachedCount,
      ...(command.limit === null ? {} : { limit: command.limit }),
      signal: controller.signal,
      keep: command.json,
      ...(io.progress ? { onProgress: progressLine(io.progress) } : {}),
      ...(command.json
        ? {}
        : {
            onMatches: (matches: readonly SearchMatch[]) => {
              const text = `${matches.map(matchLine).join('\n')}\n`
              writing = writing.then(() => io.out(text))
            },
          }),
    })
  } catch (error) {
    if (error instanceof ExpressionError) throw usageError(`--where: ${error.message}`)
    if (controller.signal.aborted) {
      await writing
      throw new CliError('search cancelled', 130)
    }
    throw asCliError(error)
  } finally {
    process.off('SIGINT', cancel)
    io.progress?.(null)
  }
  await writing
  const { matched, scannedBytes } = result.progress
  if (command.json) {
    const doc = { matches: result.matches, scanned: scannedBytes, truncated: result.truncated }
    await io.out(`${stringifyExact(doc, 2)}\n`)
  } else if (result.truncated) io.err(`eventscope: stopped after ${matchCount(matched)} (--limit)`)
  else if (matched === 0)
    io.err(`eventscope: no event matches${await unknownIdsNote(dir, command.aggregateIds)}`)
  // stderr, so stdout stays the matches alone (and --json a document that parses).
  const leftOut = leftOutNote(result.leftOut, command.dir, 'not searched')
  if (leftOut !== null) io.err(leftOut)
  return 0
}

// `--aggregate 3f2a` matching nothing is most often a short id: name the ids it is the start of.
async function unknownIdsNote(dir: string, wanted: readonly string[]): Promise<string> {
  if (wanted.length === 0) return ''
  const ids = await listStreamIds(dir)
  const known = new Set(ids)
  const unknown = wanted.filter((id) => !known.has(id))
  return unknown.map((id) => `; ${unknownAggregateMessage(id, ids)}`).join('')
}

/** The core's query for a parsed `search` command line (a directory's or a database's). */
export function queryOf(command: SearchCommand): SearchQuery {
  return {
    eventTypes: command.eventTypes,
    aggregateTypes: command.aggregateTypes,
    aggregateIds: command.aggregateIds,
    ...(command.since === null ? {} : { since: command.since }),
    ...(command.until === null ? {} : { until: command.until }),
    ...(command.where === null ? {} : { where: command.where }),
    ...(command.text === null ? {} : { text: command.text }),
  }
}

/** `acc-1  v3  2026-03-01T00:02:00Z  MoneyDeposited  {"amount":150}` */
export function matchLine(match: SearchMatch): string {
  const payload = shorten(stringifyExact(match.payload), 160)
  return [match.aggregateId, `v${match.version}`, match.occurredAt ?? '-', match.type ?? '-', payload].join(
    '  ',
  )
}

function progressLine(
  show: (line: string) => void,
): (progress: { matched: number; scannedBytes: number; totalBytes: number }) => void {
  return ({ matched, scannedBytes, totalBytes }) =>
    show(
      `searching: ${totalBytes > 0 ? Math.floor((100 * scannedBytes) / totalBytes) : 100}%, ${matchCount(matched)}`,
    )
}

function matchCount(count: number): string {
  return `${count.toLocaleString('en-US')} match${count === 1 ? '' : 'es'}`
}
