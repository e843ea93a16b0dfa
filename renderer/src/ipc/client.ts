// The renderer's only door to the host: the Electron bridge when present, else the browser shell's
// WebSocket. Both carry IpcResult envelopes; this file unwraps them, so callers get values or IpcError.

import type { Bridge, WireMessage, WireRequest } from '../../../shared/bridge'
import { bridgeGlobalName } from '../../../shared/bridge'
import { requestChannels, type PushEvent, type RequestChannel } from '../../../shared/channels'
import type { ChannelInput, ChannelOutput, EventPayload, EventscopeApi } from '../../../shared/contract'
import { IpcError, type IpcResult } from '../../../shared/errors'

type Call = (channel: RequestChannel, input: unknown) => Promise<IpcResult<unknown>>
type Listener = (payload: unknown) => void
export type ConnectionState = 'connecting' | 'open' | 'lost'

const lostMessage = 'Lost connection to the eventscope host.'
const connectionListeners = new Set<(state: ConnectionState) => void>()
let connection: ConnectionState = 'connecting'

function announce(state: ConnectionState): void {
  connection = state
  for (const listener of connectionListeners) listener(state)
}

/** The WebSocket URL of the host that served this page, carrying the page's `token` if it has one. */
export function socketUrl(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  const token = new URLSearchParams(location.search).get('token')
  return `${scheme}://${location.host}/ws${token ? `?token=${encodeURIComponent(token)}` : ''}`
}

/** A client for the browser shell: queues requests until the socket opens, reconnects lazily. */
function socketTransport(url: string): {
  call: Call
  subscribe: (event: PushEvent, listener: Listener) => () => void
} {
  const listeners = new Map<PushEvent, Set<Listener>>()
  const pending = new Map<number, (result: IpcResult<unknown>) => void>()
  let queue: string[] = []
  let socket: WebSocket | null = null
  let nextId = 1

  const connect = (): WebSocket => {
    const ws = new WebSocket(url)
    announce('connecting')
    ws.addEventListener('open', () => {
      announce('open')
      for (const frame of queue) ws.send(frame)
      queue = []
    })
    ws.addEventListener('message', (message) => receive(message.data))
    ws.addEventListener('close', () => {
      if (socket === ws) socket = null
      const failure: IpcResult<never> = { ok: false, error: { code: 'io_error', message: lostMessage } }
      for (const settle of pending.values()) settle(failure)
      pending.clear()
      queue = []
      announce('lost')
    })
    return ws
  }

  const receive = (data: unknown): void => {
    if (typeof data !== 'string') return
    let message: WireMessage
    try {
      message = JSON.parse(data) as WireMessage
    } catch {
      return
    }
    if ('id' in message) {
      pending.get(message.id)?.(message.result)
      pending.delete(message.id)
    } else {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload)
    }
  }

  const call: Call = (channel, input) =>
    new Promise((resolve) => {
      socket ??= connect()
      const request: WireRequest = { id: nextId++, channel, input }
      pending.set(request.id, resolve)
      const frame = JSON.stringify(request)
      if (socket.readyState === WebSocket.OPEN) socket.send(frame)
      else queue.push(frame)
    })

  const subscribe = (event: PushEvent, listener: Listener): (() => void) => {
    // Pushes only arrive on an open socket, so listening opens one.
    socket ??= connect()
    const set = listeners.get(event) ?? new Set()
    listeners.set(event, set)
    set.add(listener)
    return () => set.delete(listener)
  }

  return { call, subscribe }
}

function pickTransport(): { call: Call; subscribe: Bridge['subscribe'] } {
  const bridge = (globalThis as Record<string, unknown>)[bridgeGlobalName] as Bridge | undefined
  if (bridge) {
    announce('open')
    return { call: (channel, input) => bridge[channel](input), subscribe: bridge.subscribe }
  }
  return socketTransport(socketUrl(window.location))
}

let transport: ReturnType<typeof pickTransport> | null = null
const getTransport = (): ReturnType<typeof pickTransport> => (transport ??= pickTransport())

async function invoke(channel: RequestChannel, input: unknown): Promise<unknown> {
  let result: IpcResult<unknown>
  try {
    result = await getTransport().call(channel, input)
  } catch {
    // Only a broken transport rejects (handlers answer failures as IpcResults); its own text may be a
    // stack-laden Electron message, so the user gets a plain one.
    throw new IpcError('io_error', `The eventscope host did not answer ${channel}.`)
  }
  if (result.ok) return result.value
  throw new IpcError(result.error.code, result.error.message)
}

/** The typed API: one function per contract channel, resolving to its output or throwing IpcError. */
export const api = Object.fromEntries(
  requestChannels.map((channel) => [channel, (input: unknown) => invoke(channel, input)]),
) as unknown as EventscopeApi

/** Listen to a push event from the host; returns the function that stops listening. */
export function subscribe<E extends PushEvent>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  return getTransport().subscribe(event, listener as Listener)
}

/** Follow the connection to the host ('open' at once under Electron). */
export function onConnectionChange(listener: (state: ConnectionState) => void): () => void {
  connectionListeners.add(listener)
  listener(connection)
  return () => connectionListeners.delete(listener)
}

export { IpcError }
export type { ChannelInput, ChannelOutput }
