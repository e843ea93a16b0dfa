// The renderer's one store, assembled from slices; components read it through narrow selectors.

import { create } from 'zustand'
import { createAggregatesSlice } from './aggregates-slice'
import { createAppendSlice } from './append-slice'
import { createExportSlice } from './export-slice'
import { createInspectionSlice } from './inspection-slice'
import { createInsightSlice } from './insight-slice'
import { createIntegritySlice } from './integrity-slice'
import { createProjectionSlice } from './projection-slice'
import { createSearchSlice } from './search-slice'
import { createStoreSlice } from './store-slice'
import { createStreamSlice } from './stream-slice'
import { createTimeframeSlice } from './timeframe-slice'
import type { Store } from './types'

export const useAppStore = create<Store>()((...a) => ({
  ...createStoreSlice(...a),
  ...createAggregatesSlice(...a),
  ...createStreamSlice(...a),
  ...createInspectionSlice(...a),
  ...createAppendSlice(...a),
  ...createExportSlice(...a),
  ...createIntegritySlice(...a),
  ...createInsightSlice(...a),
  ...createSearchSlice(...a),
  ...createProjectionSlice(...a),
  ...createTimeframeSlice(...a),
}))

export type { Store } from './types'
export { sliderStore, useSliderVersion } from './slider-store'
