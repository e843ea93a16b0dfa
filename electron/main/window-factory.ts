// The one kind of window the app opens: sandboxed, isolated, showing `app://eventscope/index.html`.

import type { BrowserWindow, BrowserWindowConstructorOptions, WebPreferences } from 'electron'
import { appEntryUrl } from './app-protocol'
import { hardenWebContents } from './security-hooks'

/** The web preferences every window gets; the renderer reaches main only through the preload's bridge. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
  }
}

export interface WindowDeps {
  readonly BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow
  readonly openExternal: (url: string) => Promise<void>
  readonly preloadPath: string
  readonly iconPath?: string
}

/** Create the main window, harden it, and start loading the app's page. */
export function createMainWindow(deps: WindowDeps): BrowserWindow {
  const window = new deps.BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'eventscope',
    backgroundColor: '#14161a',
    ...(deps.iconPath === undefined ? {} : { icon: deps.iconPath }),
    webPreferences: secureWebPreferences(deps.preloadPath),
  })
  hardenWebContents(window.webContents, deps.openExternal)
  window.once('ready-to-show', () => window.show())
  window.loadURL(appEntryUrl).catch((error: unknown) => {
    console.error(
      `eventscope: could not load ${appEntryUrl}: ${error instanceof Error ? error.message : String(error)}`,
    )
  })
  return window
}
