// Opening any store by what names it: a database address or a directory. What a command that takes
// any kind of store (copy) turns its argument into.

import { storeDatabaseKind } from './database-address'
import { openJsonlSource } from './jsonl/jsonl-source'
import { openDatabaseSource } from './open-database'
import type { Source } from './source'

/**
 * The store `address` names: a database address or a SQLite file (database-address.ts decides),
 * else a directory. `writable` opens a SQLite file for writing (it is read-only otherwise): a copy's
 * destination.
 */
export async function openSource(
  address: string,
  options: { readonly writable?: boolean } = {},
): Promise<Source> {
  if (storeDatabaseKind(address) !== null) return openDatabaseSource(address, options)
  return openJsonlSource(address)
}
