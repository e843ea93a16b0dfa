// The WebSocket side of the browser shell: each message is one contract request, answered with its
// IpcResult under the same id; push events go to every connected page.

import type { WebSocket } from 'ws'
import type { PushEvent } from '../../shared/channels'
import type { WireMessage } from '../../shared/bridge'
import type { IpcResult } from '../../shared/errors'
import type { Dispatch } from '../core/api/router'

/** Largest request a page may send: contract inputs are small; anything bigger is not ours. */
export const maxRequestBytes = 1024 * 1024

export class SocketClients {
  private readonly sockets = new Set<WebSocket>()

  constructor(private readonly dispatch: Dispatch) {}

  add(socket: WebSocket): void {
    this.sockets.add(socket)
    socket.on('close', () => this.sockets.delete(socket))
    socket.on('error', () => socket.terminate())
    socket.on('message', (data, isBinary) => {
      if (isBinary) return socket.close(1003, 'text frames only')
      // Caught per message: nothing one request does may become an uncaught rejection that ends the host.
      this.answer(socket, data.toString()).catch(() => {
        if (socket.readyState === socket.OPEN) socket.close(1011, 'request failed')
      })
    })
  }

  broadcast(event: PushEvent, payload: unknown): void {
    const text = JSON.stringify({ event, payload } satisfies WireMessage)
    for (const socket of this.sockets) if (socket.readyState === socket.OPEN) socket.send(text)
  }

  closeAll(): void {
    for (const socket of this.sockets) socket.terminate()
    this.sockets.clear()
  }

  private async answer(socket: WebSocket, text: string): Promise<void> {
    const request = parseRequest(text)
    if (request === null) return socket.close(1007, 'malformed request')
    const result = await this.dispatch(request.channel, request.input)
    if (socket.readyState !== socket.OPEN) return
    let answer: string
    try {
      answer = JSON.stringify({ id: request.id, result } satisfies WireMessage)
    } catch {
      // An answer that cannot be written as JSON (too deep for the serializer) is this request's failure.
      const failed: IpcResult<never> = {
        ok: false,
        error: { code: 'internal', message: 'The answer could not be sent.' },
      }
      answer = JSON.stringify({ id: request.id, result: failed } satisfies WireMessage)
    }
    socket.send(answer)
  }
}

function parseRequest(text: string): { id: number; channel: unknown; input: unknown } | null {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  const { id, channel, input } = value as Record<string, unknown>
  return Number.isSafeInteger(id) ? { id: id as number, channel, input } : null
}
