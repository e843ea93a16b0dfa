// A new, empty store: the directory and the index.json the seed's EventStore starts with. Appending
// never creates a store (a typo in a path must not become one); this is the one place that does.

import { constants } from 'node:fs'
import { mkdir, open, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { StoreError } from '../errors'
import { pythonJsonDumps } from '../gen/python-json'
import { indexFileName, streamSuffix } from '../store/store-files'
import { syncDirectory } from './durable-file'
import { statIfPresent } from '../store/stat-if-present'

/** `json.dump({"aggregates": {}, "total_events": 0}, f)` as the seed's `_initialize_index` writes it. */
export const initialIndexText = pythonJsonDumps({ aggregates: {}, total_events: 0 })

/** Why a directory with these entries already holds a store, or null when it does not. */
export function existingStoreReason(entries: readonly string[]): string | null {
  const streams = entries.filter((name) => name.endsWith(streamSuffix)).length
  const index = entries.includes(indexFileName)
  if (streams === 0 && !index) return null
  const parts = [
    ...(index ? [indexFileName] : []),
    ...(streams > 0 ? [`${streams} *${streamSuffix} file${streams === 1 ? '' : 's'}`] : []),
  ]
  return `it already holds an event store (${parts.join(', ')})`
}

/** Create `dir` (and its parents) holding the seed's initial index.json. Refuses a directory that holds a store. */
export async function initStore(dir: string): Promise<{ dir: string; created: boolean }> {
  const info = await statIfPresent(dir)
  if (info && !info.isDirectory()) throw new StoreError('invalid_input', `Not a directory: ${dir}`)
  if (info) {
    const reason = existingStoreReason(await readdir(dir))
    if (reason) throw new StoreError('invalid_input', `Refusing to initialize ${dir}: ${reason}`)
  }
  await mkdir(dir, { recursive: true })
  // O_EXCL: an index.json another program wrote since the check is never replaced.
  const handle = await open(
    join(dir, indexFileName),
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL,
    0o644,
  ).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EEXIST')
      throw new StoreError(
        'invalid_input',
        `Refusing to initialize ${dir}: it already holds an event store (index.json)`,
      )
    throw error
  })
  try {
    await handle.writeFile(initialIndexText, 'utf8')
    await handle.sync()
  } finally {
    await handle.close()
  }
  await syncDirectory(dir)
  return { dir, created: info === null }
}
