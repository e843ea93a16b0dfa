// `eventscope reindex DIR`: index.json rebuilt from the streams.

import { basename, resolve } from 'node:path'
import { reindexStore, type ReindexResult } from '../../core/write/reindex'
import type { CliIo } from '../cli-io'
import { tempLines } from '../format/repair-format'
import { plural } from '../format/table'
import { asCliError } from './as-cli-error'
import { appendAll } from '../../../shared/array-ops'

/** Rebuild the index under the store lock and print what changed. */
export async function runReindex(command: { dir: string; json: boolean }, io: CliIo): Promise<number> {
  const result = await reindexStore(resolve(command.dir)).catch((error: unknown) => {
    throw asCliError(error)
  })
  if (command.json) await io.out(`${JSON.stringify(result, null, 2)}\n`)
  else
    await io.out(
      reindexText(result)
        .map((line) => `${line}\n`)
        .join(''),
    )
  return 0
}

/** What reindex did, in a line or two. */
export function reindexText(result: ReindexResult): string[] {
  const lines: string[] = []
  if (result.corruptCopy !== null) {
    lines.push(`index.json was not readable; its old content is kept in ${basename(result.corruptCopy)}`)
  }
  appendAll(lines, tempLines(result.removedTemps, false))
  if (!result.written) {
    lines.push(
      `index.json already matches the streams (${plural(result.totalAfter, 'event')}); nothing written`,
    )
    return lines
  }
  const changed = result.added.length + result.removed.length + result.updated.length
  const before = result.totalBefore === null ? 'none' : String(result.totalBefore)
  const what = result.before === 'missing' ? 'written' : 'rebuilt'
  lines.push(
    `index.json ${what}: ${changed.toLocaleString('en-US')} ${changed === 1 ? 'entry' : 'entries'} changed, total_events ${before} → ${result.totalAfter}`,
  )
  return lines
}
