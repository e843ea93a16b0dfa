// The version slider's position: hot state kept apart from the main store.
//
// Dragging moves this many times a second. Only the slider, its label and the timeline highlight read
// it, so a drag does not re-render the aggregates table or anything else subscribed to the main store.

import { createStore, useStore } from 'zustand'

export interface SliderState {
  readonly version: number
}

export const sliderStore = createStore<SliderState>()(() => ({ version: 0 }))

/** The slider's current version, re-rendering the caller on every move. */
export function useSliderVersion(): number {
  return useStore(sliderStore, (state) => state.version)
}
