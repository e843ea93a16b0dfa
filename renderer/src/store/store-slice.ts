// The opened event store: app info, the directory, its summary, progress and the host connection.

import type { ChannelOutput, EventPayload, StoreSummary } from '../../../shared/contract'
import type { ConnectionState } from '../ipc/client'
import { api } from '../ipc/client'
import { describeOpenFailure, messageOf } from '../lib/format'
import type { SliceCreator } from './types'

export type AppInfo = ChannelOutput<'app.info'>
export type Progress = EventPayload<'onProgress'>

export interface StoreSlice {
  readonly app: {
    readonly info: AppInfo | null
    readonly error: string | null
    readonly connection: ConnectionState
  }
  readonly store: {
    readonly dir: string | null
    readonly opening: string | null
    readonly summary: StoreSummary | null
    readonly error: string | null
    readonly progress: Progress | null
  }
  appStarted(): Promise<void>
  directoryOpened(dir: string): Promise<void>
  browseClicked(): Promise<void>
  storeChanged(payload: EventPayload<'onStoreChanged'>): void
  progressReported(progress: Progress): void
  connectionChanged(state: ConnectionState): void
}

const recentLimit = 10

export const createStoreSlice: SliceCreator<StoreSlice> = (set, get) => ({
  app: { info: null, error: null, connection: 'connecting' },
  store: { dir: null, opening: null, summary: null, error: null, progress: null },

  async appStarted() {
    try {
      const info = await api['app.info']({})
      set((s) => ({ app: { ...s.app, info, error: null } }))
      if (info.initialDir) await get().directoryOpened(info.initialDir)
    } catch (error) {
      set((s) => ({ app: { ...s.app, error: messageOf(error) } }))
    }
  },

  async directoryOpened(dir) {
    const trimmed = dir.trim()
    if (!trimmed) return
    set((s) => ({ store: { ...s.store, opening: trimmed, error: null } }))
    try {
      const summary = await api['store.open']({ dir: trimmed })
      if (get().store.opening !== trimmed) return
      set((s) => ({
        store: { ...s.store, dir: summary.dir, opening: null, summary, error: null },
        app: s.app.info ? { ...s.app, info: withRecent(s.app.info, summary.dir) } : s.app,
      }))
      get().aggregatesReset()
      get().aggregateSelected(null)
      get().eventTypesNeeded()
      get().integrityReset()
      get().insightReset()
    } catch (error) {
      if (get().store.opening !== trimmed) return
      set((s) => ({
        store: { ...s.store, opening: null, error: describeOpenFailure(trimmed, messageOf(error)) },
      }))
    }
  },

  async browseClicked() {
    try {
      const { dir } = await api['store.pickDirectory']({})
      if (dir) await get().directoryOpened(dir)
    } catch (error) {
      set((s) => ({ store: { ...s.store, error: messageOf(error) } }))
    }
  },

  storeChanged({ summary, aggregateIds }) {
    if (get().store.dir !== summary.dir) return
    set((s) => ({ store: { ...s.store, summary } }))
    get().aggregatesInvalidated()
    get().eventTypesNeeded()
    get().integrityStoreChanged(aggregateIds)
    const selected = get().stream.aggregateId
    if (selected && aggregateIds.includes(selected)) get().streamInvalidated()
  },

  progressReported(progress) {
    set((s) => ({ store: { ...s.store, progress } }))
  },

  connectionChanged(connection) {
    set((s) => ({ app: { ...s.app, connection } }))
  },
})

function withRecent(info: AppInfo, dir: string): AppInfo {
  return { ...info, recentDirs: [dir, ...info.recentDirs.filter((d) => d !== dir)].slice(0, recentLimit) }
}
