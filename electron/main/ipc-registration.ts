// Binds every request channel of the contract to the core router, behind the trusted-sender check.

import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { isPushEvent, requestChannels } from '../../shared/channels'
import type { PushEvent } from '../../shared/channels'
import type { IpcResult } from '../../shared/errors'
import type { Dispatch } from '../core/api/router'
import type { TrustedWindows } from './trusted-windows'

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>

/** Register one `ipcMain.handle` per contract channel; returns the function that removes them. */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  dispatch: Dispatch,
  isTrustedSender: (event: SenderEvent) => boolean,
): () => void {
  for (const channel of requestChannels) {
    ipcMain.handle(
      channel,
      async (event: IpcMainInvokeEvent, input: unknown): Promise<IpcResult<unknown>> => {
        if (!isTrustedSender(event)) {
          return { ok: false, error: { code: 'forbidden', message: `${channel}: sender not allowed.` } }
        }
        return dispatch(channel, input)
      },
    )
  }
  return () => requestChannels.forEach((channel) => ipcMain.removeHandler(channel))
}

/** Build the function that sends a push event to every trusted window. */
export function createPushSender(
  windows: Pick<TrustedWindows, 'all'>,
): (event: PushEvent, payload: unknown) => void {
  return (event, payload) => {
    if (!isPushEvent(event)) return
    for (const contents of windows.all()) contents.send(event, payload)
  }
}
