// What the core needs from the Electron shell: its identity, the launch directory, the recent
// directories and a native folder picker.

import { join } from 'node:path'
import type { App, BrowserWindow, Dialog } from 'electron'
import type { ShellServices } from '../core/api/handlers'
import { RecentDirectories } from '../core/settings/recent-directories'

export interface ShellServiceDeps {
  readonly app: Pick<App, 'getPath' | 'getVersion'>
  readonly dialog: Pick<Dialog, 'showOpenDialog'>
  readonly initialDir: string | null
  /** The window the folder picker is modal to, if one is open. */
  readonly currentWindow: () => BrowserWindow | null
}

/** Build the Electron implementation of the core's ShellServices. */
export function createShellServices(deps: ShellServiceDeps): ShellServices {
  const recent = new RecentDirectories(join(deps.app.getPath('userData'), 'recent-directories.json'))
  return {
    shell: 'electron',
    version: deps.app.getVersion(),
    initialDir: deps.initialDir,
    recentDirs: () => recent.list(),
    rememberDir: (dir) => recent.remember(dir),
    pickDirectory: async () => {
      const options = { title: 'Open an event store', properties: ['openDirectory' as const] }
      const window = deps.currentWindow()
      const result = window
        ? await deps.dialog.showOpenDialog(window, options)
        : await deps.dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
  }
}
