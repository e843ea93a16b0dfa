// store.verify, store.verifyCancel, store.repair and store.reindex over the session's open store.
//
// Verification reads the whole store again (O(store bytes)), so it reports progress, can be cancelled,
// and is cancelled by opening another store. Repair and reindex write, then make the session take the
// rewritten files in at once so the open views show the result without waiting for the watcher.

import { basename } from 'node:path'
import type { ChannelOutput, VerifyReportDto } from '../../../shared/contract'
import { StoreError } from '../errors'
import type { ExplorerSession } from '../session/explorer-session'
import { repairStore } from '../verify/repair-store'
import { verifyStore, type VerifyReport } from '../verify/verify-store'
import { previewReindex, reindexStore, type ReindexResult } from '../write/reindex'

/** More findings than this are counted but not sent: a store of garbage must not flood the window. */
export const maxVerifyFindings = 5000

export interface IntegrityHandlers {
  readonly handlers: {
    'store.verify': () => Promise<ChannelOutput<'store.verify'>>
    'store.verifyCancel': () => Promise<ChannelOutput<'store.verifyCancel'>>
    'store.repair': (input: { dryRun: boolean }) => Promise<ChannelOutput<'store.repair'>>
    'store.reindex': (input: { dryRun: boolean }) => Promise<ChannelOutput<'store.reindex'>>
  }
  /** Another store is being opened: a verification of the old one stops. */
  readonly storeOpening: () => void
}

/** The integrity channels over one session; one verification runs at a time (a new one replaces it). */
export function createIntegrityHandlers(session: ExplorerSession): IntegrityHandlers {
  let running: AbortController | null = null
  const cancel = (): boolean => {
    const had = running !== null
    running?.abort()
    running = null
    return had
  }

  return {
    storeOpening: () => void cancel(),
    handlers: {
      'store.verify': async () => {
        const dir = session.summary().dir
        cancel()
        const controller = new AbortController()
        running = controller
        try {
          const onProgress = (done: number, total: number): void =>
            session.notify('onProgress', { task: 'Verifying', done, total })
          const report = await verifyStore(dir, { signal: controller.signal, onProgress })
          if (controller.signal.aborted) throw new StoreError('cancelled', 'Verification cancelled.')
          return toVerifyDto(report)
        } finally {
          if (running === controller) running = null
        }
      },
      'store.verifyCancel': async () => ({ cancelled: cancel() }),
      'store.repair': async ({ dryRun }) => {
        const dir = session.summary().dir
        const report = await cancelledWithStore(() =>
          repairStore(dir, { dryRun, signal: session.storeScanSignal() }),
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
        }
      },
      'store.reindex': async ({ dryRun }) => {
        const dir = session.summary().dir
        const signal = session.storeScanSignal()
        const result = await cancelledWithStore(() =>
          dryRun ? previewReindex(dir, signal) : reindexStore(dir, undefined, signal),
        )
        if (!dryRun && result.written) await session.refreshAll([])
        return toReindexDto(result, dryRun)
      },
    },
  }
}

/**
 * Run a whole-store read that opening another store aborts (through the session's store signal), its
 * abort answered as `cancelled`: reindex and repair previews read every stream (O(store bytes)).
 */
async function cancelledWithStore<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof StoreError) throw error
    if (error instanceof Error && error.name === 'AbortError')
      throw new StoreError('cancelled', 'Stopped: another store was opened.')
    throw error
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
  }
}
