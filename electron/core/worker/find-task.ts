// The find-pieces task: claim pieces of a big stream and search them (scan/find-pieces.ts), each one's
// candidates posted as `found`, then `done`. A module of its own so the stream worker loads the search
// code only (stream-worker.ts), not the scanner, checks and cache code of the other tasks: a worker
// boots beside a search that has already begun, so its load is time the search runs a thread short.

import { revivedNeedles } from '../scan/find-chunk'
import { searchClaimedPieces } from '../scan/find-pieces'
import type { WorkerTask } from './worker-protocol'
import type { Post } from './worker-tasks'

/** Search pieces until none is left. O(bytes of the pieces claimed). */
export async function findPiecesTask(
  task: Extract<WorkerTask, { kind: 'find-pieces' }>,
  post: Post,
  signal?: AbortSignal,
): Promise<void> {
  const work = { ...task, needles: revivedNeedles(task.needles) }
  await searchClaimedPieces(work, (piece, chunk) => post({ kind: 'found', piece, chunk }), signal)
  await post({ kind: 'done' })
}
