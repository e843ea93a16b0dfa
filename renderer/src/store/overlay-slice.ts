// Which overlay covers the window: the keyboard shortcuts, "go to version", or the export dialog.
//
// In the store (not in a component's state) so that a command, run from a key, a menu or a button,
// can open one.

import type { SliceCreator } from './types'

export type Overlay = 'shortcuts' | 'goToVersion' | 'export'

export interface OverlaySlice {
  readonly overlay: Overlay | null
  overlayOpened(overlay: Overlay): void
  overlayClosed(): void
}

export const createOverlaySlice: SliceCreator<OverlaySlice> = ({ set }) => ({
  slice: {
    overlay: null,
    overlayOpened(overlay) {
      set({ overlay })
    },
    overlayClosed() {
      set({ overlay: null })
    },
  },
  // An open dialog stays open over a newly opened store: it describes what the user is doing.
  perStore: null,
})
