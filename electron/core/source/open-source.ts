// Opening any store by what names it: a database address or a directory. The one place a command that
// takes any kind of store (copy) turns its argument into a Source.

import { openJsonlSource } from './jsonl/jsonl-source'
import { openPostgresSource } from './postgres/postgres-source'
import type { Source } from './source'
import { isPostgresAddress } from './source-address'

/** The store `address` names: `postgres://…` (Emmett's layout), else a store directory. */
export async function openSource(address: string): Promise<Source> {
  if (isPostgresAddress(address)) return openPostgresSource(address)
  return openJsonlSource(address)
}
