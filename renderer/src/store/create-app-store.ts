// Builds the renderer's one store from its slices around a given host api, so tests build the very
// same store around a plain fake object.
//
// It also owns the one `storeOpened` action: every slice declares its per-store state (SliceParts),
// and opening a store puts all of them back in one update and makes every answer still on its way
// about the old store stale, so a new slice cannot forget to reset.

import { create, type StoreApi, type UseBoundStore } from 'zustand'
import type { EventscopeApi } from '../../../shared/contract'
import { createLatest, type Latest } from '../lib/latest'
import { startDownload } from '../ui/download'
import { createAggregatesSlice } from './aggregates-slice'
import { createAppendSlice } from './append-slice'
import { createDamagedLineSlice } from './damaged-line-slice'
import { createDebugSlice } from './debug-slice'
import { createExportSlice } from './export-slice'
import { createInspectionSlice } from './inspection-slice'
import { createInsightSlice } from './insight-slice'
import { createIntegritySlice } from './integrity-slice'
import { createInvariantsSlice } from './invariants-slice'
import { createLinksSlice } from './links-slice'
import { createViewSlice } from './view-slice'
import { createProjectionSlice } from './projection-slice'
import { createSearchSlice } from './search-slice'
import { createSliderStore, type SliderState } from './slider-store'
import { createStoreSlice } from './store-slice'
import { createStreamSlice } from './stream-slice'
import { createTimeframeSlice } from './timeframe-slice'
import { createTimelineFilterSlice } from './timeline-filter-slice'
import type { PageEffects, SliceContext, SliceCreator, SliceParts, Store } from './types'

const slices: readonly SliceCreator<object>[] = [
  createStoreSlice,
  createAggregatesSlice,
  createStreamSlice,
  createInspectionSlice,
  createAppendSlice,
  createExportSlice,
  createIntegritySlice,
  createInsightSlice,
  createSearchSlice,
  createProjectionSlice,
  createTimeframeSlice,
  createDamagedLineSlice,
  createViewSlice,
  createTimelineFilterSlice,
  createDebugSlice,
  createInvariantsSlice,
  createLinksSlice,
]

/** The app store: the zustand hook, with the slider's own store beside it. */
export type AppStore = UseBoundStore<StoreApi<Store>> & { readonly slider: StoreApi<SliderState> }

/** Build the store around `api` (the real client in the app, a fake object in tests). */
export function createAppStore(api: EventscopeApi, page: PageEffects = { startDownload }): AppStore {
  const slider = createSliderStore()
  const gates: Latest[] = []
  const useStore = create<Store>()((set, get, store) => {
    const context: SliceContext = {
      set,
      get,
      store,
      api,
      slider,
      page,
      latest: () => {
        const gate = createLatest()
        gates.push(gate)
        return gate
      },
    }
    const parts: SliceParts<object>[] = slices.map((create) => create(context))
    const root: Pick<Store, 'storeOpened'> = {
      storeOpened(opened) {
        const before = get()
        for (const gate of gates) gate.supersede()
        set((now) => Object.assign({}, ...parts.map((part) => part.perStore?.(now, opened) ?? {})))
        for (const part of parts) part.opened?.(before)
      },
    }
    return Object.assign({}, ...parts.map((part) => part.slice), root) as Store
  })
  return Object.assign(useStore, { slider })
}
