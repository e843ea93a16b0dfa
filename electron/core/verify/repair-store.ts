// `eventscope repair`: the only operation that ever changes a stream, and all it does is cut a torn
// last line (a writer that died mid-append), after copying the stream to a backup next to it.
//
// A malformed line in the middle of a stream is never removed: Kafka truncates a log after its first
// bad batch, but these files belong to another program, and deleting its data is not ours to decide.

import { constants } from 'node:fs'
import { copyFile, open } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { listStreamFiles } from '../store/store-files'
import { scanStream, type StreamIndex } from '../stream/stream-index'
import { syncDirectory } from '../write/durable-file'
import { withStoreLock } from '../write/store-lock'

export interface RepairAction {
  readonly aggregateId: string
  readonly file: string
  readonly kind: 'cut_torn_tail'
  /** The torn line starts here; the file is cut to this length. */
  readonly cutAt: number
  readonly bytesRemoved: number
  readonly line: number
  readonly backup: string
}

export interface RepairReport {
  readonly dryRun: boolean
  readonly actions: RepairAction[]
  /** Bad lines inside streams that repair leaves alone, for the user to look at. */
  readonly leftAlone: LeftAlone[]
}

export interface LeftAlone {
  readonly aggregateId: string
  readonly file: string
  readonly line: number
  readonly kind: string
  readonly message: string
}

/**
 * Plan (dryRun) or carry out the repair of a store, under the store lock. O(store bytes). A dry run
 * stops when `signal` is aborted (rejecting with its reason); a repair does not, since the cuts it has
 * made by then must be reported.
 */
export async function repairStore(
  dir: string,
  options: { dryRun: boolean; now?: Date; signal?: AbortSignal },
): Promise<RepairReport> {
  const signal = options.dryRun ? options.signal : undefined
  const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-')
  const work = async (): Promise<RepairReport> => {
    const actions: RepairAction[] = []
    const leftAlone: RepairReport['leftAlone'] = []
    for (const stream of (await listStreamFiles(dir)).streams) {
      signal?.throwIfAborted()
      const scan = await scanStream(stream.file, stream.aggregateId, { replay: false }, { signal })
      const tail = tornTail(scan)
      for (const problem of scan.problems) {
        if (problem.severity === 'error' && problem !== tail?.problem && problem.line !== null) {
          leftAlone.push({
            aggregateId: stream.aggregateId,
            file: basename(stream.file),
            line: problem.line,
            kind: problem.kind,
            message: problem.message,
          })
        }
      }
      if (!tail) continue
      const action: RepairAction = {
        aggregateId: stream.aggregateId,
        file: basename(stream.file),
        kind: 'cut_torn_tail',
        cutAt: tail.cutAt,
        bytesRemoved: scan.fileSize - tail.cutAt,
        line: tail.line,
        backup: `${basename(stream.file)}.bak-${stamp}`,
      }
      if (!options.dryRun) await cutTail(stream.file, `${stream.file}.bak-${stamp}`, tail.cutAt)
      actions.push(action)
    }
    return { dryRun: options.dryRun, actions, leftAlone }
  }
  return options.dryRun ? work() : withStoreLock(dir, work)
}

function tornTail(
  scan: StreamIndex,
): { cutAt: number; line: number; problem: StreamIndex['problems'][number] } | null {
  const problem = scan.problems.find((candidate) => candidate.kind === 'torn_tail')
  if (!problem || problem.offset === null || problem.line === null) return null
  return { cutAt: problem.offset, line: problem.line, problem }
}

// Backup first (never overwriting one), fsync'd, then cut and fsync: a crash leaves either the
// original stream or the cut stream with its backup, never neither.
async function cutTail(file: string, backup: string, length: number): Promise<void> {
  await copyFile(file, backup, constants.COPYFILE_EXCL)
  const backupHandle = await open(backup, 'r+')
  try {
    await backupHandle.sync()
  } finally {
    await backupHandle.close()
  }
  await syncDirectory(dirname(file))
  const handle = await open(file, 'r+')
  try {
    await handle.truncate(length)
    await handle.sync()
  } finally {
    await handle.close()
  }
}
