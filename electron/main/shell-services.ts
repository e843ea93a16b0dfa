// What the core needs from the Electron shell: its identity, the launch directory, the recent
// directories and databases (a database's password sealed by the OS keychain, password-vault.ts), the
// directories whose code the user trusts, and native dialogs to pick a store and to choose where an
// export goes.
//
// The window never names a path: it opens the directories these offer by the ids the core hands out
// for them (core/settings/directory-ids), and a typed path is refused (typedPathRefusal: null). It may
// type a PostgreSQL address, which names no file; one without a password is connected to only after
// the user confirms it in a native dialog (main would lend it the user's PGPASSWORD or ~/.pgpass).

import { join } from 'node:path'
import type { App, BrowserWindow, Dialog } from 'electron'
import { addressWithoutPassword, databaseKindOf } from '../../shared/store-address'
import type { ShellServices } from '../core/api/shell-services'
import { RecentDirectories, type PasswordVault } from '../core/settings/recent-directories'
import { TrustedDirectories } from '../core/settings/trusted-directories'

export interface ShellServiceDeps {
  readonly app: Pick<App, 'getPath' | 'getVersion'>
  /** Without `showMessageBox`, a typed address that would sign in with the user's credentials is refused. */
  readonly dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'> & Partial<Pick<Dialog, 'showMessageBox'>>
  readonly initialDir: string | null
  /** The place in `initialDir` to open at (an eventscope:// link it was started with), as link text. */
  readonly initialPlace?: string | null
  /** The window the dialogs are modal to, if one is open. */
  readonly currentWindow: () => BrowserWindow | null
  /**
   * Seals a database password kept in the recent list (password-vault.ts: safeStorage); absent, none
   * is kept on disk.
   */
  readonly vault?: PasswordVault | null
}

/** Build the Electron implementation of the core's ShellServices. */
export function createShellServices(deps: ShellServiceDeps): ShellServices {
  const { app, dialog, currentWindow } = deps
  const recent = new RecentDirectories(
    join(app.getPath('userData'), 'recent-directories.json'),
    deps.vault ?? null,
  )
  return {
    shell: 'electron',
    version: app.getVersion(),
    initialDir: deps.initialDir,
    initialPlace: deps.initialPlace ?? null,
    recentDirs: () => recent.list(),
    rememberDir: (dir) => recent.remember(dir),
    pickDirectory: async () => {
      const options = { title: 'Open an event store', properties: ['openDirectory' as const] }
      const window = currentWindow()
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    typedPathRefusal: null,
    // The field takes a PostgreSQL address typed by the user; a SQLite file is a path, and the page
    // names no path here (the command line does: eventscope open sqlite:PATH).
    typedAddressRefusal: (address) =>
      databaseKindOf(address) === 'postgres'
        ? null
        : 'The desktop app opens a SQLite file from the command line (eventscope open sqlite:PATH), not a typed one.',
    confirmTypedAddress: async (address) => {
      if (!dialog.showMessageBox) return false
      const options = {
        type: 'question' as const,
        buttons: ['Connect', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        title: 'Connect to a database',
        message: `Connect to ${addressWithoutPassword(address)}?`,
        detail:
          'The address names no password, so eventscope would sign in with yours from PGPASSWORD or ~/.pgpass. Connect only to a server you typed and trust.',
      }
      const window = currentWindow()
      const answer = window
        ? await dialog.showMessageBox(window, options)
        : await dialog.showMessageBox(options)
      return answer.response === 0
    },
    exportTarget: async (suggestedName) => {
      const options = {
        title: 'Export',
        defaultPath: join(app.getPath('downloads'), safeFileName(suggestedName)),
        properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
      }
      const window = currentWindow()
      const result = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options)
      return result.canceled || !result.filePath ? null : result.filePath
    },
    offerDownload: null,
    // Remembered across runs, like the recent list: trusting a store is a choice made once.
    trustedDirectories: new TrustedDirectories(join(app.getPath('userData'), 'trusted-directories.json')),
  }
}

/** A suggested name made safe to show as a file name: it is built from aggregate ids the page sent. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^\.+/, '_')
  return cleaned.slice(0, 200) || 'export'
}
