// Following a link to a place (shared/place-link.ts): open its store, its aggregate at its version,
// its tab and its search, and say so when the link went stale.
//
// A link records the event id at its version. When the store changed since (the stream rewritten,
// events removed), the version may now hold another event: following it then never lands there
// silently. The aggregate opens as any freshly chosen one does, and `link.stale` says what changed,
// with the nearest match (the version the recorded event is at now) to go to.

import type { OpenTarget } from '../../../shared/contract'
import type { Place } from '../../../shared/place-link'
import { placeOf } from '../lib/current-place'
import { messageOf } from '../lib/format'
import { createLatest } from '../lib/latest'
import { emptyDraft } from '../lib/search-request'
import type { DockTab } from './insight-slice'
import type { SliceCreator } from './types'

/** A followed link whose version no longer holds the event it recorded. */
export interface StaleLink {
  readonly aggregateId: string
  readonly version: number
  /** The event the link recorded at `version`. */
  readonly eventId: string
  /** The event at `version` now, or null when the stream no longer reaches `version`. */
  readonly nowEventId: string | null
  /** Where the recorded event is now (the nearest match), or null when it is gone. */
  readonly matchVersion: number | null
  /** The stream's length now. */
  readonly eventCount: number | null
}

export interface LinksSlice {
  readonly link: {
    /** A link being followed (its store opening, its event being checked); the hash waits for it. */
    readonly following: boolean
    readonly stale: StaleLink | null
    /** Why the last link could not be followed, in one line. */
    readonly error: string | null
    /** The link last put on the clipboard: a new object per copy, so each shows "Link copied" anew. */
    readonly copied: { readonly link: string } | null
  }
  /** The place shown at `version`, with the id of its event fetched when not loaded yet. */
  placeShared(version: number): Promise<Place>
  /** A link was put on the clipboard (null: the clipboard refused it). */
  linkCopied(link: string | null): void
  /** A link was opened (the page's address, a pasted link, the desktop app's eventscope://). */
  linkFollowed(place: Place): Promise<void>
  /** The user took the stale link's nearest match (or, with `asIs`, its version as it is now). */
  staleLinkResolved(asIs: boolean): void
  /** A link could not be read (`message` says why, in one line). */
  linkRefused(message: string): void
  /** The user dismissed what the last link said, or went elsewhere (another store). */
  linkForgotten(): void
}

/** Every dock tab a link may name: a Record, so a new tab cannot be left out. */
const dockTabs: Record<DockTab, true> = {
  search: true,
  projections: true,
  time: true,
  diff: true,
  correlation: true,
  invariants: true,
}

function isDockTab(tab: string): tab is DockTab {
  return Object.hasOwn(dockTabs, tab)
}

const idle: LinksSlice['link'] = { following: false, stale: null, error: null, copied: null }

export const createLinksSlice: SliceCreator<LinksSlice> = ({ set, get, api }) => {
  // Its own gate, not the context's: following a link opens a store, which supersedes those.
  const follows = createLatest()
  let nextLookup = 1
  const patch = (part: Partial<LinksSlice['link']>): void => set((s) => ({ link: { ...s.link, ...part } }))

  // The version the recorded event is at now, by its id: the host's search over that one stream.
  const locate = async (aggregateId: string, eventId: string): Promise<number | null> => {
    const { matches } = await api['search.run']({
      taskId: `link-${nextLookup++}`,
      aggregateIds: [aggregateId],
      where: `id == ${JSON.stringify(eventId)}`,
      limit: 1,
    })
    return matches[0]?.version ?? null
  }

  // Whether `version` still holds `eventId`; a StaleLink when it does not.
  const check = async (aggregateId: string, version: number, eventId: string): Promise<StaleLink | null> => {
    const info = await api['stream.open']({ aggregateId })
    const now =
      version >= 1 && version <= info.eventCount ? await api['event.get']({ aggregateId, version }) : null
    if (now?.id === eventId) return null
    const matchVersion = await locate(aggregateId, eventId).catch(() => null)
    return {
      aggregateId,
      version,
      eventId,
      nowEventId: now?.id ?? null,
      matchVersion,
      eventCount: info.eventCount,
    }
  }

  const storeTarget = (place: Place): [OpenTarget, string] | null => {
    const store = place.store
    if (!store) return null
    switch (store.kind) {
      case 'root':
        return [{ rootPath: store.path }, store.path || 'the served folder']
      case 'dir':
        return [{ directoryId: store.id }, 'the linked directory']
      case 'path':
        return [{ dir: store.path }, store.path]
    }
  }

  const slice: LinksSlice = {
    link: idle,

    async linkFollowed(place) {
      const current = follows.next()
      set({ link: { ...idle, following: true } })
      try {
        const target = storeTarget(place)
        // A store that does not open says why in the header's own error line.
        if (target && !(await get().linkedStoreRequested(...target))) return
        if (!current() || !get().store.summary) return
        if (place.inspector) get().inspectorTabChosen(place.inspector)
        if (place.search) {
          get().searchDraftEdited({ ...emptyDraft, ...place.search })
          get().searchStarted()
        }
        if (place.check) {
          get().invariantsDraftEdited(place.check)
          get().invariantsCheckStarted()
        }
        if (place.dock !== null && isDockTab(place.dock)) get().dockTabChosen(place.dock)
        const { aggregateId, version, eventId } = place
        if (aggregateId === null) return
        const stale = version !== null && eventId !== null ? await check(aggregateId, version, eventId) : null
        if (!current()) return
        if (stale) {
          // Never the link's version silently: the aggregate opens as a chosen one does (its latest
          // version) and the banner offers the nearest match.
          set((s) => ({ link: { ...s.link, stale } }))
          get().aggregateSelected(aggregateId)
        } else if (version !== null) get().eventOpened(aggregateId, version)
        else get().aggregateSelected(aggregateId)
      } catch (error) {
        if (current()) patch({ error: messageOf(error) })
      } finally {
        if (current()) patch({ following: false })
      }
    },

    staleLinkResolved(asIs) {
      const stale = get().link.stale
      if (!stale) return
      const version = asIs ? Math.min(stale.version, stale.eventCount ?? stale.version) : stale.matchVersion
      patch({ stale: null })
      if (version !== null) get().eventOpened(stale.aggregateId, version)
    },

    async placeShared(version) {
      const place = placeOf(get(), version)
      const { aggregateId } = place
      if (aggregateId === null || place.version === null || place.version === 0 || place.eventId !== null)
        return place
      // The slider moved faster than the event panel: ask for the event, so the link can tell when it
      // goes stale. A stream whose events carry no id gives a link without one.
      const event = await api['event.get']({ aggregateId, version: place.version }).catch(() => null)
      return { ...place, eventId: event?.id ?? null }
    },

    linkCopied(copied) {
      patch(
        copied === null
          ? { copied: null, error: 'The clipboard refused the link.' }
          : { copied: { link: copied }, error: null },
      )
    },

    linkRefused(message) {
      follows.supersede()
      set({ link: { ...idle, error: message } })
    },

    linkForgotten() {
      follows.supersede()
      set({ link: idle })
    },
  }

  return {
    slice,
    // What a link said is about the store it opened; it is set again after the store opens.
    perStore: (s) => ({ link: { ...s.link, stale: null } }),
  }
}
