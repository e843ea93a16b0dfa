// Connects the store to the host's push events and connection state, once, at start-up.

import { onConnectionChange, subscribe } from '../ipc/client'
import { useAppStore } from './index'

/** Subscribe the store to the host and ask for app info; returns the function that disconnects. */
export function connectStore(): () => void {
  const store = useAppStore.getState()
  const stops = [
    onConnectionChange((state) => store.connectionChanged(state)),
    subscribe('onStoreChanged', (payload) => store.storeChanged(payload)),
    subscribe('onProgress', (payload) => store.progressReported(payload)),
  ]
  void store.appStarted()
  return () => stops.forEach((stop) => stop())
}
