// Whether a directory holds an event store, and which of its subfolders do: a folder that is not a
// store (a service's `data/` above `data/events`) should say so and point one level down, not open as
// a healthy empty store.

import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { existingStoreReason } from '../write/init-store'

/** Subfolders looked into at most: a folder of thousands of subfolders costs bounded time. */
const maxSubfolders = 500
/** Stores offered at most. */
const maxStores = 20

/** Whether `dir` holds a store: an index.json or a stream file directly in it. */
export async function holdsStore(dir: string): Promise<boolean> {
  const names = await readdir(dir).catch(() => [] as string[])
  return existingStoreReason(names) !== null
}

/**
 * The subfolders of `dir` that hold a store, sorted by name (symbolic links are not followed).
 * Cost: one listing of `dir` and one of each of its first 500 subfolders.
 */
export async function storesOneLevelDown(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  const folders = entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort()
    .slice(0, maxSubfolders)
  const found: string[] = []
  for (const name of folders) {
    if (await holdsStore(join(dir, name))) found.push(join(dir, name))
    if (found.length === maxStores) break
  }
  return found
}
