// `eventscope list DIR`: every aggregate, counted from its stream (or from the scan cache where the
// stream's file is as cached), or with --from-index as index.json alone says.

import type { CliIo } from '../cli-io'
import { CliError } from '../cli-error'
import type { ExplorerSession } from '../../core/session/explorer-session'
import type { CachedRows } from '../../core/store/cached-rows'
import { listTableAhead } from '../format/list-ahead'
import { listJson, listText, listTextAfter, type RowFrom, type RowSource } from '../format/list-format'
import type { ColumnsWriter } from '../format/table'
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
    // The table of a store found as cached is laid out while its streams are judged (list-ahead.ts).
    // (A failure there only means the usual way: `catch`, and no unhandled rejection meanwhile.)
    const ahead = command.json ? null : tableAhead(session).catch(() => null)
    // Counts come from the streams, so wait until each one has been read or found as cached.
    const summary = await session.whenReconciled()
    const state = session.cacheState()
    const cache = state === 'miss: switched off' ? 'off' : state
    const laidOut = await ahead
    if (laidOut?.rows.holds()) {
      const from = new Array<RowFrom>(laidOut.rows.size).fill('cache')
      const source: RowSource = { from: () => 'cache', cache }
      await io.out(laidOut.table.finish(listTextAfter(summary, from, source, [])))
      return 0
    }
    const rows = session.aggregates()
    const source: RowSource = {
      from: (id) => {
        const freshness = session.freshness(id)
        return freshness === undefined ? 'stream' : fromNames[freshness]
      },
      cache,
    }
    if (command.json) await io.out(`${JSON.stringify(listJson(summary, rows, source), null, 2)}\n`)
    else await io.out(listText(summary, rows, source))
    return 0
  })
}

// The table as laid out ahead from the rows of a store found as cached, and those rows (to ask
// whether they held); null when they could not be had (a store not cached, a row not the usual one).
async function tableAhead(
  session: ExplorerSession,
): Promise<{ rows: CachedRows; table: ColumnsWriter } | null> {
  const rows = await session.cachedRows()
  const table = rows && (await listTableAhead(rows))
  return rows && table ? { rows, table } : null
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
