// The Electron app's life: one core session, one hardened window, IPC bound to the core router, and
// an orderly shutdown that closes the session before the process exits.

import { statSync } from 'node:fs'
import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron'
import { createHandlers } from '../core/api/handlers'
import { DirectoryIds } from '../core/settings/directory-ids'
import { appLinkFromArgv, listenForAppLinks, type AppLinkTarget } from './app-links'
import { createRouter } from '../core/api/router'
import { ExplorerSession } from '../core/session/explorer-session'
import { appMenuTemplate } from './app-menu'
import { appScheme, appSchemePrivileges, createAppProtocolHandler } from './app-protocol'
import { createPushSender, registerIpc } from './ipc-registration'
import { initialDirFromArgv } from './launch-args'
import { hardenSession } from './security-hooks'
import { createPasswordVault } from './password-vault'
import { createShellServices } from './shell-services'
import { TrustedWindows } from './trusted-windows'
import { createMainWindow } from './window-factory'
import { cachePreference } from '../core/settings/cache-preference'
import { configureScanCache } from '../core/scan-cache/cache-place'

/** How long quitting waits for the session to release its watchers and files. */
const closeTimeoutMs = 3000

export interface AppPaths {
  /** The folder of the main bundle (`out/main`). */
  readonly mainDir: string
}

/** Start the app: must be called once, synchronously, when the main bundle loads. */
export function startApp(paths: AppPaths): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  // Both must happen before `ready`: they are fixed when Chromium starts. enableSandbox sandboxes every
  // renderer, even one created without our window factory.
  app.enableSandbox()
  protocol.registerSchemesAsPrivileged([appSchemePrivileges])

  let shuttingDown = false
  app.on('before-quit', (event) => {
    if (shuttingDown) return
    shuttingDown = true
    event.preventDefault()
    void running
      .then((state) => withTimeout(state?.close(), closeTimeoutMs))
      .catch((error: unknown) => console.error('eventscope: shutdown:', error))
      .finally(() => app.quit())
  })
  // Links the OS hands over before the window can take them (macOS's open-url at launch) wait here.
  const links: { follow: ((target: AppLinkTarget) => void) | null; early: AppLinkTarget[] } = {
    follow: null,
    early: [],
  }
  listenForAppLinks({
    app,
    isDirectory,
    follow: (target) => (links.follow ? links.follow(target) : links.early.push(target)),
    log: (message) => console.error(message),
  })
  const running = app.whenReady().then(() => (shuttingDown ? null : onReady(paths, links)))
  running.catch((error: unknown) => {
    console.error('eventscope: failed to start:', error)
    app.exit(1)
  })
}

function onReady(
  paths: AppPaths,
  links: { follow: ((target: AppLinkTarget) => void) | null; early: AppLinkTarget[] },
): { close: () => Promise<void> } {
  const rendererDir = join(paths.mainDir, '../renderer')
  protocol.handle(appScheme, createAppProtocolHandler(rendererDir))
  hardenSession(session.defaultSession)

  // The scan cache is on unless settings.json in the user data folder says "scanCache": false.
  if (cachePreference(join(app.getPath('userData'), 'settings.json')) === false)
    configureScanCache({ enabled: false })
  const trusted = new TrustedWindows()
  const push = createPushSender(trusted)
  const explorer = new ExplorerSession({ watch: true, onEvent: push })
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({
        send: (id) => push('onCommand', { id }),
        platform: process.platform,
        development: !app.isPackaged,
      }),
    ),
  )
  let window: BrowserWindow | null = null
  // A link the app was launched with (`eventscope open DIR --aggregate ID`, the OS) names its start.
  const initialLink = links.early.pop() ?? appLinkFromArgv(process.argv, isDirectory)
  const services = createShellServices({
    app,
    dialog,
    initialDir:
      initialLink?.dir ?? initialDirFromArgv(process.argv, process.defaultApp === true, isDirectory),
    initialPlace: initialLink?.place ?? null,
    currentWindow: () => (window && !window.isDestroyed() ? window : null),
    // After ready: safeStorage answers only then on Linux and Windows.
    vault: createPasswordVault(),
  })
  // Shared with the link handler below, so a link's directory gets an id the page can open.
  const directories = new DirectoryIds()
  links.follow = (target) => {
    void directories.issue(target.dir).then((directory) => {
      push('onLinkOpened', { directory, place: target.place })
      window?.focus()
    })
  }
  const dispatch = createRouter(createHandlers(explorer, services, directories), (error) =>
    console.error('eventscope:', error),
  )
  const unregister = registerIpc(ipcMain, dispatch, (event) => trusted.isTrustedSender(event))

  const openWindow = (): void => {
    window = createMainWindow({
      BrowserWindow,
      openExternal: (url) => shell.openExternal(url),
      preloadPath: join(paths.mainDir, '../preload/index.cjs'),
    })
    trusted.add(window.webContents)
    window.on('closed', () => {
      window = null
    })
  }
  openWindow()

  app.on('second-instance', () => {
    if (window === null) return openWindow()
    if (window.isMinimized()) window.restore()
    window.focus()
  })
  app.on('activate', () => {
    if (window === null) openWindow()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  return {
    close: async () => {
      unregister()
      await explorer.close()
    },
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

function withTimeout(work: Promise<void> | undefined, ms: number): Promise<void> {
  if (work === undefined) return Promise.resolve()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<void>((done) => {
    timer = setTimeout(done, ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}
