// index.json, read as the cache it is: a missing or unreadable index is a finding, never a failure.

import { lstat, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { isJsonObject } from '../json/json-value'
import { indexFileName } from './store-files'

export interface IndexEntry {
  readonly eventCount: number | null
  readonly lastEventAt: string | null
}

export type StoreIndex =
  | { readonly state: 'ok'; readonly entries: Map<string, IndexEntry>; readonly totalEvents: number | null }
  | { readonly state: 'missing' }
  | { readonly state: 'unreadable'; readonly reason: string }

/** Read and leniently interpret `index.json` in a store directory. Never writes. */
export async function readStoreIndex(dir: string): Promise<StoreIndex> {
  const file = join(dir, indexFileName)
  let text: string
  try {
    if ((await lstat(file)).isSymbolicLink())
      return { state: 'unreadable', reason: 'index.json is a symbolic link; not followed' }
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' }
    return {
      state: 'unreadable',
      reason: `cannot read index.json (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    }
  }
  return parseStoreIndex(text)
}

/** Interpret the text of an index.json in the seed's shape. */
export function parseStoreIndex(text: string): StoreIndex {
  let value: unknown
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    return { state: 'unreadable', reason: `index.json is not valid JSON (${(error as Error).message})` }
  }
  if (!isJsonObject(value) || !isJsonObject(value.aggregates)) {
    return { state: 'unreadable', reason: 'index.json has no "aggregates" object' }
  }
  const entries = new Map<string, IndexEntry>()
  for (const [id, entry] of Object.entries(value.aggregates)) {
    const fields = isJsonObject(entry) ? entry : {}
    entries.set(id, {
      eventCount: typeof fields.event_count === 'number' ? fields.event_count : null,
      lastEventAt: typeof fields.last_event_at === 'string' ? fields.last_event_at : null,
    })
  }
  const totalEvents = typeof value.total_events === 'number' ? value.total_events : null
  return { state: 'ok', entries, totalEvents }
}
