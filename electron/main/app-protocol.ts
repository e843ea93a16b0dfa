// The `app://eventscope/` origin the window loads its page from, served from `out/renderer` only.
//
// A custom scheme instead of `file://`: the page gets an origin of its own (a `file://` page may read any
// local file it can name), every response can carry the CSP header (`file://` responses have no headers
// to add it to), and the trusted-sender check compares against one fixed origin.

import { readFile } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'

export const appScheme = 'app'
export const appHost = 'eventscope'
export const appOrigin = `${appScheme}://${appHost}`
export const appEntryUrl = `${appOrigin}/index.html`

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** The privileges to register before `ready`: a standard, secure scheme that may use fetch. */
export const appSchemePrivileges = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const

const mimeTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
}

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
  let pathname: string
  try {
    pathname = decodeURIComponent(new URL(url).pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0')) return null
  const root = resolve(rootDir)
  const file = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`)
  const inside = relative(root, file)
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return null
  return file
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
    const type = mimeTypes[extname(file).toLowerCase()] ?? 'application/octet-stream'
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: headers(type) })
  }
}

function respond(status: number, text: string): Response {
  return new Response(text, { status, headers: headers('text/plain; charset=utf-8') })
}

function headers(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  }
}
