// The renderer's one store, built around the real host client; components read it through narrow
// selectors. Tests build their own with createAppStore and a fake api.

import { useStore } from 'zustand'
import { api } from '../ipc/client'
import { createAppStore } from './create-app-store'

export const useAppStore = createAppStore(api)

/** The slider position of the app's store (hot state, see slider-store.ts). */
export const sliderStore = useAppStore.slider

/** The slider's current version, re-rendering the caller on every move. */
export function useSliderVersion(): number {
  return useStore(sliderStore, (state) => state.version)
}

export type { Store } from './types'
export { createAppStore, type AppStore } from './create-app-store'
