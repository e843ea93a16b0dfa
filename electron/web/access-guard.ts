// Who may talk to the browser-shell host: only pages it served itself, on loopback, holding this run's
// token. The Host check stops DNS rebinding (a foreign name resolved to 127.0.0.1), the Origin check
// stops other sites' pages, the token stops other local users and programs.

import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export interface AccessGuard {
  /** Why a request must be refused, or null when it may pass. */
  refusal(request: IncomingMessage): string | null
  /** The cookie that lets the page load its assets and open its socket without the token in every URL. */
  readonly cookie: string
}

/** Build the guard for a host listening on `port` with `token`. */
export function createAccessGuard(port: number, token: string): AccessGuard {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`])
  const origins = new Set([...hosts].map((host) => `http://${host}`))
  // Cookies are shared by every port of a host, so the name carries the port.
  const cookieName = `eventscope_token_${port}`
  return {
    cookie: `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
    refusal(request) {
      if (!hosts.has(request.headers.host ?? '')) return 'unexpected Host header'
      const origin = request.headers.origin
      if (origin !== undefined && !origins.has(origin)) return 'unexpected Origin header'
      const offered = tokenFromQuery(request.url) ?? tokenFromCookie(request.headers.cookie, cookieName)
      if (offered === null || !sameSecret(offered, token)) return 'missing or wrong token'
      return null
    },
  }
}

function tokenFromQuery(url: string | undefined): string | null {
  try {
    return new URL(url ?? '/', 'http://localhost').searchParams.get('token')
  } catch {
    return null
  }
}

function tokenFromCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) return value.join('=')
  }
  return null
}

function sameSecret(offered: string, token: string): boolean {
  const a = Buffer.from(offered)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}
