// `eventscope repair DIR [--dry-run]`: the only command that changes a stream, and all it does is cut a
// torn last line after a backup; bad lines in the middle are listed, never deleted.

import { resolve } from 'node:path'
import { repairStore } from '../../core/verify/repair-store'
import { previewReindex } from '../../core/write/reindex'
import type { CliIo } from '../cli-io'
import { reindexHint, repairText } from '../format/repair-format'
import { quoteArg } from '../format/shell-quote'
import { existingDirectory } from './existing-directory'
import { asCliError } from './as-cli-error'

/** Repair (or plan, with --dry-run) the store; prints each action and suggests reindex when needed. */
export async function runRepair(
  command: { dir: string; dryRun: boolean; json: boolean },
  io: CliIo,
): Promise<number> {
  const dir = existingDirectory(resolve(command.dir))
  try {
    const report = await repairStore(dir, { dryRun: command.dryRun })
    // Whether index.json still matches the streams once the cuts are made: a torn line is no event, so
    // a cut moves no count, but the writer that tore it may have left the index behind too.
    const preview = await previewReindex(dir)
    const reindex = preview.written
    if (command.json) {
      await io.out(`${JSON.stringify({ ...report, reindexSuggested: reindex }, null, 2)}\n`)
      return 0
    }
    const hint = reindexHint(preview, quoteArg(dir))
    await io.out(`${[...repairText(report), ...(hint ? [hint] : [])].join('\n')}\n`)
    return 0
  } catch (error) {
    throw asCliError(error)
  }
}
