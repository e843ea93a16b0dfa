// The `app://eventscope/` origin the window loads its page from, served from `out/renderer` only.
//
// A custom scheme instead of `file://`: the page gets an origin of its own (a `file://` page may read any
// local file it can name), every response can carry the CSP header (`file://` responses have no headers
// to add it to), and the trusted-sender check compares against one fixed origin.

import { readFile } from 'node:fs/promises'
import {
  contentSecurityPolicy,
  contentTypeOf,
  resolveRendererFile,
  securityHeaders,
} from '../core/static/renderer-files'

export { contentSecurityPolicy }

export const appScheme = 'app'
export const appHost = 'eventscope'
export const appOrigin = `${appScheme}://${appHost}`
export const appEntryUrl = `${appOrigin}/index.html`

/** The privileges to register before `ready`: a standard, secure scheme that may use fetch. */
export const appSchemePrivileges = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const

/** Whether a URL belongs to the app's own origin. */
export function isAppUrl(url: string): boolean {
  try {
    // Node gives custom schemes an opaque origin ("null"), so compare scheme and host instead.
    const parsed = new URL(url)
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost
  } catch {
    return false
  }
}

/** Map an `app://eventscope/...` URL to a file inside `rootDir`, or null when it points elsewhere. */
export function resolveAppFile(rootDir: string, url: string): string | null {
  if (!isAppUrl(url)) return null
  try {
    return resolveRendererFile(rootDir, decodeURIComponent(new URL(url).pathname))
  } catch {
    return null
  }
}

/** Build the `protocol.handle` handler that serves `rootDir` with the CSP header on every response. */
export function createAppProtocolHandler(
  rootDir: string,
  read: (file: string) => Promise<Uint8Array> = readFile,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, 'Method not allowed')
    const file = resolveAppFile(rootDir, request.url)
    if (file === null) return respond(404, 'Not found')
    let body: Uint8Array
    try {
      body = await read(file)
    } catch {
      return respond(404, 'Not found')
    }
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: securityHeaders(contentTypeOf(file)),
    })
  }
}

function respond(status: number, text: string): Response {
  return new Response(text, { status, headers: securityHeaders('text/plain; charset=utf-8') })
}
