// Copying every stream of one source into another with event ids, types, times, order and payload
// bytes kept: how a store moves between a directory and a database (eventscope copy).
//
// Resumable and idempotent without any state of its own: for each stream it reads what the
// destination already holds and checks, event by event, that it is the source's beginning (same id,
// same type); then it imports only the rest, a batch at a time, each batch in one transaction or lock
// hold with the destination's expected version checked. Stopped at any point, a run again continues
// where the last batch ended; run again after it finished, it writes nothing. A stream whose
// destination holds something else is left as it is and reported, and the others are copied; so is
// the rest of a stream from a row whose payload or metadata cannot be read (never written as {}).
//
// Cost: both stores read once (the destination only as far as it holds the stream), the destination
// written once; memory holds one batch and one destination window per stream at a time. What a
// destination keeps besides the events (a directory's index.json) it settles now and then
// (`settleImports`, write/deferred-index.ts), and at the end, also when the copy stops.

import { StoreError } from '../errors'
import type { ImportedEvent, Source, SourceEvent, StreamSummary } from './source'
import { BatchCursor } from './batch-cursor'

/** Events per import: a transaction (or lock hold) of this many. */
const importBatch = 1000
/** Streams asked of the source's listing at a time. */
const listPage = 500

export interface CopyProgress {
  /** Streams looked at so far (copied, already there or refused). */
  readonly streams: number
  /** Events written by this run. */
  readonly copied: number
  /** Events found already in the destination (an earlier run's). */
  readonly already: number
}

/** A stream left as it was because the destination holds something else. */
export interface CopyConflict {
  readonly streamId: string
  readonly reason: string
}

/**
 * A stream copied whose source skips versions (an Eventuous stream truncated, archived rows): its rows
 * are copied in order, and the destination numbers them from 1 without gaps, so their versions move.
 */
export interface CopyRenumbered {
  readonly streamId: string
  readonly note: string
}

export interface CopyResult extends CopyProgress {
  readonly conflicts: readonly CopyConflict[]
  readonly renumbered: readonly CopyRenumbered[]
}

export interface CopyOptions {
  readonly signal?: AbortSignal
  /** After each batch and stream. */
  readonly onProgress?: (progress: CopyProgress) => void
}

/** Copy every stream of `from` into `to`; throws a one-line StoreError when `to` cannot be written. */
export async function copyStore(from: Source, to: Source, options: CopyOptions = {}): Promise<CopyResult> {
  const importEvents = to.importEvents?.bind(to)
  if (importEvents === undefined)
    throw new StoreError('unsupported', `${to.displayName} cannot be written by a copy${noteOf(to)}`)
  const totals = { streams: 0, copied: 0, already: 0 }
  const conflicts: CopyConflict[] = []
  const renumbered: CopyRenumbered[] = []
  let after: string | undefined
  try {
    do {
      const page = await from.listStreams({ sort: 'id', limit: listPage, ...(after ? { after } : {}) })
      for (const stream of page.streams) {
        options.signal?.throwIfAborted()
        const gaps: Gaps = { missing: 0, first: 0, rows: 0 }
        const conflict = await copyStream(from, to, stream, importEvents, totals, options, gaps)
        if (conflict !== null) conflicts.push({ streamId: stream.id, reason: conflict })
        else if (gaps.missing > 0) renumbered.push({ streamId: stream.id, note: renumberedNote(gaps) })
        totals.streams++
        options.onProgress?.({ ...totals })
      }
      after = page.next ?? undefined
    } while (after !== undefined)
  } catch (error) {
    // Stopped (Ctrl-C, a failure): what was written is still settled, so the store is whole as far as
    // the copy went; the stop is what is reported.
    await to.settleImports?.().catch(() => {})
    throw error
  }
  await to.settleImports?.()
  return { ...totals, conflicts, renumbered }
}

type Import = NonNullable<Source['importEvents']>

/** The source's versions without rows in one stream, as its rows were copied. */
interface Gaps {
  missing: number
  /** The first version without a row (0: none). */
  first: number
  rows: number
}

