// Opening any store by what names it: a database address or a directory. What a command that takes
// any kind of store (copy) turns its argument into.

import { databaseKindOf } from '../../../shared/store-address'
import { openJsonlSource } from './jsonl/jsonl-source'
import { openDatabaseSource } from './open-database'
import type { Source } from './source'

/** The store `address` names: a database address (open-database.ts decides which), else a directory. */
export async function openSource(address: string): Promise<Source> {
  if (databaseKindOf(address) !== null) return openDatabaseSource(address)
  return openJsonlSource(address)
}
