// store.verify, store.repair and store.reindex over the session's open directory: a database has no
// files to check or mend, and is refused with its capability's one-line reason before anything runs.
//
// Verification reads the whole store again (O(store bytes)), so it reports progress, can be cancelled
// (task.cancel), and is cancelled by opening another store. Repair and reindex write, then make the session take the
// rewritten files in at once so the open views show the result without waiting for the watcher.

import { basename } from 'node:path'
import type { IntegrityChannel } from '../../../shared/channels'
import type { ChannelOutput, Handlers, VerifyReportDto } from '../../../shared/contract'
import type { ExplorerSession } from '../session/explorer-session'
import { repairStore } from '../verify/repair-store'
import { verifyStore, type VerifyReport } from '../verify/verify-store'
import { previewReindex, reindexStore, type ReindexResult } from '../write/reindex'

/** More findings than this are counted but not sent: a store of garbage must not flood the window. */
export const maxVerifyFindings = 5000

/**
 * The integrity channels over one session. Each is a task: opening another store stops it; one
 * verification runs at a time (a new one supersedes it), and task.cancel stops it by its id.
 */
export function createIntegrityHandlers(session: ExplorerSession): Pick<Handlers, IntegrityChannel> {
  const { tasks } = session
  return {
    'store.verify': async ({ taskId }) => {
      const { dir } = session.directory('verify')
      const report = await tasks.run(
        taskId,
        ({ signal, progress }) => verifyStore(dir, { signal, onProgress: progress }),
        { label: 'Verifying', supersedes: 'store.verify' },
      )
      return toVerifyDto(report)
    },
    'store.repair': async ({ dryRun }) => {
      const { dir } = session.directory('repair')
      const report = await tasks.run(
        tasks.newId('store.repair'),
        ({ signal }) => repairStore(dir, { dryRun, signal }),
        { label: dryRun ? 'Checking what repair would do' : 'Repairing' },
      )
      if (!dryRun && report.actions.length > 0)
        await session.refreshAll(report.actions.map((action) => action.file))
      return {
        dryRun: report.dryRun,
        actions: report.actions.map(({ aggregateId, file, line, cutAt, bytesRemoved, backup }) => ({
          aggregateId,
          file,
          line,
          cutAt,
          bytesRemoved,
          backup,
        })),
        leftAlone: report.leftAlone.map(({ aggregateId, file, line, kind, message }) => ({
          aggregateId,
          file,
          line,
          kind,
          message,
        })),
        removedTemps: report.removedTemps,
      }
    },
    'store.reindex': async ({ dryRun }) => {
      const { dir } = session.directory('reindex')
      const result = await tasks.run(
        tasks.newId('store.reindex'),
        ({ signal }) => (dryRun ? previewReindex(dir, signal) : reindexStore(dir, undefined, signal)),
        { label: dryRun ? 'Checking what reindex would do' : 'Reindexing' },
      )
      if (!dryRun && result.written) await session.refreshAll([])
      return toReindexDto(result, dryRun)
    },
  }
}

/** The report as sent to the window: counts over every finding, the findings themselves capped. */
export function toVerifyDto(report: VerifyReport): VerifyReportDto {
  const affected = new Set<string>()
  let errors = 0
  for (const finding of report.problems) {
    if (finding.severity === 'error') errors++
    if (finding.aggregateId !== null) affected.add(finding.aggregateId)
  }
  return {
    ok: report.ok,
    aggregates: report.aggregates,
    events: report.events,
    errors,
    warnings: report.problems.length - errors,
    affectedAggregates: affected.size,
    problems: report.problems.slice(0, maxVerifyFindings),
    problemCount: report.problems.length,
  }
}

function toReindexDto(result: ReindexResult, dryRun: boolean): ChannelOutput<'store.reindex'> {
  return {
    dryRun,
    before: result.before,
    corruptCopy: result.corruptCopy === null ? null : basename(result.corruptCopy),
    added: result.added,
    removed: result.removed,
    updated: result.updated,
    totalBefore: result.totalBefore,
    totalAfter: result.totalAfter,
    written: result.written,
    removedTemps: result.removedTemps,
  }
}
