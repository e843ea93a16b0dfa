// Which database addresses the browser shell lets the page open when typed into the path field.
//
// The browser shell is loopback-only and every request carries the per-run token, so whoever types an
// address is the user who started `eventscope serve`: a `postgres://` address is opened as
// `eventscope list postgres://…` would open it from that user's shell (its password, else libpq's
// PGPASSWORD and ~/.pgpass), the typed password kept for this run only. A `sqlite:PATH` names a file,
// so it is held to the --root folders exactly as a typed directory is (judged on the real path).

import { realpathSync } from 'node:fs'
import { databaseKindOf } from '../../../shared/store-address'
import { expandPath, isInside } from './directory-policy'

/** Why the browser shell refuses the typed `address`, or null when it opens it. */
export function typedAddressRefusal(address: string, roots: readonly string[]): string | null {
  switch (databaseKindOf(address)) {
    case 'postgres':
      return null
    case 'sqlite': {
      const file = realOrNull(address.replace(/^sqlite:/i, ''))
      // A file that is not there passes: opening it says so, naming it.
      if (file === null) return null
      if (roots.some((root) => isInsideReal(root, file))) return null
      return `The browser shell opens only SQLite files under ${roots.join(', ')}; start it with --root to allow more.`
    }
    case null:
      return 'Not a database address: it starts postgres:// or sqlite:.'
  }
}

function realOrNull(path: string): string | null {
  try {
    return realpathSync(expandPath(path))
  } catch {
    return null
  }
}

function isInsideReal(root: string, file: string): boolean {
  const base = realOrNull(root)
  return base !== null && isInside(base, file)
}
