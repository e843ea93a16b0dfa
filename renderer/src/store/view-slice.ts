// What the window shows that is not about the store: the overlay covering it (the keyboard shortcuts,
// "go to version", the export dialog) and the inspector's tab (Inspect or Append).
//
// In the store (not in a component's state) so that a command, run from a key, a menu or a button,
// can open one.

import type { SliceCreator } from './types'

export type Overlay = 'shortcuts' | 'goToVersion' | 'export'

export type InspectorTab = 'inspect' | 'append'

export interface ViewSlice {
  readonly overlay: Overlay | null
  readonly inspectorTab: InspectorTab
  overlayOpened(overlay: Overlay): void
  overlayClosed(): void
  inspectorTabChosen(tab: InspectorTab): void
}

export const createViewSlice: SliceCreator<ViewSlice> = ({ set }) => ({
  slice: {
    overlay: null,
    inspectorTab: 'inspect',
    overlayOpened(overlay) {
      set({ overlay })
    },
    overlayClosed() {
      set({ overlay: null })
    },
    inspectorTabChosen(inspectorTab) {
      set({ inspectorTab })
    },
  },
  // An open dialog and the tab shown stay over a newly opened store: they are what the user is doing.
  perStore: null,
})
