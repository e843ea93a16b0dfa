// `eventscope list DIR`: every aggregate, counted from its stream (or from the scan cache where the
// stream's file is as cached), or with --from-index as index.json alone says.

import type { CliIo } from '../cli-io'
import { CliError } from '../cli-error'
import { listJson, listText, type RowSource } from '../format/list-format'
import { indexRows } from '../format/index-rows'
import { applyCachePreference } from './cache-switch'
import { existingDirectory } from './existing-directory'
import { withSession } from './session-access'

const fromNames = { cached: 'cache', extended: 'cache+tail', read: 'stream' } as const

/** Read (or check against the scan cache) every stream, then print the aggregates table (or JSON). */
export async function runList(
  command: { dir: string; fromIndex: boolean; noCache: boolean; json: boolean },
  io: CliIo,
): Promise<number> {
  if (command.fromIndex) return listFromIndex(command, io)
  applyCachePreference(command.noCache)
  return withSession(command.dir, async (session) => {
    // Counts come from the streams, so wait until each one has been read or found as cached.
    const summary = await session.whenReconciled()
    const rows = session.aggregates()
    const state = session.cacheState()
    const source: RowSource = {
      from: (id) => {
        const freshness = session.freshness(id)
        return freshness === undefined ? 'stream' : fromNames[freshness]
      },
      cache: state === 'miss: switched off' ? 'off' : state,
    }
    if (command.json) await io.out(`${JSON.stringify(listJson(summary, rows, source), null, 2)}\n`)
    else await io.out(listText(summary, rows, source))
    return 0
  })
}

// O(index.json): one read and one JSON.parse, or the scan cache's snapshot of it while it holds;
// the directory is not even listed.
async function listFromIndex(
  command: { dir: string; json: boolean; noCache: boolean },
  io: CliIo,
): Promise<number> {
  const { indexTableOf } = await import('../../core/store/store-opening')
  applyCachePreference(command.noCache)
  const dir = existingDirectory(command.dir)
  const table = await indexTableOf(dir)
  if (table.state === 'missing')
    throw new CliError(`no index.json in ${dir}: --from-index needs one`, 1, 'not_found')
  if (table.state === 'unreadable') throw new CliError(table.reason, 1, 'invalid_input')
  const { summary, rows } = indexRows(dir, table)
  const source: RowSource = { from: () => 'index', cache: null }
  if (command.json) await io.out(`${JSON.stringify(listJson(summary, rows, source), null, 2)}\n`)
  else await io.out(listText(summary, rows, source))
  return 0
}
