// Binds every channel of the contract to the session. The shells add what only they can do (a native
// folder dialog, where recent directories are kept) through ShellServices.

import type { ExportSpec, Handlers } from '../../../shared/contract'
import { IpcError } from '../../../shared/errors'
import type { ExplorerSession } from '../session/explorer-session'
import { createActiveRangeWindow } from '../store/active-range-window'
import { aggregatesActiveIn } from '../timeline-stats/active-in-range'
import type { TrustStore } from '../settings/trusted-directories'
import { createExportHandlers } from './export-handlers'
import { createInsightHandlers } from './insight-handlers'
import { createIntegrityHandlers } from './integrity-handlers'

export interface ShellServices {
  readonly shell: 'electron' | 'browser'
  readonly version: string
  readonly initialDir: string | null
  readonly recentDirs: () => string[]
  readonly rememberDir: (dir: string) => void
  /** A native folder dialog; null where the shell has none (the browser shell). */
  readonly pickDirectory: (() => Promise<string | null>) | null
  /** A native save dialog for exports (the desktop shell); resolves null when the user cancels. */
  readonly exportTarget?: ((suggestedName: string) => Promise<string | null>) | null
  /** Why the page may not open this directory, or null when it may (see settings/directory-policy). */
  readonly openRefusal?: ((dir: string) => Promise<string | null>) | null
  /** Register an export and return the address that downloads it (the browser shell). */
  readonly offerDownload?: ((spec: ExportSpec) => string) | null
  /** Directories whose .eventscope code may run (a JSON file in user data); in memory when absent. */
  readonly trustedDirectories?: TrustStore
}

/** The handler for every request channel, over one session. */
export function createHandlers(session: ExplorerSession, services: ShellServices): Handlers {
  const insight = createInsightHandlers(session, services)
  const integrity = createIntegrityHandlers(session)
  const aggregatesWindow = createActiveRangeWindow({
    windowOf: (query) => session.aggregatesWindow(query),
    storeKey: () => `${session.storeDir()}\u0000${session.summary().events}`,
    activeIn: (sinceMs, untilMs) => aggregatesActiveIn(session.storeDir(), sinceMs, untilMs),
  })
  return {
    'app.info': async () => ({
      shell: services.shell,
      version: services.version,
      initialDir: services.initialDir,
      recentDirs: services.recentDirs(),
      canPickDirectory: services.pickDirectory !== null,
    }),
    'store.pickDirectory': async () => {
      if (!services.pickDirectory)
        throw new IpcError('unsupported', 'This shell has no folder dialog; type the path instead.')
      return { dir: await services.pickDirectory() }
    },
    'store.open': async ({ dir }) => {
      const refusal = await services.openRefusal?.(dir)
      if (refusal) throw new IpcError('forbidden', refusal)
      integrity.storeOpening()
      const summary = await session.open(dir)
      services.rememberDir(summary.dir)
      return summary
    },
    'aggregates.window': aggregatesWindow,
    'stream.open': async ({ aggregateId }) => session.streamOpen(aggregateId),
    'stream.window': async (input) => session.streamWindow(input),
    'event.get': async (input) => session.eventGet(input),
    // Under the aggregate's custom reducer where one applies and its directory is trusted.
    'state.at': insight.stateAt,
    'events.types': async () => session.eventTypes(),
    'events.template': async (input) => session.eventTemplate(input),
    'events.preview': async (input) => session.preview(input),
    'events.append': async (input) => session.append(input),
    ...createExportHandlers(session, services),
    ...insight.handlers,
    ...integrity.handlers,
  }
}
