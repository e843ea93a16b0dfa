// A place in the explorer (a store, an aggregate, a version, the tab shown, a search) as link text.
//
// One grammar for every shell, so the browser shell's `#/…` address, the desktop app's `eventscope://`
// links and `eventscope open DIR --aggregate ID --at N` cannot drift apart:
//
//   /store/<root-relative path> | /dir/<directory id> | /path/<absolute path>     (optional, first)
//   /aggregate/<id>  /at/<version>                                                 (optional, in order)
//   ?event=<event id at that version>&dock=<tab>&tab=append&search.<field>=<text>
//    &check=<invariant>&check.type=<aggregate type>                              (all optional)
//
// Every segment is percent-encoded whole, so an id holding `/`, `?` or `#` stays one segment. A link
// records the event id at its version: that is how a link to a store that changed is found stale.
// Pure and total: parsing answers a one-line reason instead of throwing.

/** How a link names its store: the shell's root-relative path, this run's directory id, or a path. */
export type StoreRef =
  | { readonly kind: 'root'; readonly path: string }
  | { readonly kind: 'dir'; readonly id: string }
  | { readonly kind: 'path'; readonly path: string }

/** The search form's fields a link carries (the renderer's SearchDraft, by name). */
export const searchFields = [
  'eventType',
  'aggregateType',
  'aggregateId',
  'since',
  'until',
  'where',
  'text',
] as const
export type SearchField = (typeof searchFields)[number]

export interface Place {
  /** Null: the store the shell was started on (or the one open). */
  readonly store: StoreRef | null
  readonly aggregateId: string | null
  /** Null: the aggregate's latest version. */
  readonly version: number | null
  /** The id of the event at `version` when the link was made; null when unknown (a typed link). */
  readonly eventId: string | null
  /** The dock tab shown, or null when the dock is closed. */
  readonly dock: string | null
  /** The inspector's tab when it is not the default (Inspect). */
  readonly inspector: 'append' | null
  /** The search form's non-blank fields; null when the link carries no search. */
  readonly search: Readonly<Partial<Record<SearchField, string>>> | null
  /** A store-wide check (the Invariants tab): its expression and aggregate type ('' for every type). */
  readonly check: { readonly expression: string; readonly aggregateType: string } | null
}

export type PlaceParse =
  { readonly ok: true; readonly place: Place } | { readonly ok: false; readonly message: string }

/** The scheme the packaged desktop app registers with the operating system. */
export const appLinkScheme = 'eventscope'
const appLinkPrefix = `${appLinkScheme}://open`

/** The place with nothing chosen. */
export const emptyPlace: Place = {
  store: null,
  aggregateId: null,
  version: null,
  eventId: null,
  dock: null,
  inspector: null,
  search: null,
  check: null,
}

const storeKinds = { store: 'root', dir: 'dir', path: 'path' } as const
const maxPart = 4096
const dockTabPattern = /^[a-z][a-zA-Z]{0,31}$/

/** The place as link text: `/store/…/aggregate/…/at/N?event=…` (the hash without its `#`). */
export function placeText(place: Place): string {
  const segments: string[] = []
  if (place.store) {
    const [name, value] =
      place.store.kind === 'dir'
        ? ['dir', place.store.id]
        : [place.store.kind === 'root' ? 'store' : 'path', place.store.path]
    segments.push(name, encodeURIComponent(value === '' ? '.' : value))
  }
  if (place.aggregateId !== null) {
    segments.push('aggregate', encodeURIComponent(place.aggregateId))
    if (place.version !== null) segments.push('at', String(place.version))
  }
  const query = new URLSearchParams()
  if (place.aggregateId !== null && place.version !== null && place.eventId !== null)
    query.set('event', place.eventId)
  if (place.dock !== null) query.set('dock', place.dock)
  if (place.inspector !== null) query.set('tab', place.inspector)
  for (const field of searchFields) {
    const value = place.search?.[field]
    if (value) query.set(`search.${field}`, value)
  }
  if (place.check?.expression) {
    query.set('check', place.check.expression)
    if (place.check.aggregateType) query.set('check.type', place.check.aggregateType)
  }
  const search = query.toString()
  // URLSearchParams writes a space as `+`; `%20` reads the same to every parser and to people.
  return `/${segments.join('/')}${search ? `?${search.replace(/\+/g, '%20')}` : ''}`
}

