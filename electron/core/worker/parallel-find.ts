// A cold search of a big stream on every core: its terminated lines cut into pieces (chunked-scan.ts),
// which the threads claim one after another as each gets free (scan/find-pieces.ts): worker threads,
// and the main thread too where it has nothing else to do (the CLI). In each piece the lines that cannot
// match are only counted, checked byte by byte (scan/find-chunk.ts); the pieces are then joined in order
// so every candidate's version is exact, and the candidates parsed and tested here. Without it, a search
// with no count to trust checks every line on one thread.

import { stat } from 'node:fs/promises'
import type { EnvelopeStyle, Problem } from '../../../shared/contract'
import { findInRange, type FoundChunk } from '../scan/find-chunk'
import { searchClaimedPieces, type ClaimedPieces } from '../scan/find-pieces'
import type { Needle } from '../scan/needle-finder'
import type { ScannedEvent } from '../scan/scan-lines'
import { planChunks } from '../stream/chunked-scan'
import { readEnvelope } from '../stream/envelope'
import { judgeLine } from '../stream/line-verdict'
import { StoreError } from '../errors'
import { runTask, workerThresholds } from './run-task'
import type { WorkerMessage } from './worker-protocol'

export interface ParallelFind {
  readonly aggregateId: string
  readonly style: EnvelopeStyle
  readonly needles: readonly (readonly Needle[])[]
  readonly test: (event: ScannedEvent) => boolean
  readonly signal?: AbortSignal | undefined
  readonly onBytes?: ((bytes: number) => void) | undefined
  /** Each line that passes the needles but holds no event, numbered from the file's start. */
  readonly onNoEvent?: ((problem: Problem) => void) | undefined
}

/** Pieces per thread: enough that a thread started late or slowed down leaves little for the others. */
const piecesPerThread = 8
/** Pieces are at least this big, so opening one (a file open and a first read) stays negligible. */
const minPieceBytes = 4 * 1024 * 1024

/**
 * Every event of the stream that passes the test, in order, with exact versions; null when the file
 * cannot be cut in two or more pieces (the caller searches it whole).
 *
 * O(file bytes / threads) wall time on idle cores, plus O(candidates) parsing here.
 */
export async function findInParallel(
  file: string,
  threads: number,
  find: ParallelFind,
): Promise<ScannedEvent[] | null> {
  const { size } = await stat(file)
  const count = Math.max(2, Math.min(threads * piecesPerThread, Math.floor(size / minPieceBytes)))
  const pieces = await planChunks(file, count)
  if (pieces.length < 2) return null
  const stop = new AbortController()
  const outer = find.signal
  const abort = (): void => stop.abort(outer?.reason)
  outer?.addEventListener('abort', abort, { once: true })
  const work: ClaimedPieces = {
    file,
    pieces,
    claims: new Int32Array(new SharedArrayBuffer(4)),
    style: find.style,
    needles: find.needles,
  }
  const found: FoundChunk[] = []
  const onFound = (piece: number, chunk: FoundChunk): void => {
    found[piece] = chunk
    const plan = pieces[piece] as { from: number; until: number }
    find.onBytes?.(plan.until - plan.from)
  }
  try {
    const here = workerThresholds().mainThreadSearches
    const workers = Array.from({ length: here ? threads - 1 : threads }, () => onWorker(work, onFound, stop))
    const mine = here ? searchClaimedPieces(work, onFound, stop.signal) : Promise.resolve()
    await Promise.all([mine.catch((error: unknown) => failed(stop, error)), ...workers])
    const parts = pieces.map((_, piece) => {
      const part = found[piece]
      if (!part)
        throw new StoreError('internal', `Searching a piece of ${find.aggregateId} ended without a result`)
      return part
    })
    // What follows the last terminated line: a last line without a line feed, or bytes appended since.
    const from = (pieces.at(-1) as { until: number }).until
    const rest = await findInRange(file, { from }, find.style, find.needles, outer)
    find.onBytes?.(rest.consumed - from)
    return joined([...parts, rest], find)
  } catch (error) {
    throw outer?.aborted ? outer.reason : error
  } finally {
    outer?.removeEventListener('abort', abort)
  }
}

// One worker thread claiming pieces until none is left; its failure stops the others.
async function onWorker(
  work: ClaimedPieces,
  onFound: (piece: number, chunk: FoundChunk) => void,
  stop: AbortController,
): Promise<void> {
  let error: Error | null = null
  const onMessage = (message: WorkerMessage): void => {
    if (message.kind === 'found') onFound(message.piece, message.chunk)
    else if (message.kind === 'failed')
      error = Object.assign(new Error(message.message), { code: message.code })
  }
  const task = { kind: 'find-pieces', ...work } as const
  await runTask(task, { signal: stop.signal, offThread: true, onMessage }).catch((cause: unknown) =>
    failed(stop, cause),
  )
  if (error) failed(stop, error)
}

// Stop the other threads searching the stream, and fail with `error`.
function failed(stop: AbortController, error: unknown): never {
  stop.abort(error)
  throw error
}

// The candidates of every range in order, with versions and line numbers counted from the file's start.
function joined(parts: readonly FoundChunk[], find: ParallelFind): ScannedEvent[] {
  const matches: ScannedEvent[] = []
  let events = 0
  let lines = 0
  for (const part of parts) {
    // Numbered in the range: from the file's start, as a one-pass reader numbers them.
    for (const problem of part.noEvent)
      find.onNoEvent?.({ ...problem, line: problem.line === null ? null : lines + problem.line })
    for (let k = 0; k < part.texts.length; k++) {
      const text = part.texts[k] as string
      const bytes = Buffer.from(text, 'utf8')
      const line = lines + (part.lineNumbers[k] as number)
      const offset = part.offsets[k] as number
      const span = {
        buffer: bytes,
        start: 0,
        end: bytes.length,
        line,
        lineOffset: offset,
        contentOffset: offset,
        terminated: true,
      }
      const verdict = judgeLine(span, find.style)
      if (verdict.event === null) continue
      const { value, text: raw } = verdict.event
      const event: ScannedEvent = {
        aggregateId: find.aggregateId,
        version: events + (part.before[k] as number) + 1,
        line,
        offset,
        length: bytes.length,
        raw,
        value,
        style: find.style,
        envelope: readEnvelope(value, find.style),
      }
      if (find.test(event)) matches.push(event)
    }
    events += part.events
    lines += part.lines
  }
  return matches
}
