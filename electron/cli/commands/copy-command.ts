// `eventscope copy SRC DST`: both stores opened as Sources, copy-store.ts does the work; progress on
// stderr, the core's one-line errors as the CLI's.

import { copyStore, type CopyProgress, type CopyResult } from '../../core/source/copy-store'
import { openSource } from '../../core/source/open-source'
import type { Source } from '../../core/source/source'
import { StoreError } from '../../core/errors'
import { CliError } from '../cli-error'
import type { CliIo } from '../cli-io'
import type { CopyCommand } from '../descriptors/copy'

/** Milliseconds between progress lines on a stderr that is not a terminal (a log). */
const logEveryMs = 2000

export async function runCopy(command: CopyCommand, io: CliIo): Promise<number> {
  const from = await open(command.from)
  try {
    // The destination is written to: a SQLite file is opened read-only unless asked.
    const to = await open(command.to, true)
    try {
      // Ctrl-C stops between batches: every batch written is whole, and a second run goes on from it.
      const controller = new AbortController()
      const cancel = (): void => controller.abort()
      process.once('SIGINT', cancel)
      const result = await copyStore(from, to, {
        signal: controller.signal,
        onProgress: progressReporter(io),
      })
        .catch((error: unknown) => {
          if (controller.signal.aborted)
            throw new CliError('copy cancelled; what was copied stays, run it again to go on', 130)
          throw cliError(error)
        })
        .finally(() => process.off('SIGINT', cancel))
      io.progress?.(null)
      await io.out(command.json ? `${JSON.stringify(result, null, 2)}\n` : `${summary(result, from, to)}\n`)
      for (const conflict of command.json ? [] : result.conflicts)
        io.err(`not copied: ${JSON.stringify(conflict.streamId)}: ${conflict.reason}`)
      // Copied, but under other versions: said, so a version looked up in the copy is not a surprise.
      for (const moved of command.json ? [] : result.renumbered)
        io.err(`renumbered: ${JSON.stringify(moved.streamId)}: ${moved.note}`)
      return result.conflicts.length > 0 ? 1 : 0
    } finally {
      await to.close()
    }
  } finally {
    await from.close()
  }
}

async function open(address: string, writable = false): Promise<Source> {
  try {
    return await openSource(address, { writable })
  } catch (error) {
    throw cliError(error)
  }
}

function summary(result: CopyResult, from: Source, to: Source): string {
  const already = result.already > 0 ? ` (${count(result.already, 'event')} already there)` : ''
  return `copied ${count(result.copied, 'event')} of ${count(result.streams, 'stream')} from ${from.displayName} to ${to.displayName}${already}`
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`
}

// On a terminal one line redrawn in place; in a log a line every two seconds.
function progressReporter(io: CliIo): (progress: CopyProgress) => void {
  // A copy done within the first interval logs nothing but its result.
  let last = Date.now()
  return (progress) => {
    const line = `copying: ${count(progress.streams, 'stream')} done, ${count(progress.copied, 'event')} copied, ${count(progress.already, 'event')} already there`
    if (io.progress) {
      io.progress(line)
      return
    }
    const now = Date.now()
    if (now - last < logEveryMs) return
    last = now
    io.err(line)
  }
}

// The core's one-line StoreError as the CLI's failure, its message as it is.
function cliError(error: unknown): unknown {
  if (!(error instanceof StoreError)) return error
  return new CliError(error.message.replace(/\.$/, ''), error.code === 'version_conflict' ? 3 : 1, error.code)
}
