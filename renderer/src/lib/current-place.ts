// The place the window shows, as a link: what the address bar holds and what "Copy link" copies.
//
// Pure over the store's state and the slider's version, so the unit tests read it without a DOM.

import { appLink, placeText, type Place, type StoreRef } from '../../../shared/place-link'
import type { Store } from '../store/types'

/** The place shown: the store, the aggregate at the slider's version with its event id, the tabs. */
export function placeOf(state: Store, version: number): Place {
  const { stream, inspection, dock, search } = state
  const aggregateId = stream.aggregateId
  const shown = stream.info !== null && aggregateId !== null
  const event = inspection.event
  const eventId =
    shown && inspection.aggregateId === aggregateId && event?.version === version ? event.id : null
  const searchShown = dock.open && dock.tab === 'search'
  const checkShown = dock.open && dock.tab === 'invariants'
  const check = state.invariants.draft
  const fields = Object.entries(search.draft).filter(([, value]) => value.trim() !== '')
  return {
    store: storeRefOf(state),
    aggregateId,
    version: shown ? version : null,
    eventId,
    dock: dock.open ? dock.tab : null,
    inspector: state.inspectorTab === 'append' ? 'append' : null,
    search: searchShown && fields.length > 0 ? Object.fromEntries(fields) : null,
    check: checkShown && check.expression.trim() ? { ...check } : null,
  }
}

/**
 * How the page's address names the open store: its path under the browser shell's roots when it has
 * one (it outlives this run), else the directory id (good for this run: a reload), else nothing.
 */
function storeRefOf(state: Store): StoreRef | null {
  const { rootPath, directoryId, summary } = state.store
  if (summary === null) return null
  if (rootPath !== null) return { kind: 'root', path: rootPath }
  return directoryId === null ? null : { kind: 'dir', id: directoryId }
}

/**
 * The link to copy: in the browser shell this page's address with the place (never its token: the
 * browser holds the cookie, and a link pasted elsewhere should not carry a secret); in the desktop app
 * an `eventscope://` link naming the store by the path the app shows.
 */
export function shareableLink(
  state: Store,
  place: Place,
  location: Pick<Location, 'origin' | 'pathname'>,
): string | null {
  if (state.app.info?.shell === 'electron') {
    const dir = state.store.summary?.dir
    return dir ? appLink(dir, place) : null
  }
  return `${location.origin}${location.pathname}#${placeText(place)}`
}
