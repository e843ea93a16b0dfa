// `eventscope search postgres://… [filters]`: the events of a database store that match, printed as
// each stream is searched, with the same filters and expression language as for a directory.

import { stringifyExact } from '../../../core/json/big-integers'
import { ExpressionError } from '../../../core/search/expression-error'
import { searchSource, type SourceMatch } from '../../../core/source/source-search'
import { CliError, usageError } from '../../cli-error'
import type { CliIo } from '../../cli-io'
import type { SearchCommand } from '../../descriptors/search'
import { matchLine, queryOf } from '../search-command'
import { withSource } from './source-access'

/** Search the store; exit 0 whether or not anything matched. */
export async function runSourceSearch(command: SearchCommand, io: CliIo): Promise<number> {
  const controller = new AbortController()
  const cancel = (): void => controller.abort()
  process.once('SIGINT', cancel)
  try {
    return await withSource(command, async (source) => {
      let writing = Promise.resolve()
      const result = await searchSource(source, queryOf(command), {
        ...(command.limit === null ? {} : { limit: command.limit }),
        signal: controller.signal,
        keep: command.json,
        ...(command.json
          ? {}
          : {
              onMatches: (matches: readonly SourceMatch[]) => {
                const text = `${matches.map(matchLine).join('\n')}\n`
                writing = writing.then(() => io.out(text))
              },
            }),
      }).catch((error: unknown) => {
        if (error instanceof ExpressionError) throw usageError(`--where: ${error.message}`)
        if (controller.signal.aborted) throw new CliError('search cancelled', 130)
        throw error
      })
      await writing
      if (command.json) {
        const doc = {
          matches: result.matches,
          scannedEvents: result.scannedEvents,
          truncated: result.truncated,
        }
        await io.out(`${stringifyExact(doc, 2)}\n`)
      } else if (result.truncated) io.err(`eventscope: stopped after ${matchCount(result.matched)} (--limit)`)
      else if (result.matched === 0) io.err('eventscope: no event matches')
      return 0
    })
  } finally {
    process.off('SIGINT', cancel)
  }
}

function matchCount(count: number): string {
  return `${count.toLocaleString('en-US')} match${count === 1 ? '' : 'es'}`
}