/** Parse link text (`#/…`, `/…`, or empty for no place at all). */
export function parsePlace(text: string): PlaceParse {
  const body = text.startsWith('#') ? text.slice(1) : text
  if (body === '' || body === '/') return { ok: true, place: emptyPlace }
  if (!body.startsWith('/')) return refuse('it does not start with "/"')
  if (body.length > 64 * 1024) return refuse('it is longer than 64 KiB')
  const queryAt = body.indexOf('?')
  const path = queryAt < 0 ? body.slice(1) : body.slice(1, queryAt)
  const segments = path === '' ? [] : path.split('/')
  if (segments.at(-1) === '') segments.pop()
  let store: StoreRef | null = null
  let aggregateId: string | null = null
  let version: number | null = null
  let at = 0
  const next = (): string | null => {
    const raw = segments[at++]
    if (raw === undefined) return null
    try {
      const value = decodeURIComponent(raw)
      return value.length > maxPart || value.includes('\u0000') ? null : value
    } catch {
      return null
    }
  }
  const head = segments[at]
  if (head === 'store' || head === 'dir' || head === 'path') {
    at++
    const value = next()
    if (value === null || value === '') return refuse(`"${head}" needs a value after it`)
    const kind = storeKinds[head]
    store =
      kind === 'dir' ? { kind, id: value } : { kind, path: kind === 'root' && value === '.' ? '' : value }
  }
  if (segments[at] === 'aggregate') {
    at++
    aggregateId = next()
    if (aggregateId === null || aggregateId === '') return refuse('"aggregate" needs an id after it')
    if (segments[at] === 'at') {
      at++
      const raw = segments[at++] ?? ''
      if (!/^\d{1,15}$/.test(raw)) return refuse(`"at" needs a version (0 or more), not "${raw}"`)
      version = Number(raw)
    }
  }
  if (at < segments.length) return refuse(`"${segments[at] ?? ''}" is not a part of a place`)
  const query = new URLSearchParams(queryAt < 0 ? '' : body.slice(queryAt + 1))
  const eventId = query.get('event')
  const dock = query.get('dock')
  if (dock !== null && !dockTabPattern.test(dock)) return refuse(`"${dock}" is not a tab`)
  const tab = query.get('tab')
  const search: Partial<Record<SearchField, string>> = {}
  for (const field of searchFields) {
    const value = query.get(`search.${field}`)
    if (value) search[field] = value.slice(0, 10_000)
  }
  const expression = query.get('check')
  return {
    ok: true,
    place: {
      store,
      aggregateId,
      version,
      eventId: eventId && version !== null ? eventId.slice(0, maxPart) : null,
      dock,
      inspector: tab === 'append' ? 'append' : null,
      search: Object.keys(search).length > 0 ? search : null,
      check: expression
        ? { expression: expression.slice(0, 10_000), aggregateType: query.get('check.type') ?? '' }
        : null,
    },
  }
}

/** The desktop app's link to a place in the store at `dir` (an absolute path). */
export function appLink(dir: string, place: Place): string {
  return `${appLinkPrefix}${placeText({ ...place, store: { kind: 'path', path: dir } })}`
}

/** Whether a command-line argument is a desktop link (`eventscope://…`). */
export function isAppLink(text: string): boolean {
  return text.slice(0, appLinkScheme.length + 3).toLowerCase() === `${appLinkScheme}://`
}

/** Parse an `eventscope://open/…` link; the store, when named, must be an absolute path. */
export function parseAppLink(text: string): PlaceParse {
  if (!isAppLink(text)) return refuse(`it does not start with ${appLinkScheme}://`)
  const rest = text.slice(appLinkScheme.length + 3)
  if (rest.slice(0, 4).toLowerCase() !== 'open') return refuse(`only ${appLinkPrefix}/… links open a place`)
  const parsed = parsePlace(rest.slice(4) || '/')
  if (!parsed.ok) return parsed
  const { store } = parsed.place
  if (store !== null && store.kind !== 'path')
    return refuse('a desktop link names its store by its path ("/path/…")')
  return parsed
}

function refuse(reason: string): PlaceParse {
  return { ok: false, message: `Not a link to a place in eventscope: ${reason}.` }
}
