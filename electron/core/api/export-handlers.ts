// export.run and export.cancel: the desktop shell asks where to save and writes there; the browser shell
// hands back a download address and writes when the browser fetches it.

import type { ChannelOutput, ExportSpec } from '../../../shared/contract'
import { StoreError } from '../errors'
import { ExportCancelled } from '../export/run-export'
import type { ExplorerSession } from '../session/explorer-session'
import type { ShellServices } from './shell-services'

/** The file name to suggest for an export. */
export function suggestedExportName(spec: ExportSpec): string {
  const subject = spec.aggregateIds.length === 1 ? (spec.aggregateIds[0] as string) : 'events'
  switch (spec.format) {
    case 'state':
      return `${subject}@v${spec.version ?? 'latest'}.state.json`
    case 'store':
      return `${subject}-export`
    default:
      return `${subject}.${spec.format}`
  }
}

export function createExportHandlers(session: ExplorerSession, services: ShellServices) {
  const running = new Map<string, AbortController>()
  return {
    'export.run': async (spec: ExportSpec): Promise<ChannelOutput<'export.run'>> => {
      session.summary() // refuses with no_store before any dialog opens
      if (services.offerDownload) return { status: 'download', url: services.offerDownload(spec) }
      if (!services.exportTarget) throw new StoreError('unsupported', 'This shell cannot save files.')
      const out = await services.exportTarget(suggestedExportName(spec))
      if (out === null) return { status: 'cancelled' }
      const controller = new AbortController()
      running.set(spec.exportId, controller)
      try {
        const result = await session.exportTo(spec, out, controller.signal)
        return {
          status: 'saved',
          path: result.out,
          events: result.events,
          skippedLines: result.skippedLines,
          bytes: result.bytes,
        }
      } catch (error) {
        if (error instanceof ExportCancelled) return { status: 'cancelled' }
        throw error
      } finally {
        running.delete(spec.exportId)
      }
    },
    'export.cancel': async ({ exportId }: { exportId: string }): Promise<ChannelOutput<'export.cancel'>> => {
      const controller = running.get(exportId)
      controller?.abort()
      return { cancelled: controller !== undefined }
    },
  }
}
