// `eventscope repair`: the only operation that ever changes a stream, and all it does is cut a torn
// last line (a writer that died mid-append), after copying the stream to a backup next to it.
//
// A malformed line in the middle of a stream is never removed: Kafka truncates a log after its first
// bad batch, but these files belong to another program, and deleting its data is not ours to decide.

import { constants } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { kindOf, NotRegularFileError } from '../store/regular-file'
import { listStreamFiles } from '../store/store-files'
import { scanStream, type StreamIndex } from '../stream/stream-index'
import { syncDirectory } from '../write/durable-file'
import { findLeftoverTemps, removeLeftoverTemps } from '../write/leftover-temps'
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
  /** Leftover `.index.json.*.tmp` files of killed writers removed (a dry run: that would be). */
  readonly removedTemps: string[]
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
    // Under the lock (not for a dry run, which only names them): no live writer owns one.
    const removedTemps = options.dryRun ? await findLeftoverTemps(dir) : await removeLeftoverTemps(dir)
    return { dryRun: options.dryRun, actions, leftAlone, removedTemps }
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
// original stream or the cut stream with its backup, never neither. The stream is opened once, without
// following a link and only if it is a regular file, and both the backup and the cut go through that
// descriptor: a link swapped in after the scan cannot aim the cut at a file outside the store.
async function cutTail(file: string, backup: string, length: number): Promise<void> {
  const handle = await open(
    file,
    constants.O_RDWR | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0),
  )
  try {
    const info = await handle.stat()
    if (!info.isFile()) throw new NotRegularFileError(file, kindOf(info))
    await copyInto(handle, info.size, backup, info.mode & 0o777)
    await syncDirectory(dirname(file))
    await handle.truncate(length)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

async function copyInto(source: FileHandle, size: number, target: string, mode: number): Promise<void> {
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0)
  const out = await open(target, flags, mode)
  try {
    const buffer = Buffer.allocUnsafe(Math.min(size, 1024 * 1024) || 1)
    for (let position = 0; position < size;) {
      const { bytesRead } = await source.read(buffer, 0, Math.min(buffer.length, size - position), position)
      if (bytesRead === 0) break
      await out.write(buffer, 0, bytesRead, position)
      position += bytesRead
    }
    await out.sync()
  } finally {
    await out.close()
  }
}
