// The whole store's type, assembled from its slices, and the creator signature every slice uses.

import type { StateCreator } from 'zustand'
import type { AggregatesSlice } from './aggregates-slice'
import type { AppendSlice } from './append-slice'
import type { ExportSlice } from './export-slice'
import type { InspectionSlice } from './inspection-slice'
import type { InsightSlice } from './insight-slice'
import type { IntegritySlice } from './integrity-slice'
import type { ProjectionSlice } from './projection-slice'
import type { SearchSlice } from './search-slice'
import type { StoreSlice } from './store-slice'
import type { StreamSlice } from './stream-slice'
import type { TimeframeSlice } from './timeframe-slice'

export type Store = StoreSlice &
  AggregatesSlice &
  StreamSlice &
  InspectionSlice &
  AppendSlice &
  ExportSlice &
  IntegritySlice &
  InsightSlice &
  SearchSlice &
  ProjectionSlice &
  TimeframeSlice

export type SliceCreator<T> = StateCreator<Store, [], [], T>

/** Rows of a windowed list, fetched in fixed pages; `generation` says which request produced them. */
export interface Page<T> {
  readonly generation: number
  readonly rows: readonly T[]
}
