// The bridge the sandboxed preload exposes: one function per request channel and a subscription per
// push event, generated from the channel lists so it cannot drift from the contract.
//
// It imports nothing from npm (the sandbox forbids it) and takes ipcRenderer as a parameter so tests
// can hand it a fake. It offers no generic send or invoke: the renderer can reach the channels of the
// contract and nothing else.

import type { IpcRenderer, IpcRendererEvent } from 'electron'
import { isPushEvent, pushEvents, requestChannels } from '../../shared/channels'
import type { RequestChannel } from '../../shared/channels'
import type { Bridge } from '../../shared/bridge'

type Invoker = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>

/** Build the object exposed on `window.eventscope`. */
export function createBridge(ipc: Invoker): Bridge {
  const calls = Object.fromEntries(
    requestChannels.map((channel: RequestChannel) => [
      channel,
      (input: unknown) => ipc.invoke(channel, input),
    ]),
  )
  const subscribe: Bridge['subscribe'] = (event, listener) => {
    if (!isPushEvent(event)) {
      throw new TypeError(`Unknown event ${String(event)}; expected one of ${pushEvents.join(', ')}.`)
    }
    if (typeof listener !== 'function') throw new TypeError('subscribe needs a listener function.')
    // Electron's event object carries `sender` (the ipcRenderer itself); never hand it to the page.
    const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload)
    ipc.on(event, forward)
    return () => {
      ipc.removeListener(event, forward)
    }
  }
  return Object.freeze({ ...calls, subscribe }) as Bridge
}
