// What `eventscope repair` prints: each cut it made (or would make), each bad line it leaves alone.

import type { RepairReport } from '../../core/verify/repair-store'
import type { ReindexResult } from '../../core/write/reindex'
import { plural } from './table'
import { appendAll } from '../../../shared/array-ops'

/** One line per action and per line left alone, then what happened in a line. */
export function repairText(report: RepairReport): string[] {
  const lines: string[] = []
  for (const action of report.actions) {
    const what = `a torn last line at byte ${action.cutAt} (line ${action.line}, ${plural(action.bytesRemoved, 'byte')})`
    lines.push(
      report.dryRun
        ? `${action.file}: would cut ${what}; would back it up to ${action.backup}`
        : `${action.file}: cut ${what}; backup ${action.backup}`,
    )
  }
  for (const bad of report.leftAlone) {
    lines.push(
      `${bad.file} line ${bad.line}: ${lowerFirst(bad.message)} — repair never deletes a line in the middle of a stream; fix it by hand`,
    )
  }
  appendAll(lines, tempLines(report.removedTemps, report.dryRun))
  const cuts = plural(report.actions.length, 'stream')
  const left =
    report.leftAlone.length > 0 ? `; ${plural(report.leftAlone.length, 'bad line')} left alone` : ''
  if (report.actions.length === 0) lines.push(`nothing to repair: no torn last lines${left}`)
  else if (report.dryRun) lines.push(`dry run: would cut ${cuts}${left}; nothing was changed`)
  else lines.push(`repaired ${cuts}${left}`)
  return lines
}

/** The hint to run reindex when index.json no longer matches the streams, or null when it does. */
export function reindexHint(preview: ReindexResult, dir: string): string | null {
  if (!preview.written) return null
  const entries = preview.added.length + preview.removed.length + preview.updated.length
  const total = preview.totalBefore === null ? 'none' : String(preview.totalBefore)
  return `index.json does not match the streams (${entries.toLocaleString('en-US')} ${entries === 1 ? 'entry differs' : 'entries differ'}, total_events ${total} → ${preview.totalAfter}); run: eventscope reindex ${dir}`
}

/** One line per leftover index temp file removed by repair or reindex (or, in a dry run, to be). */
export function tempLines(removedTemps: readonly string[], dryRun: boolean): string[] {
  return removedTemps.map(
    (name) => `${dryRun ? 'would remove' : 'removed'} ${name}, left by a writer that was stopped mid-write`,
  )
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? `${text[0]?.toLowerCase() ?? ''}${text.slice(1)}` : text
}
