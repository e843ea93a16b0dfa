// index.json for a long import (`eventscope copy` into a directory): streams are written batch by
// batch as any append writes them (locked, each stream fsync'd), and index.json is settled now and
// then instead of after every batch.
//
// Why: index.json is one file listing every stream, so rewriting it per batch makes a copy of S
// streams cost O(S²) (20,000 small streams: minutes of index writes). It is settled when the streams
// waiting for their entries reach a quarter of those it lists (at least `minPending`), and when the
// import ends: the index grows by at least a quarter between writes, so the writes add up to O(total)
// (at most ~5 times the final index). In between, index.json lags the streams it has not settled, as
// it does after an append whose index write failed; readers trust the streams and report the lag. A
// copy stopped there (killed, say) leaves that lag; the copy run again finds those streams already
// there, names them with `found`, and settles them.
//
// Settling holds the store lock and takes each stream's state from the stream itself (a stat when it
// is as this process left it), so an append another writer made meanwhile is counted, not undone.
// The same for the listing of ids a new stream must not be the case-twin of: taken again after each
// settle, not per batch.

import { join } from 'node:path'
import { indexFileName, streamSuffix } from '../store/store-files'
import { storeFacts } from '../stream-facts/store-facts'
import { unsafeAggregateIdReason } from './aggregate-id'
import { appendEvents, type BatchResult, type Twins } from './append-batch'
import type { BatchRequest } from './append-request'
import { streamStateFor } from './cached-stream-state'
import { replaceDurably } from './durable-file'
import { loadIndex, rememberIndex } from './index-cache'
import { newIndexText, type IndexChange } from './index-update'
import { countStreams } from './store-scan'
import { withStoreLock } from './store-lock'

/** Streams left waiting for their entries before a settle, whatever the size of the index. */
const minPending = 1000

/** Batches appended to one store with index.json settled now and then; `settle` when done. */
export class DeferredIndex {
  private readonly pending = new Set<string>()
  private readonly twins: { current: Twins | null } = { current: null }
  /** Entries index.json listed at the last settle. */
  private listed = 0

  constructor(private readonly dir: string) {}

  /** Append one batch (as appendEvents does, without index.json), settling when enough waits. */
  async append(requests: readonly BatchRequest[]): Promise<BatchResult> {
    // Named before writing: a batch that fails half-way may have written some of its streams.
    for (const request of requests) this.wait(request.aggregateId)
    const result = await appendEvents(this.dir, requests, { deferIndex: true, twins: this.twins })
    await this.settleIfDue()
    return result
  }

  /** A stream found already written (by a run stopped before it settled): its entry is checked too. */
  async found(streamId: string): Promise<void> {
    this.wait(streamId)
    await this.settleIfDue()
  }

  /** Write the waiting streams' entries into index.json (nothing when it already says so). */
  async settle(): Promise<void> {
    if (this.pending.size === 0) return
    const ids = [...this.pending]
    this.pending.clear()
    this.twins.current = null
    this.listed = await withStoreLock(this.dir, () => settleEntries(this.dir, ids))
  }

  // Only an id that names a file of this store is ever looked up (a refused one writes nothing).
  private wait(streamId: string): void {
    if (unsafeAggregateIdReason(streamId) === null) this.pending.add(streamId)
  }

  private async settleIfDue(): Promise<void> {
    if (this.pending.size >= Math.max(minPending, Math.ceil(this.listed / 4))) await this.settle()
  }
}

// Under the lock: each stream's count and last time from the stream, into index.json in one write.
// Returns how many entries the index lists. O(index size) plus a stat (or a scan) per stream.
async function settleEntries(dir: string, ids: readonly string[]): Promise<number> {
  const store = storeFacts(dir)
  const file = join(dir, indexFileName)
  const index = await loadIndex(store, dir)
  if (index === null) {
    // No index.json: one listing only these streams would be a lie about the store; count them all.
    const entries = await countStreams(dir)
    await replaceDurably(file, newIndexText(entries))
    return entries.length
  }
  const changes: IndexChange[] = []
  for (const aggregateId of ids) {
    const state = await streamStateFor(store, join(dir, `${aggregateId}${streamSuffix}`), aggregateId)
    // A stream not there (a batch refused before writing it) gets no entry.
    if (state.exists) changes.push({ aggregateId, eventCount: state.version, lastEventAt: state.lastEventAt })
  }
  const before = index.text
  const text = index.apply(changes)
  // A copy run again over a settled store writes nothing.
  if (text === before) return index.size
  // Dropped first: if the write fails, the cached layout (already changed) must not be reused.
  store.index = null
  await replaceDurably(file, text)
  await rememberIndex(store, dir, index)
  return index.size
}
