// `eventscope://` links in the desktop app: the operating system hands them over on the command line
// (Windows, Linux: a new process, whose argv the running one gets in `second-instance`) or as an
// `open-url` event (macOS), and `eventscope open DIR --aggregate ID --at N` passes one the same way.
//
// A link is input from outside (any web page can launch one), so it is parsed by the one grammar
// (shared/place-link.ts), must name an existing directory by an absolute path, and then only opens
// that directory read-only at a place, as a command-line directory would: its code is not run
// (trust is still asked for), nothing is written. The page gets the directory as an id, like any other.

import { isAbsolute } from 'node:path'
import type { App } from 'electron'
import { appLinkScheme, isAppLink, parseAppLink, placeText } from '../../shared/place-link'

/** A link made usable: the directory to open and the rest of the place, as link text. */
export interface AppLinkTarget {
  readonly dir: string
  readonly place: string
}

/** The link's directory and place, or why it cannot be followed (one line). */
export function appLinkTarget(
  url: string,
  isDirectory: (path: string) => boolean,
): AppLinkTarget | { readonly error: string } {
  const parsed = parseAppLink(url)
  if (!parsed.ok) return { error: parsed.message }
  const { store } = parsed.place
  if (store?.kind !== 'path') return { error: 'The link names no store ("/path/…").' }
  if (!isAbsolute(store.path)) return { error: `The link's store is not an absolute path: ${store.path}` }
  if (!isDirectory(store.path)) return { error: `The link's store is not a directory here: ${store.path}` }
  return { dir: store.path, place: placeText({ ...parsed.place, store: null }) }
}

/** The first `eventscope://` link among command-line arguments that can be followed, or null. */
export function appLinkFromArgv(
  argv: readonly string[],
  isDirectory: (path: string) => boolean,
): AppLinkTarget | null {
  for (const arg of argv) {
    if (!isAppLink(arg)) continue
    const target = appLinkTarget(arg, isDirectory)
    if (!('error' in target)) return target
  }
  return null
}

export interface AppLinkDeps {
  readonly app: Pick<App, 'on' | 'setAsDefaultProtocolClient' | 'isPackaged'>
  readonly isDirectory: (path: string) => boolean
  /** A link to follow now (the app is running); called with links that parsed and name a directory. */
  readonly follow: (target: AppLinkTarget) => void
  readonly log: (message: string) => void
}

/**
 * Make the app the handler of `eventscope://` and follow the links the OS hands it while it runs.
 * Call before `ready`: macOS sends the link that launched the app as `open-url` right away.
 */
export function listenForAppLinks(deps: AppLinkDeps): void {
  const { app } = deps
  // Only the packaged app registers itself: a development run would claim the scheme for a
  // checkout's `electron .`, which the OS would keep launching after it moved.
  if (app.isPackaged) app.setAsDefaultProtocolClient(appLinkScheme)
  const handle = (url: string): void => {
    const target = appLinkTarget(url, deps.isDirectory)
    if ('error' in target) deps.log(`eventscope: ignoring a link: ${target.error}`)
    else deps.follow(target)
  }
  app.on('open-url', (event, url) => {
    event.preventDefault()
    handle(url)
  })
  app.on('second-instance', (_event, argv) => {
    const url = argv.find(isAppLink)
    if (url !== undefined) handle(url)
  })
}
