// Connects the store to the host's push events and connection state, once, at start-up.

import { isCommandId } from '../../../shared/commands'
import { runAppCommand } from '../commands/use-command'
import { onConnectionChange, subscribe } from '../ipc/client'
import { useAppStore } from './index'

/** Subscribe the store to the host and ask for app info; returns the function that disconnects. */
export function connectStore(): () => void {
  const store = useAppStore.getState()
  const stops = [
    onConnectionChange((state) => store.connectionChanged(state)),
    subscribe('onStoreChanged', (payload) => store.storeChanged(payload)),
    subscribe('onProgress', (payload) => store.progressReported(payload)),
    // The Electron menu: the same command a key or a button runs, refused the same way when it cannot.
    subscribe('onCommand', ({ id }) => {
      if (isCommandId(id)) runAppCommand(id)
    }),
  ]
  void store.appStarted()
  return () => stops.forEach((stop) => stop())
}
