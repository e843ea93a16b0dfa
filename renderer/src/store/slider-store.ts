// The version slider's position: hot state kept apart from the main store.
//
// Dragging moves this many times a second. Only the slider, its label and the timeline highlight read
// it, so a drag does not re-render the aggregates table or anything else subscribed to the main store.
// Each app store owns one (createAppStore), so tests get a fresh slider with each store.

import { createStore, type StoreApi } from 'zustand'

export interface SliderState {
  readonly version: number
}

/** A slider store at version 0. */
export function createSliderStore(): StoreApi<SliderState> {
  return createStore<SliderState>()(() => ({ version: 0 }))
}
