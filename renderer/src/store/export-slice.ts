// Exports: the one running (so it can be cancelled and its progress shown) and how the last one ended.
//
// The host either saved the file (desktop: main asked where), answered a download address (browser
// shell: the export runs while the browser fetches it) or was cancelled.

import type { EventPayload, ExportSpec, StoreSummary } from '../../../shared/contract'
import {
  describeDownloadReady,
  describeExportResult,
  exportScopeIds,
  type ExportScope,
  type LeftOut,
} from '../lib/export-scope'
import { isCancelled, messageOf } from '../lib/format'
import type { Progress } from './store-slice'
import type { SliceCreator } from './types'

/** Where an export was started, so its outcome shows there. */
export type ExportOrigin = 'dialog' | 'state'

/** An export as the dialog describes it; the ids are worked out from the scope when it starts. */
export type ExportRequest = Omit<ExportSpec, 'taskId' | 'aggregateIds'> & { readonly scope: ExportScope }

export interface ExportSlice {
  readonly exporting: {
    readonly running: {
      readonly exportId: string
      readonly origin: ExportOrigin
      /** Collecting the ids of the matching aggregates, or waiting for export.run. */
      readonly phase: 'collecting' | 'running'
      readonly cancelling: boolean
      /** The progress report current when this export started: older reports are not its own. */
      readonly progressBefore: Progress | null
    } | null
    readonly outcome: {
      readonly origin: ExportOrigin
      readonly ok: boolean
      readonly message: string
      /** The export's task id while its download may still report what it holds (onDownloadReady). */
      readonly downloadOf?: string
    } | null
  }
  exportRequested(request: ExportRequest, origin: ExportOrigin): Promise<void>
  exportCancelled(): void
  exportDismissed(): void
  /** The browser shell wrote a download's export: its outcome says what it holds. */
  downloadReady(ready: EventPayload<'onDownloadReady'>): void
}

// What an export of the open store leaves out: a directory's damaged lines, a database's rows.
function leftOutOf(state: { readonly store: { readonly summary: StoreSummary | null } }): LeftOut {
  return (state.store.summary?.source.kind ?? 'jsonl') === 'jsonl' ? 'damaged line' : 'unreadable row'
}

export const createExportSlice: SliceCreator<ExportSlice> = ({ set, get, api, page }) => {
  let nextExport = 1
  const slice: ExportSlice = {
    exporting: { running: null, outcome: null },

    async exportRequested(request, origin) {
      if (get().exporting.running) return
      const exportId = `export-${Date.now()}-${nextExport++}`
      const progressBefore = get().store.progress
      set({
        exporting: {
          running: { exportId, origin, phase: 'collecting', cancelling: false, progressBefore },
          outcome: null,
        },
      })
      const finish = (ok: boolean, message: string) =>
        set({ exporting: { running: null, outcome: { origin, ok, message } } })
      try {
        const { scope, ...rest } = request
        const { filter, sort } = get().aggregates
        const aggregateIds = await exportScopeIds(
          scope,
          { selected: get().stream.aggregateId, filter },
          (offset, limit) => api['aggregates.window']({ offset, limit, sort, filter }),
        )
        // Cancelled while the ids were being collected.
        const running = get().exporting.running
        if (running?.exportId !== exportId) return
        set((s) => ({ exporting: { ...s.exporting, running: { ...running, phase: 'running' } } }))
        const result = await api['export.run']({ ...rest, taskId: exportId, aggregateIds })
        if (result.status === 'download') page.startDownload(result.url)
        if (get().exporting.running?.exportId !== exportId) return
        const message = describeExportResult(
          result,
          request.format === 'state' ? request.version : undefined,
          leftOutOf(get()),
        )
        if (result.status !== 'download') finish(true, message)
        else
          set({ exporting: { running: null, outcome: { origin, ok: true, message, downloadOf: exportId } } })
      } catch (error) {
        if (get().exporting.running?.exportId === exportId)
          finish(isCancelled(error), isCancelled(error) ? 'Export cancelled' : messageOf(error))
      }
    },

    exportCancelled() {
      const running = get().exporting.running
      if (!running || running.cancelling) return
      if (running.phase === 'collecting') {
        // No export.run yet: dropping the running export makes the collector stop before starting one.
        set({
          exporting: {
            running: null,
            outcome: { origin: running.origin, ok: true, message: 'Export cancelled' },
          },
        })
        return
      }
      // The pending export.run then answers the error `cancelled` and ends the export.
      set((s) => ({ exporting: { ...s.exporting, running: { ...running, cancelling: true } } }))
      void api['task.cancel']({ taskId: running.exportId }).catch(() => {})
    },

    exportDismissed() {
      set((s) => ({ exporting: { ...s.exporting, outcome: null } }))
    },

    downloadReady(ready) {
      const outcome = get().exporting.outcome
      if (!outcome || outcome.downloadOf !== ready.taskId) return
      const message = describeDownloadReady(ready, leftOutOf(get()))
      set((s) => ({ exporting: { ...s.exporting, outcome: { origin: outcome.origin, ok: true, message } } }))
    },
  }
  // An export runs to its end (or its cancel) whatever store is opened meanwhile: it is about files
  // already chosen, and its outcome is still news.
  return { slice, perStore: null }
}
