// The browser's address and the window's place, both ways: the address follows what is shown, and an
// address the user changes (typed, pasted, back and forward) is followed as a link.
//
// Moving to another store or aggregate adds a history entry (Back returns to it); moving the slider
// replaces the entry, at most every `writeDelayMs`, so a drag leaves no trail of versions.

import { parsePlace, placeText, type Place } from '../../../../shared/place-link'
import { placeOf } from '../../lib/current-place'
import type { AppStore } from '../../store/create-app-store'

const writeDelayMs = 200

export interface AddressSync {
  /** Start writing the place into the address (after the page's own link was followed). */
  start(): void
  stop(): void
}

/** The place in the page's address when it loaded, followed by the caller once the host answers. */
export function initialAddressPlace(store: AppStore, location: Pick<Location, 'hash'>): Place | null {
  // No hash, `#` or `#/`: nothing to follow.
  if (location.hash.length <= 2) return null
  const parsed = parsePlace(location.hash)
  if (parsed.ok) return parsed.place
  store.getState().linkRefused(parsed.message)
  return null
}

/** Keep `win`'s address and `store`'s place in step. */
export function connectAddress(store: AppStore, win: Window = window): AddressSync {
  let written = win.location.hash
  let timer: ReturnType<typeof setTimeout> | null = null
  let started = false
  let lastScope = ''

  const write = (): void => {
    timer = null
    const state = store.getState()
    if (state.link.following || state.store.summary === null) return
    const place = placeOf(state, store.slider.getState().version)
    const hash = `#${placeText(place)}`
    if (hash === written || hash === win.location.hash) return
    const scope = `${JSON.stringify(place.store)}\u0000${place.aggregateId ?? ''}`
    const url = `${win.location.pathname}${win.location.search}${hash}`
    if (scope !== lastScope) win.history.pushState(null, '', url)
    else win.history.replaceState(null, '', url)
    lastScope = scope
    written = hash
  }
  const schedule = (): void => {
    if (started && timer === null) timer = setTimeout(write, writeDelayMs)
  }
  const followed = (): void => {
    const hash = win.location.hash
    if (hash === written) return
    written = hash
    const parsed = parsePlace(hash)
    if (parsed.ok) void store.getState().linkFollowed(parsed.place)
    else store.getState().linkRefused(parsed.message)
  }

  const stops = [store.subscribe(schedule), store.slider.subscribe(schedule)]
  win.addEventListener('hashchange', followed)
  win.addEventListener('popstate', followed)
  return {
    start() {
      started = true
      const state = store.getState()
      lastScope = `${JSON.stringify(placeOf(state, 0).store)}\u0000${state.stream.aggregateId ?? ''}`
      schedule()
    },
    stop() {
      for (const stop of stops) stop()
      win.removeEventListener('hashchange', followed)
      win.removeEventListener('popstate', followed)
      if (timer !== null) clearTimeout(timer)
    },
  }
}