// Why a stream copied with gaps in its source's versions is numbered otherwise in the copy.
function renumberedNote(gaps: Gaps): string {
  const have = gaps.missing === 1 ? 'has' : 'have'
  return `${count(gaps.missing, 'version')} ${have} no row in the source (the first: version ${gaps.first}); the copy numbers its ${count(gaps.rows, 'row')} 1-${gaps.rows}`
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`
}

// One stream: check what the destination holds against the source's beginning, then import the rest,
// counting the source's versions without rows in `gaps`. Returns why the stream was left alone, or null.
async function copyStream(
  from: Source,
  to: Source,
  stream: StreamSummary,
  importEvents: Import,
  totals: { streams: number; copied: number; already: number },
  options: CopyOptions,
  gaps: Gaps,
): Promise<string | null> {
  const held = (await to.stream(stream.id))?.eventCount ?? 0
  // An earlier run may have stopped before the destination settled what it wrote (index.json).
  if (held > 0) await to.importFound?.(stream.id)
  const there = held > 0 ? new BatchCursor(to.streamEvents(stream.id, 0, options.signal)) : null
  // A directory's inferred type is a guess, not a stream type: the destination derives its own then.
  const streamType = from.kind === 'jsonl' ? null : stream.type
  let version = held
  let pending: ImportedEvent[] = []
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return
    const events = pending
    pending = []
    await importEvents({ streamId: stream.id, streamType, expectedVersion: version, events })
    version += events.length
    totals.copied += events.length
    options.onProgress?.({ ...totals })
  }
  try {
    let seen = 0
    for await (const batch of from.streamEvents(stream.id, 0, options.signal)) {
      for (const event of batch) {
        // Versions the source counts without rows before this one (truncated, archived).
        if (event.version > gaps.rows + gaps.missing + 1) {
          if (gaps.missing === 0) gaps.first = gaps.rows + 1
          gaps.missing += event.version - (gaps.rows + gaps.missing + 1)
        }
        gaps.rows++
        seen++
        if (seen <= held) {
          const differs = differenceAt(event, await (there as BatchCursor).next())
          if (differs !== null) return differs
          totals.already++
          continue
        }
        if (event.type === null) return `its event ${event.version} has no type, which a copy cannot make up`
        const problem = event.problems?.[0]
        if (problem) {
          // What is stored cannot be read, so it cannot be written as it is: the stream is copied up
          // to the row, which a run after the row is mended continues from.
          await flush()
          return `from version ${event.version} on, whose row cannot be read as stored: ${problem.cause}`
        }
        pending.push(importedOf(event))
        if (pending.length >= importBatch) await flush()
      }
    }
    if (seen < held) return `the destination holds ${held} events, the source only ${seen}`
    await flush()
    return null
  } catch (error) {
    // The destination refusing this stream (an id that cannot be a file name, an event it cannot
    // hold) leaves it out, said in one line; the other streams are still copied.
    if (error instanceof StoreError && error.code === 'invalid_input') return error.message.replace(/\.$/, '')
    throw error
  } finally {
    await there?.close()
  }
}

// Why the destination's event is not the source's at the same version, or null when it is.
function differenceAt(source: SourceEvent, held: SourceEvent | null): string | null {
  const at = `version ${source.version}`
  if (held === null) return `the destination's events end before ${at}`
  if (source.id !== null && held.id !== source.id)
    return `the destination's event at ${at} has id ${JSON.stringify(held.id)}, the source's ${JSON.stringify(source.id)}`
  if (held.type !== source.type)
    return `the destination's event at ${at} is a ${JSON.stringify(held.type)}, the source's a ${JSON.stringify(source.type)}`
  return null
}

/** A source's event as an import writes it: nothing made new, the payload's own text kept. */
export function importedOf(event: SourceEvent): ImportedEvent {
  if (event.type === null)
    throw new StoreError(
      'invalid_input',
      `event ${event.version} of ${JSON.stringify(event.streamId)} has no type; a copy keeps types and cannot make one up`,
    )
  return {
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt,
    payload: event.payload,
    payloadText: event.payloadText ?? event.raw,
    metadata: event.metadata,
  }
}

function noteOf(source: Source): string {
  return source.capabilities.note === null ? '' : ` (${source.capabilities.note})`
}
