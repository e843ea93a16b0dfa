// A big stream's pieces searched by whichever thread is free: each thread (a worker, and in the CLI the
// main thread too) claims the next piece with one atomic add on a counter they share, searches it
// (find-chunk.ts) and claims again until none is left. A thread that started late (a worker boots in
// tens of milliseconds) or runs slowly (a busy machine) simply takes fewer pieces, so no thread waits
// idle for another's half of the file, as fixed halves did.

import type { EnvelopeStyle } from '../../../shared/contract'
import type { ChunkPlan } from '../stream/chunked-scan'
import { findInRange, type FoundChunk } from './find-chunk'
import type { Needle } from './needle-finder'

/** Pieces to search, and the counter (an Int32Array of one, on a SharedArrayBuffer) that hands them out. */
export interface ClaimedPieces {
  readonly file: string
  readonly pieces: readonly ChunkPlan[]
  readonly claims: Int32Array
  readonly style: EnvelopeStyle
  readonly needles: readonly (readonly Needle[])[]
}

/**
 * Claim and search pieces until none is left, handing each one's result to `onFound` as it ends.
 * O(bytes of the pieces claimed).
 */
export async function searchClaimedPieces(
  work: ClaimedPieces,
  onFound: (piece: number, chunk: FoundChunk) => void | Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  for (;;) {
    signal?.throwIfAborted()
    const piece = Atomics.add(work.claims, 0, 1)
    const plan = work.pieces[piece]
    if (plan === undefined) return
    // Each piece ends just after a line feed; what follows the last one is read by the caller.
    // A thread claiming pieces does nothing else meanwhile: its reads may block it (line-reader.ts).
    const range = { from: plan.from, until: plan.until, skipTail: true, syncReads: true }
    await onFound(piece, await findInRange(work.file, range, work.style, work.needles, signal))
  }
}
