// The opened event store: app info, the directory, its summary, progress and the host connection.
//
// Directories are opened by the ids the host handed out (the initial one, the recent list, Browse…);
// only the browser shell also takes a typed path, and only under its roots. A database address may be
// typed where the host takes one; its password is sent once and never kept here (the host answers
// with the address without it, and an id to open it by again).

import type {
  ChannelOutput,
  DirectoryChoice,
  EventPayload,
  OpenTarget,
  StoreSummary,
} from '../../../shared/contract'
import { parsePlace, type Place } from '../../../shared/place-link'
import { addressWithoutPassword, isDatabaseAddress } from '../../../shared/store-address'
import type { ConnectionState } from '../ipc/client'
import { describeOpenFailure, messageOf } from '../lib/format'
import { pageSize } from '../lib/pages'
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
    /** How a link names the open store: its path under the browser shell's roots; null elsewhere. */
    readonly rootPath: string | null
    /** The id the host handed out for the open directory (this run only). */
    readonly directoryId: string | null
    /** One line the host said about the open store (following a database paused or stopped). */
    readonly notice: string | null
  }
  /**
   * Start the explorer: ask the host about itself and open its initial directory, unless `place` (the
   * page's own link) names another store; `place`, else the host's initial place, is then followed.
   */
  appStarted(place?: Place | null): Promise<void>
  /** A directory the host handed out (initial, recent, picked) was chosen: open it by its id. */
  directoryChosen(choice: DirectoryChoice): Promise<void>
  /**
   * A path or a database address was typed and submitted; whether it opened. A path only where the
   * shell takes one (the browser shell), an address where it takes one (both shells).
   */
  pathSubmitted(text: string): Promise<boolean>
  browseClicked(): Promise<void>
  /** A link names a store: open it (unless it is the one open); whether it is open afterwards. */
  linkedStoreRequested(target: OpenTarget, label: string): Promise<boolean>
  storeChanged(payload: EventPayload<'onStoreChanged'>): void
  storeNoticed(payload: EventPayload<'onStoreNotice'>): void
  progressReported(progress: Progress): void
  connectionChanged(state: ConnectionState): void
}

const recentLimit = 10

export const createStoreSlice: SliceCreator<StoreSlice> = ({ set, get, api, latest }) => {
  // Counts the stores the user chose (typed, picked, recent). The start's own opening and link yield to
  // one chosen while they wait on the host: on a slow start the user may type a path before the first
  // store opened, and that choice must not be replaced by the start's.
  let userChoices = 0
  const opens = latest()
  // `label` is the path shown while opening; a newer open makes an older answer stale.
  // Whether this open landed (false: it failed, or a newer one replaced it).
  const openStore = async (target: OpenTarget, label: string): Promise<boolean> => {
    const current = opens.next()
    set((s) => ({ store: { ...s.store, opening: label, error: null } }))
    try {
      // The table's first page comes in the same answer, for the sort and filter it keeps.
      const { sort, filter } = get().aggregates
      const { directoryId, notAStore, rootPath, firstRows, ...summary } = await api['store.open']({
        ...target,
        firstRows: { limit: pageSize, sort, filter },
      })
      if (!current()) return false
      // Sorted or filtered otherwise meanwhile: those rows are not the table's first page any more.
      const asked = get().aggregates.sort === sort && get().aggregates.filter === filter
      get().storeOpened({
        summary,
        directory: { id: directoryId, path: summary.dir },
        notAStore,
        rootPath: rootPath ?? null,
        firstRows: asked ? (firstRows ?? null) : null,
      })
      return true
    } catch (error) {
      if (!current()) return false
      set((s) => ({
        store: { ...s.store, opening: null, error: describeOpenFailure(label, messageOf(error)) },
      }))
      return false
    }
  }

  const slice: StoreSlice = {
    app: { info: null, error: null, connection: 'connecting' },
    store: {
      dir: null,
      opening: null,
      summary: null,
      error: null,
      progress: null,
      notAStore: null,
      rootPath: null,
      directoryId: null,
      notice: null,
    },

    async appStarted(place = null) {
      const choicesAtStart = userChoices
      const userChoseAStore = (): boolean => userChoices !== choicesAtStart
      let info: AppInfo
      try {
        info = await api['app.info']({})
        set((s) => ({ app: { ...s.app, info, error: null } }))
      } catch (error) {
        set((s) => ({ app: { ...s.app, error: messageOf(error) } }))
        return
      }
      // The page's own link wins; the host's place (`open --at`, an eventscope:// link) is in its
      // initial directory.
      const wanted = place ?? placeOrNull(info.initialPlace)
      // A link to the initial store (a reload, a copied link) opens it by its id like a start does.
      const initial = wanted?.store?.kind === 'root' && wanted.store.path === info.initialRootPath
      if (userChoseAStore()) return
      if (wanted?.store && !initial) return get().linkFollowed(wanted)
      if (info.initialDir) await openStore({ directoryId: info.initialDir.id }, info.initialDir.path)
      if (wanted && !userChoseAStore()) await get().linkFollowed(wanted)
    },

    async linkedStoreRequested(target, label) {
      const { store } = get()
      const same =
        store.summary !== null &&
        (('directoryId' in target && target.directoryId === store.directoryId) ||
          ('rootPath' in target && target.rootPath === store.rootPath) ||
          ('dir' in target && target.dir === store.dir))
      return same || openStore(target, label)
    },

    async directoryChosen(choice) {
      userChoices++
      get().linkForgotten()
      await openStore({ directoryId: choice.id }, choice.path)
    },

    async pathSubmitted(text) {
      const trimmed = text.trim()
      if (!trimmed) return false
      const info = get().app.info
      if (isDatabaseAddress(trimmed)) {
        userChoices++
        get().linkForgotten()
        // Shown while opening and in a failure without its password: the page keeps none of it.
        return openStore({ address: trimmed }, addressWithoutPassword(trimmed))
      }
      if (info !== null && !info.canTypePath) {
        const refusal = info.canTypeAddress
          ? 'This field takes a database address (postgres://…); choose a folder with Browse….'
          : 'Choose a folder with Browse….'
        set((s) => ({ store: { ...s.store, error: refusal } }))
        return false
      }
      userChoices++
      get().linkForgotten()
      return openStore({ dir: trimmed }, trimmed)
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

    storeNoticed({ dir, message }) {
      // A notice about a store no longer open is stale.
      if (get().store.dir !== dir) return
      set((s) => ({ store: { ...s.store, notice: message } }))
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
    perStore: (s, { summary, directory, notAStore, rootPath }) => ({
      store: {
        ...s.store,
        dir: summary.dir,
        opening: null,
        summary,
        error: null,
        notAStore: notAStore ?? null,
        rootPath: rootPath ?? null,
        directoryId: directory.id,
        notice: null,
      },
      app: s.app.info ? { ...s.app, info: withRecent(s.app.info, directory) } : s.app,
    }),
  }
}

/** The host's place text as a place; null when it has none or it does not parse. */
function placeOrNull(text: string | null | undefined): Place | null {
  if (!text) return null
  const parsed = parsePlace(text)
  return parsed.ok ? parsed.place : null
}

/** The app info with `opened` first in the recent list (the host keeps the same list in its own file). */
export function withRecent(info: AppInfo, opened: DirectoryChoice): AppInfo {
  const others = info.recentDirs.filter((recent) => recent.id !== opened.id)
  return { ...info, recentDirs: [opened, ...others].slice(0, recentLimit) }
}
