// Raw HTTP and WebSocket clients for the browser-shell host tests: paths are sent exactly as written
// (no normalization of `..`), and any header can be forged the way a hostile page or program would.

import { request } from 'node:http'
import { connect } from 'node:net'
import WebSocket from 'ws'

export interface RawResponse {
  readonly status: number
  readonly headers: Record<string, string | string[] | undefined>
  readonly body: string
}

/** Send one HTTP request with exactly this path and these headers. */
export function rawGet(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
      },
    )
    req.on('error', reject)
    req.end()
  })
}

/** Write raw bytes to the port and collect whatever comes back until the server closes or a pause. */
export function rawExchange(port: number, text: string, waitMs = 300): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    const done = (): void => {
      socket.destroy()
      resolve(Buffer.concat(chunks).toString('utf8'))
    }
    const timer = setTimeout(done, waitMs)
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('end', () => {
      clearTimeout(timer)
      done()
    })
    socket.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    socket.write(text)
  })
}

export interface SocketOutcome {
  readonly opened: boolean
  readonly status: number | null
}

/** Try to open a WebSocket; resolves with whether it opened or the HTTP status that refused it. */
export function tryWebSocket(url: string, headers: Record<string, string>): Promise<SocketOutcome> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers })
    socket.on('open', () => {
      socket.close()
      resolve({ opened: true, status: null })
    })
    socket.on('unexpected-response', (_req, res) => {
      resolve({ opened: false, status: res.statusCode ?? null })
      res.resume()
      socket.terminate()
    })
    socket.on('error', () => resolve({ opened: false, status: null }))
  })
}

/** An open WebSocket with helpers to await the next message or the close. */
export class TestSocket {
  private readonly messages: unknown[] = []
  private readonly waiters: ((message: unknown) => void)[] = []
  readonly closed: Promise<{ code: number; reason: string }>

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message: unknown = JSON.parse(data.toString())
      const waiter = this.waiters.shift()
      if (waiter) waiter(message)
      else this.messages.push(message)
    })
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    )
  }

  static open(url: string, headers: Record<string, string>): Promise<TestSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers })
      socket.once('open', () => resolve(new TestSocket(socket)))
      socket.once('error', reject)
    })
  }

  next(): Promise<unknown> {
    const queued = this.messages.shift()
    if (queued !== undefined) return Promise.resolve(queued)
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  /** Messages until one matches. */
  async until(match: (message: unknown) => boolean): Promise<unknown> {
    for (;;) {
      const message = await this.next()
      if (match(message)) return message
    }
  }

  send(value: unknown): void {
    this.socket.send(typeof value === 'string' ? value : JSON.stringify(value))
  }

  close(): void {
    this.socket.terminate()
  }
}
