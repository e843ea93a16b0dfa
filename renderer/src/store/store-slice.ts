// The opened event store: app info, the directory, its summary, progress and the host connection.
//
// Directories are opened by the ids the host handed out (the initial one, the recent list, Browse…);
// only the browser shell also takes a typed path, and only under its roots.

import type {
  ChannelOutput,
  DirectoryChoice,
  EventPayload,
  OpenTarget,
  StoreSummary,
} from '../../../shared/contract'
import type { ConnectionState } from '../ipc/client'
import { describeOpenFailure, messageOf } from '../lib/format'
import type { NotAStore, SliceCreator } from './types'

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
    /** The open directory holds no store; null when it does (or nothing is open). */
    readonly notAStore: NotAStore | null
  }
  appStarted(): Promise<void>
  /** A directory the host handed out (initial, recent, picked) was chosen: open it by its id. */
  directoryChosen(choice: DirectoryChoice): Promise<void>
  /** A path was typed and submitted (the browser shell only). */
  pathSubmitted(dir: string): Promise<void>
  browseClicked(): Promise<void>
  storeChanged(payload: EventPayload<'onStoreChanged'>): void
  progressReported(progress: Progress): void
  connectionChanged(state: ConnectionState): void
}

const recentLimit = 10

export const createStoreSlice: SliceCreator<StoreSlice> = ({ set, get, api, latest }) => {
  const opens = latest()
  // `label` is the path shown while opening; a newer open makes an older answer stale.
  const openStore = async (target: OpenTarget, label: string): Promise<void> => {
    const current = opens.next()
    set((s) => ({ store: { ...s.store, opening: label, error: null } }))
    try {
      const { directoryId, notAStore, ...summary } = await api['store.open'](target)
      if (!current()) return
      get().storeOpened({ summary, directory: { id: directoryId, path: summary.dir }, notAStore })
    } catch (error) {
      if (!current()) return
      set((s) => ({
        store: { ...s.store, opening: null, error: describeOpenFailure(label, messageOf(error)) },
      }))
    }
  }

  const slice: StoreSlice = {
    app: { info: null, error: null, connection: 'connecting' },
    store: { dir: null, opening: null, summary: null, error: null, progress: null, notAStore: null },

    async appStarted() {
      try {
        const info = await api['app.info']({})
        set((s) => ({ app: { ...s.app, info, error: null } }))
        if (info.initialDir) await get().directoryChosen(info.initialDir)
      } catch (error) {
        set((s) => ({ app: { ...s.app, error: messageOf(error) } }))
      }
    },

    async directoryChosen(choice) {
      await openStore({ directoryId: choice.id }, choice.path)
    },

    async pathSubmitted(dir) {
      const trimmed = dir.trim()
      if (trimmed) await openStore({ dir: trimmed }, trimmed)
    },

    async browseClicked() {
      try {
        const picked = await api['store.pickDirectory']({})
        if (picked) await get().directoryChosen(picked)
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
  }

  return {
    slice,
    perStore: (s, { summary, directory, notAStore }) => ({
      store: {
        ...s.store,
        dir: summary.dir,
        opening: null,
        summary,
        error: null,
        notAStore: notAStore ?? null,
      },
      app: s.app.info ? { ...s.app, info: withRecent(s.app.info, directory) } : s.app,
    }),
  }
}

/** The app info with `opened` first in the recent list (the host keeps the same list in its own file). */
export function withRecent(info: AppInfo, opened: DirectoryChoice): AppInfo {
  const others = info.recentDirs.filter((recent) => recent.id !== opened.id)
  return { ...info, recentDirs: [opened, ...others].slice(0, recentLimit) }
}
