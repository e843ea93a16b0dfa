// What each kind of store can do beyond reading, and why not where it cannot: the `source` part of
// the StoreSummary the page shows its controls by.
//
// Pure. A JSONL directory can do everything; a database has no files to verify, repair or reindex and
// no `.eventscope/` folder for reducers and invariants; its append and follow come from the Source.

import type { SourceKind, StoreCapabilities, StoreCapability, StoreSource } from '../../../shared/contract'

const yes: StoreCapability = { available: true, reason: null }

function no(reason: string): StoreCapability {
  return { available: false, reason }
}

/** A JSONL directory: every capability. */
export function jsonlStoreSource(dir: string): StoreSource {
  return {
    kind: 'jsonl',
    name: dir,
    layout: null,
    capabilities: { append: yes, follow: yes, verify: yes, repair: yes, reindex: yes, reducers: yes },
  }
}

/** What a database source offers, from its own capabilities (source/source.ts). */
export interface DatabaseOffer {
  readonly kind: Exclude<SourceKind, 'jsonl'>
  readonly name: string
  /** Whose layout the store is in (Source.layoutTitle), or null when the source does not say. */
  readonly layout: string | null
  readonly append: boolean
  readonly watch: boolean
  /** Why what is missing is missing ("Message DB's layout is read-only here"), or null. */
  readonly note: string | null
}

/** A database: append and follow as the source offers them; never the file tools or reducers. */
export function databaseStoreSource(offer: DatabaseOffer): StoreSource {
  const kindName = offer.kind === 'postgres' ? 'A PostgreSQL store' : 'A SQLite store'
  const capabilities: StoreCapabilities = {
    append: offer.append ? yes : no(offer.note ?? `${kindName} in this layout is read-only here.`),
    // Not the note: it says why a layout is read-only, which is not why it is not followed.
    follow: offer.watch
      ? yes
      : no(`${kindName} in this layout is not followed here: open it again for new events.`),
    verify: no(`${kindName} has no files to verify: the database keeps its own integrity.`),
    repair: no(`${kindName} has no files to repair.`),
    reindex: no(`${kindName} has no index.json: the database's own indexes are used.`),
    reducers: no(`${kindName} has no .eventscope folder for reducers and invariants.`),
  }
  return { kind: offer.kind, name: offer.name, layout: offer.layout, capabilities }
}
