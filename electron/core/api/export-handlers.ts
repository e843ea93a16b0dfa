// export.run: the desktop shell asks where to save and writes there; the browser shell hands back a
// download address and writes when the browser fetches it. A running export is a task (task.cancel
// stops it) that outlives another store being opened: it runs until done or cancelled.

import type { ExportChannel } from '../../../shared/channels'
import type { ExportSpec, Handlers } from '../../../shared/contract'
import { StoreError } from '../errors'
import type { ExplorerSession, StateSource } from '../session/explorer-session'
import type { ExportWriter, ShellServices } from './shell-services'

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

/** The export channel over one session; `stateOf` is the state a state export saves (state.at's). */
export function createExportHandlers(
  session: ExplorerSession,
  services: ShellServices,
  stateOf: StateSource,
): Pick<Handlers, ExportChannel> {
  // A task under the window's id: task.cancel stops it, progress goes out under that id.
  const run = (spec: ExportSpec, out: string, signal?: AbortSignal) =>
    session.tasks.run(
      spec.taskId,
      (task) =>
        session.exportTo(spec, out, {
          signal: signal ? AbortSignal.any([signal, task.signal]) : task.signal,
          onProgress: task.progress,
          stateOf,
        }),
      { label: 'Exporting', outlivesStore: true },
    )
  return {
    'export.run': async (spec) => {
      session.summary() // refuses with no_store before any dialog opens
      if (services.offerDownload) {
        // The download is a request of its own, after export.run's check: by then another store may
        // be open (it would be exported instead), or the folder moved. Either refuses.
        const asked = session.opened()
        const write: ExportWriter = async (out, signal) => {
          if (!isStillOpen(session, asked))
            throw new StoreError(
              'cancelled',
              'Another store was opened after this export was asked for; export again.',
            )
          await session.ensureInPlace()
          return run(spec, out, signal)
        }
        return { status: 'download', url: services.offerDownload(spec, write) }
      }
      if (!services.exportTarget) throw new StoreError('unsupported', 'This shell cannot save files.')
      const out = await services.exportTarget(suggestedExportName(spec))
      if (out === null) return { status: 'dismissed' }
      const result = await run(spec, out)
      return {
        status: 'saved',
        path: result.out,
        events: result.events,
        skippedLines: result.skippedLines,
        bytes: result.bytes,
        ...(result.renumberedStreams ? { renumberedStreams: result.renumberedStreams } : {}),
      }
    },
  }
}

function isStillOpen(session: ExplorerSession, store: ReturnType<ExplorerSession['opened']>): boolean {
  try {
    return session.opened() === store
  } catch {
    return false
  }
}
