// Binds every channel of the contract to the session. The shells add what only they can do (a native
// folder dialog, where recent directories are kept) through ShellServices.

import type { Handlers } from '../../../shared/contract'
import { IpcError } from '../../../shared/errors'
import type { ExplorerSession } from '../session/explorer-session'

export interface ShellServices {
  readonly shell: 'electron' | 'browser'
  readonly version: string
  readonly initialDir: string | null
  readonly recentDirs: () => string[]
  readonly rememberDir: (dir: string) => void
  /** A native folder dialog; null where the shell has none (the browser shell). */
  readonly pickDirectory: (() => Promise<string | null>) | null
}

/** The handler for every request channel, over one session. */
export function createHandlers(session: ExplorerSession, services: ShellServices): Handlers {
  return {
    'app.info': async () => ({
      shell: services.shell,
      version: services.version,
      initialDir: services.initialDir,
      recentDirs: services.recentDirs(),
      canPickDirectory: services.pickDirectory !== null,
    }),
    'store.pickDirectory': async () => {
      if (!services.pickDirectory) throw new IpcError('unsupported', 'This shell has no folder dialog; type the path instead.')
      return { dir: await services.pickDirectory() }
    },
    'store.open': async ({ dir }) => {
      const summary = await session.open(dir)
      services.rememberDir(summary.dir)
      return summary
    },
    'aggregates.window': async (query) => session.aggregatesWindow(query),
    'stream.open': async ({ aggregateId }) => session.streamOpen(aggregateId),
    'stream.window': async (input) => session.streamWindow(input),
    'event.get': async (input) => session.eventGet(input),
    'state.at': async (input) => session.stateAt(input),
  }
}
