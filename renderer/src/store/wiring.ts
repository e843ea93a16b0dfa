// Connects the store to the host's push events and connection state, once, at start-up.

import { isCommandId } from '../../../shared/commands'
import { parsePlace } from '../../../shared/place-link'
import { connectAddress, initialAddressPlace } from '../features/links/address-sync'
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
    subscribe('onStoreNotice', (payload) => store.storeNoticed(payload)),
    subscribe('onDownloadReady', (payload) => store.downloadReady(payload)),
    // The Electron menu: the same command a key or a button runs, refused the same way when it cannot.
    subscribe('onCommand', ({ id }) => {
      if (isCommandId(id)) runAppCommand(id)
    }),
    // The desktop app was handed an eventscope:// link: main gave its directory an id.
    subscribe('onLinkOpened', ({ directory, place }) => {
      const parsed = parsePlace(place)
      if (!parsed.ok) return store.linkRefused(parsed.message)
      void store.linkFollowed({ ...parsed.place, store: { kind: 'dir', id: directory.id } })
    }),
  ]
  // The address is followed once the host answered, and only then written, so it is never lost.
  const address = connectAddress(useAppStore)
  void store.appStarted(initialAddressPlace(useAppStore, window.location)).finally(() => address.start())
  return () => {
    stops.forEach((stop) => stop())
    address.stop()
  }
}
