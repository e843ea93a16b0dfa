// What a store directory holds: its stream files and its index. Anything else (temp files, lock
// folders, backups, subfolders) is left alone: never parsed, never touched.

import { readdir } from 'node:fs/promises'
import { join } from 'node:path'

export const streamSuffix = '.events.jsonl'
export const indexFileName = 'index.json'

export interface StreamFile {
  readonly aggregateId: string
  readonly file: string
}

export interface StoreListing {
  readonly streams: StreamFile[]
  /** Stream-named entries we refuse to read: symbolic links may point outside the store. */
  readonly skippedLinks: string[]
}

/** List the stream files of a store directory, sorted by aggregate id. One readdir; no file is opened. */
export async function listStreamFiles(dir: string): Promise<StoreListing> {
  const entries = await readdir(dir, { withFileTypes: true })
  const streams: StreamFile[] = []
  const skippedLinks: string[] = []
  for (const entry of entries) {
    if (!entry.name.endsWith(streamSuffix) || entry.name.length === streamSuffix.length) continue
    if (entry.isSymbolicLink()) skippedLinks.push(entry.name)
    else if (entry.isFile()) {
      streams.push({ aggregateId: entry.name.slice(0, -streamSuffix.length), file: join(dir, entry.name) })
    }
  }
  streams.sort((a, b) => (a.aggregateId < b.aggregateId ? -1 : a.aggregateId > b.aggregateId ? 1 : 0))
  return { streams, skippedLinks }
}
