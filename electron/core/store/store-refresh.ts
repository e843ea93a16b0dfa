// Taking in what changed on disk in an open store (the watcher's names, store-watcher.ts): the folder
// listed again, index.json read again if named, and each stream named read again or forgotten. Apart
// from open-store.ts because it is the store's one path for changes after opening; it changes the
// store only through its state (store-state.ts).

import { scanStream, type StreamIndex } from '../stream/stream-index'
import { positionOf } from './aggregate-catalog'
import { readIndexTable } from './index-file'
import { movedEntries } from './store-findings'
import { listStreamFiles, streamFileOf, streamSuffix, type StreamFile } from './store-files'
import { diffIds } from './store-ids'
import { noFolder, type StoreState } from './store-state'
import { appendAll } from '../../../shared/array-ops'

/**
 * Read the files named (stream files or index.json) again after they changed on disk; returns the
 * aggregates whose streams changed. `reread` may supply a cheaper read (extending an open stream).
 */
export async function refreshStore(
  state: StoreState,
  names: Iterable<string>,
  reread?: (stream: StreamFile) => Promise<StreamIndex | null>,
): Promise<string[]> {
  const changed: string[] = []
  // With file types: this listing is the one that says which entries are links.
  const listing = await listStreamFiles(state.dir)
  const before = state.listed
  state.skippedLinks.length = 0
  appendAll(state.skippedLinks, listing.skippedLinks)
  state.skippedOthers.length = 0
  appendAll(state.skippedOthers, listing.skippedOthers)
  state.listed = listing.streams.map((stream) => stream.aggregateId)
  const skipped = [...idsOf(listing.skippedLinks), ...idsOf(listing.skippedOthers)]
  state.listing = { folder: noFolder, ids: [...state.listed, ...skipped].sort() }
  const wanted = new Set(names)
  // Streams that came or went without a file event of their own are taken in too.
  const { added, removed } = diffIds(before, state.listed)
  for (const id of [...added, ...removed]) wanted.add(`${id}${streamSuffix}`)
  if (wanted.has('index.json')) {
    const previous = state.entries()
    state.takeIndex(await readIndexTable(state.dir))
    // A writer updates the index after each append, so an entry that moved names a stream that grew,
    // even where file events are not delivered and only the poll noticed.
    for (const id of movedEntries(previous, state.entries())) {
      state.catalog.changed(id)
      if (state.isListed(id)) wanted.add(`${id}${streamSuffix}`)
    }
    wanted.delete('index.json')
  }
  state.updateIds()
  for (const name of wanted) {
    if (!name.endsWith(streamSuffix)) continue
    const aggregateId = name.slice(0, -streamSuffix.length)
    if (state.isListed(aggregateId)) {
      const stream = { aggregateId, file: streamFileOf(state.dir, aggregateId) }
      const fresh = await reread?.(stream).catch(() => null)
      if (fresh) state.takeScan(fresh)
      else await readStream(state, stream)
      changed.push(aggregateId)
    } else if (state.forget(aggregateId, positionOf(before, aggregateId) >= 0)) {
      changed.push(aggregateId)
    }
  }
  return changed
}

async function readStream(state: StoreState, stream: StreamFile): Promise<void> {
  try {
    state.takeScan(await scanStream(stream.file, stream.aggregateId, { replay: false }))
  } catch (error) {
    state.markUnreadable(stream.aggregateId, (error as NodeJS.ErrnoException).code ?? 'error')
  }
}

function idsOf(names: readonly string[]): string[] {
  return names.map((name) => name.slice(0, -streamSuffix.length))
}
