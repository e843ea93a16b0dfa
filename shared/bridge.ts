// What the preload exposes on `window.eventscope` and what the browser shell speaks over its WebSocket.
// Both carry the same IpcResult envelopes, so the renderer's client unwraps them in one place.

import type { PushEvent, RequestChannel } from './channels'
import type { ChannelOutput } from './contract'
import type { IpcResult } from './errors'

export const bridgeGlobalName = 'eventscope'

export type Bridge = {
  readonly [C in RequestChannel]: (input: unknown) => Promise<IpcResult<ChannelOutput<C>>>
} & {
  /** Listen to a push event; returns the function that stops listening. */
  readonly subscribe: (event: PushEvent, listener: (payload: unknown) => void) => () => void
}

/** A request from a browser-shell client. */
export interface WireRequest {
  readonly id: number
  readonly channel: string
  readonly input: unknown
}

/** The browser-shell host's answer to a request, or a push event. */
export type WireMessage =
  | { readonly id: number; readonly result: IpcResult<unknown> }
  | { readonly event: PushEvent; readonly payload: unknown }
