// The browser shell: the built renderer and the IPC contract served on loopback, for machines without
// the Electron runtime and for the E2E tests. One ExplorerSession serves every page of the run.
//
// The page opens the directory given on the command line and recent ones (those under the roots) by
// ids handed out for this run, a typed path only under the roots, and a typed database address
// (core/settings/address-policy.ts); a password typed in one is kept for this run only, never written.

import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { WebSocketServer } from 'ws'
import { isDatabaseAddress } from '../../shared/store-address'
import { createHandlers } from '../core/api/handlers'
import { createRouter } from '../core/api/router'
import { ExplorerSession } from '../core/session/explorer-session'
import { typedAddressRefusal } from '../core/settings/address-policy'
import { outsideRootsReason } from '../core/settings/directory-policy'
import { RecentDirectories } from '../core/settings/recent-directories'
import { TrustedDirectories } from '../core/settings/trusted-directories'
import { createAccessGuard } from './access-guard'
import { Downloads } from './downloads'
import { SocketClients, maxRequestBytes } from './socket-clients'
import { sendText, serveRendererFile } from './static-files'

export interface WebHostOptions {
  /**
   * The store to open when a page connects (a directory, or a database address, kept whole here and
   * shown to the page without its password); null to start with an empty explorer.
   */
  readonly dir: string | null
  /** The place in `dir` to open first, as link text (`/aggregate/ID/at/N`): the printed URL's `#`. */
  readonly initialPlace?: string | null
  /** Directories the page may open (and everything under them); defaults to `dir`, else the working directory. */
  readonly roots?: readonly string[]
  /** 0 picks a free port. */
  readonly port?: number
  readonly host?: string
  readonly rendererDir: string
  readonly version?: string
  /** Where recent directories are remembered; defaults to the user's config folder. */
  readonly recentFile?: string
  /** Where the directories whose `.eventscope` code may run are remembered; defaults next to `recentFile`'s default. */
  readonly trustFile?: string
  readonly log?: (message: string) => void
}

export interface WebHost {
  /** The address to open, token included. */
  readonly url: string
  readonly port: number
  close(): Promise<void>
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1'])

/** Start the browser-shell host; resolves once it listens. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1'
  if (!loopbackHosts.has(host))
    throw new Error(`refusing to listen on ${host}: the browser shell binds loopback only`)
  const token = randomBytes(24).toString('base64url')
  const roots = options.roots?.length
    ? options.roots
    : [options.dir === null || isDatabaseAddress(options.dir) ? process.cwd() : options.dir]
  const recent = new RecentDirectories(options.recentFile ?? defaultConfigFile('recent-directories.json'))
  let clients: SocketClients | null = null
  const session = new ExplorerSession({
    watch: true,
    onEvent: (event, payload) => clients?.broadcast(event, payload),
  })
  const downloads = new Downloads((taskId, result) =>
    clients?.broadcast('onDownloadReady', {
      taskId,
      events: result.events,
      skippedLines: result.skippedLines,
      ...(result.renumberedStreams ? { renumberedStreams: result.renumberedStreams } : {}),
    }),
  )
  const handlers = createHandlers(session, {
    offerDownload: (spec, write) => downloads.offer(spec, write),
    shell: 'browser',
    version: options.version ?? '0.0.0',
    initialDir: options.dir,
    recentDirs: () => recent.list(),
    rememberDir: (dir) => recent.remember(dir),
    pickDirectory: null,
    // No folder dialog here: the page may also type a path, but only one under the roots.
    typedPathRefusal: (dir) => outsideRootsReason(dir, roots),
    // A database address too: PostgreSQL's, and SQLite files under the roots (address-policy.ts).
    typedAddressRefusal: (address) => typedAddressRefusal(address, roots),
    // A link names a store by its path under these, never by an absolute path.
    linkRoots: roots,
    initialPlace: options.initialPlace ?? null,
    trustedDirectories: new TrustedDirectories(
      options.trustFile ?? defaultConfigFile('trusted-directories.json'),
    ),
  })
  clients = new SocketClients(
    createRouter(handlers, (error) => options.log?.(`internal error: ${String(error)}`)),
  )

  const server = createServer()
  const port = await listen(server, host, options.port ?? 0)
  const guard = createAccessGuard(port, token)
  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxRequestBytes })

  const answerRequest = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const refusal = guard.refusal(request)
    if (refusal)
      return sendText(response, 403, `eventscope: ${refusal}; open the URL printed by \`eventscope serve\``)
    const path = pathOf(request.url)
    if (path === null) return sendText(response, 400, 'eventscope: the request target is not a URL path')
    const download = /^\/download\/([0-9a-f]{32})$/.exec(path)
    if (download?.[1])
      return downloads.serve(download[1], request, response.setHeader('Set-Cookie', guard.cookie))
    return serveRendererFile(options.rendererDir, request, response.setHeader('Set-Cookie', guard.cookie))
  }
  server.on('request', (request, response) => {
    // Every request is answered or dropped on its own: no request target (`GET http://[`), header or
    // failed write may throw out of this listener or reject unhandled, which would end the host.
    answerRequest(request, response).catch((error: unknown) => {
      options.log?.(`internal error: ${String(error)}`)
      try {
        if (!response.headersSent) sendText(response, 500, 'eventscope: the request failed')
        else response.destroy()
      } catch {
        response.destroy()
      }
    })
  })
  server.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy())
    try {
      if (
        pathOf(request.url) !== '/ws' ||
        guard.refusal(request) !== null ||
        request.headers.origin === undefined
      ) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
        return
      }
      sockets.handleUpgrade(request, socket, head, (ws) => clients?.add(ws))
    } catch (error) {
      options.log?.(`internal error: ${String(error)}`)
      socket.destroy()
    }
  })

  const shownHost = host === '::1' ? '[::1]' : host
  return {
    url: `http://${shownHost}:${port}/?token=${token}${options.initialPlace ? `#${options.initialPlace}` : ''}`,
    port,
    async close() {
      clients?.closeAll()
      session.close()
      sockets.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

// Any local program can send a request line that is no URL (`GET http://[`); throwing in the upgrade
// listener would be an uncaught exception that ends the host, so an unparsable path is just refused.
function pathOf(url: string | undefined): string | null {
  try {
    return new URL(url ?? '/', 'http://localhost').pathname
  } catch {
    return null
  }
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : port)
    })
  })
}

/** A file in the user's eventscope config folder ($XDG_CONFIG_HOME/eventscope, else ~/.config/eventscope). */
function defaultConfigFile(name: string): string {
  const base = process.env.XDG_CONFIG_HOME || join(homedir(), '.config')
  return join(base, 'eventscope', name)
}
