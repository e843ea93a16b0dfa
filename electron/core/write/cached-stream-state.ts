// A stream's state for an append (version, last event id, style, trailing newline) without reading the
// stream again on every append.
//
// Checked with one lstat under the store lock: the same size, mtime and inode as after our last append
// means nobody else wrote, O(1). A stream another program grew is extended from the scan we keep for
// big streams (O(appended bytes), `extendStream`); anything else (replaced, shrunk, a small stream) is
// scanned again, O(stream bytes), as every append used to.

import { lstat } from 'node:fs/promises'
import { StoreError } from '../errors'
import { refusedForWriting } from '../store/regular-file'
import { readEvents } from '../stream/event-reader'
import { extendStream, scanStream, type StreamIndex } from '../stream/stream-index'
import { identityOf, sameIdentity, type FileIdentity } from '../stream-facts/file-identity'
import type { StoreFacts } from '../stream-facts/store-facts'
import type { StreamState } from './stream-state'

export interface CachedStream {
  readonly identity: FileIdentity
  readonly state: StreamState
}

const missing: StreamState = {
  exists: false,
  version: 0,
  lastEventId: null,
  lastEventAt: null,
  style: null,
  endsWithNewline: true,
}

/** Streams smaller than this are scanned again rather than extended: a scan of them is a few reads. */
const keepScanBytes = 256 * 1024
/** Bounds: a light state is ~200 bytes; a kept scan costs 16 bytes per event. */
const maxStreams = 100_000
const maxScans = 16

/** The state of the stream `file` of `aggregateId`, from the cache when the file is as we left it. */
export async function streamStateFor(
  store: StoreFacts,
  file: string,
  aggregateId: string,
): Promise<StreamState> {
  const info = await lstat(file).catch(() => null)
  if (!info) {
    store.streams.delete(aggregateId)
    return missing
  }
  if (!info.isFile()) {
    throw new StoreError('invalid_input', refusedForWriting(`${aggregateId}.events.jsonl`, info))
  }
  const cached = store.streams.get(aggregateId)
  if (cached && sameIdentity(cached.identity, identityOf(info))) {
    touch(store, aggregateId, cached)
    return cached.state
  }
  // The scan kept for a big stream may be behind by our own appends too: extending it reads both.
  let index = store.scans.get(aggregateId) ?? null
  const grown = index !== null && index.fileIno === info.ino && info.size >= index.fileSize
  if (!(grown && index && (await extendStream(index))))
    index = await scanStream(file, aggregateId, { replay: false })
  index = await settleTail(index, file, aggregateId)
  const state = await stateOf(index)
  remember(store, aggregateId, {
    identity: { size: index.fileSize, mtimeMs: index.fileMtimeMs, ino: index.fileIno },
    state,
  })
  store.scans.delete(aggregateId)
  if (index.fileSize >= keepScanBytes) {
    store.scans.set(aggregateId, index)
    if (store.scans.size > maxScans) store.scans.delete(store.scans.keys().next().value as string)
  }
  return state
}

/**
 * Record our append to a stream: `state` is what the stream holds after it, `after` its identity
 * (fstat of the handle we wrote with), `before` the identity it had and `written` the bytes we added.
 *
 * When the size is not `before` plus `written`, another program appended in between: the state is
 * dropped (a kept scan stays, to be extended) and the next append reads what it must.
 */
export function noteAppended(
  store: StoreFacts,
  aggregateId: string,
  state: StreamState,
  before: FileIdentity | null,
  written: number,
  after: FileIdentity,
): void {
  const ours = (before === null || before.ino === after.ino) && (before?.size ?? 0) + written === after.size
  remember(store, aggregateId, {
    identity: ours ? after : { size: -1, mtimeMs: -1, ino: -1 },
    state,
  })
}

/** The identity the cache holds for a stream, if any (taken before an append, to check it after). */
export function cachedIdentity(store: StoreFacts, aggregateId: string): FileIdentity | null {
  return store.streams.get(aggregateId)?.identity ?? null
}

/** Forget a stream (after a failed write, when its state is unknown). */
export function forgetStream(store: StoreFacts, aggregateId: string): void {
  store.streams.delete(aggregateId)
  store.scans.delete(aggregateId)
}

/** How long an unterminated last line may take to get its line feed before it is taken for torn. */
const settleMs = 100

// A last line without its line feed is torn (its writer died) or still being written by another
// program: a reader can see a write half done. Closing it with '\n' before our line in the second case
// leaves a blank line once that writer finishes, and the seed's load_events fails on a blank line
// (it returns no events at all). So wait briefly for the line to complete. O(1) unless the tail is open.
async function settleTail(index: StreamIndex, file: string, aggregateId: string): Promise<StreamIndex> {
  for (let waited = 0; index.committedBytes !== index.fileSize && waited < settleMs; waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10))
    if (!(await extendStream(index))) index = await scanStream(file, aggregateId, { replay: false })
  }
  return index
}

async function stateOf(index: StreamIndex): Promise<StreamState> {
  const [last] = index.eventCount > 0 ? await readEvents(index, index.eventCount, index.eventCount) : []
  return {
    exists: true,
    version: index.eventCount,
    lastEventId: last?.envelope.id ?? null,
    lastEventAt: index.lastEventAt,
    style: index.style,
    // Everything up to the last line feed is committed; bytes after it are an unterminated last line.
    endsWithNewline: index.committedBytes === index.fileSize,
  }
}

function remember(store: StoreFacts, aggregateId: string, entry: CachedStream): void {
  touch(store, aggregateId, entry)
  if (store.streams.size > maxStreams) store.streams.delete(store.streams.keys().next().value as string)
}

function touch(store: StoreFacts, aggregateId: string, entry: CachedStream): void {
  store.streams.delete(aggregateId)
  store.streams.set(aggregateId, entry)
}
