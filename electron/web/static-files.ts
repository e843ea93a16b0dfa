// Serves the built renderer over HTTP, with the same security headers as the Electron window.

import { readFile } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { contentTypeOf, resolveRendererFile, securityHeaders } from '../core/static/renderer-files'

/** Answer a GET or HEAD for a file of the renderer folder; 404 for anything else. */
export async function serveRendererFile(
  rendererDir: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return sendText(response, 405, 'Method not allowed')
  let pathname: string
  try {
    pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname)
  } catch {
    return sendText(response, 400, 'Bad request')
  }
  const file = resolveRendererFile(rendererDir, pathname)
  const body = file === null ? null : await readFile(file).catch(() => null)
  if (file === null || body === null) return sendText(response, 404, 'Not found')
  response.writeHead(200, securityHeaders(contentTypeOf(file)))
  response.end(request.method === 'HEAD' ? undefined : body)
}

/** A short plain-text answer. */
export function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  extra: Record<string, string> = {},
): void {
  response.writeHead(status, { ...securityHeaders('text/plain; charset=utf-8'), ...extra })
  response.end(`${text}\n`)
}
