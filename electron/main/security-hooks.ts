// Hardening applied to every window and to the session: no navigation, no new windows, no webviews,
// no permissions. The app is one page that talks to main over IPC; it needs none of these.

import type { Session, WebContents } from 'electron'

/** Hosts whose https links may be opened in the user's browser (never inside the app). */
export const externalLinkHosts: readonly string[] = ['github.com']

/** Whether a link may be handed to the operating system's browser. */
export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return (
      parsed.protocol === 'https:' && parsed.username === '' && externalLinkHosts.includes(parsed.hostname)
    )
  } catch {
    return false
  }
}

type OpenExternal = (url: string) => Promise<void>

/** Deny navigation, window.open and webviews in a window's contents. */
export function hardenWebContents(contents: WebContents, openExternal: OpenExternal): void {
  const openIfAllowed = (url: string): void => {
    if (isAllowedExternalUrl(url)) void openExternal(url).catch(() => {})
  }
  contents.on('will-navigate', (event, url) => {
    // Also covers a clicked link: the page never leaves itself, allowlisted links open outside.
    event.preventDefault()
    openIfAllowed(url)
  })
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url)
    return { action: 'deny' }
  })
}

/** Deny every permission request and check (camera, notifications, geolocation, ...). */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}
