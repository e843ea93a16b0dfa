// The whole store's type, assembled from its slices, and what every slice is built from.
//
// A slice gets everything it talks to in its SliceContext (the host's api above all), so a test builds
// the real store around a plain fake api: no module mocks.

import type { StoreApi } from 'zustand'
import type { ChannelOutput, DirectoryChoice, EventscopeApi, StoreSummary } from '../../../shared/contract'
import type { Latest } from '../lib/latest'
import type { AggregatesSlice } from './aggregates-slice'
import type { AppendSlice } from './append-slice'
import type { DamagedLineSlice } from './damaged-line-slice'
import type { DebugSlice } from './debug-slice'
import type { ExportSlice } from './export-slice'
import type { InspectionSlice } from './inspection-slice'
import type { InsightSlice } from './insight-slice'
import type { LinksSlice } from './links-slice'
import type { IntegritySlice } from './integrity-slice'
import type { InvariantsSlice } from './invariants-slice'
import type { ViewSlice } from './view-slice'
import type { ProjectionSlice } from './projection-slice'
import type { SearchSlice } from './search-slice'
import type { SliderState } from './slider-store'
import type { StoreSlice } from './store-slice'
import type { StreamSlice } from './stream-slice'
import type { TimeframeSlice } from './timeframe-slice'
import type { TimelineFilterSlice } from './timeline-filter-slice'

export type { Page } from '../lib/paged-window'

/** A store the host just opened: its summary and the id it may be reopened by. */
export interface OpenedStore {
  readonly summary: StoreSummary
  readonly directory: DirectoryChoice
  /** Set when the directory holds no store: the subfolders that do, to offer instead. */
  readonly notAStore?: NotAStore | null
  /** How a link names the store (its path under the browser shell's roots), or null. */
  readonly rootPath?: string | null
  /** The table's first page, answered with the opening for the sort and filter it had then. */
  readonly firstRows?: ChannelOutput<'aggregates.window'> | null
}

/** A directory opened that holds no store (no index.json, no stream file), and the stores below it. */
export interface NotAStore {
  readonly storesBelow: readonly DirectoryChoice[]
}

/** The root action every slice answers to. */
export interface RootActions {
  /** A store was opened: every slice puts back its per-store state, then starts loading the new one. */
  storeOpened(opened: OpenedStore): void
}

export type Store = RootActions &
  StoreSlice &
  AggregatesSlice &
  StreamSlice &
  InspectionSlice &
  AppendSlice &
  ExportSlice &
  IntegritySlice &
  InsightSlice &
  SearchSlice &
  ProjectionSlice &
  TimeframeSlice &
  DamagedLineSlice &
  ViewSlice &
  TimelineFilterSlice &
  DebugSlice &
  InvariantsSlice &
  LinksSlice

/** What the page does outside the store and outside the host (a browser download). */
export interface PageEffects {
  startDownload(url: string): void
}

/** What a slice is built with. */
export interface SliceContext {
  readonly set: StoreApi<Store>['setState']
  readonly get: () => Store
  readonly store: StoreApi<Store>
  /** The host: one function per contract channel. */
  readonly api: EventscopeApi
  /** The slider position, hot state kept apart from this store (slider-store.ts). */
  readonly slider: StoreApi<SliderState>
  readonly page: PageEffects
  /** A "latest answer wins" gate, made stale by storeOpened as well. */
  latest(): Latest
}

/** A slice: its state and actions, and what a newly opened store does to it. */
export interface SliceParts<T> {
  readonly slice: T
  /**
   * This slice's state about the open store as it is before any store was opened, given the store
   * now (to keep preferences such as the sort) and the store being opened. Required, so a new slice
   * says what it forgets; null only for a slice that holds nothing about the store.
   */
  readonly perStore: ((now: Store, opened: OpenedStore) => Partial<Store>) | null
  /** Work to start once every slice was reset, given the state from before (cancel old runs, fetch). */
  readonly opened?: (before: Store) => void
}

export type SliceCreator<T> = (context: SliceContext) => SliceParts<T>
