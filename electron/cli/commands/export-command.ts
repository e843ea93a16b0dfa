// `eventscope export DIR [AGGREGATE_ID...] --format F --out PATH`: the core's runExport, cancelled by
// Ctrl-C through its AbortSignal (it then leaves no file behind).

import { basename, dirname, resolve } from 'node:path'
import { runExport, type ExportResult } from '../../core/export/run-export'
import { TaskCancelled } from '../../core/tasks/task-registry'
import { StoreError } from '../../core/errors'
import { indexFileName, listStreamIds, streamSuffix } from '../../core/store/store-files'
import { CliError, usageError } from '../cli-error'
import type { CliIo } from '../cli-io'
import { unknownAggregateMessage } from '../format/id-suggestions'
import { plural } from '../format/table'
import type { ExportCommand } from '../descriptors/export'
import { existingDirectory } from './existing-directory'
import { asCliError } from './as-cli-error'

/** Export the selected events; prints the result line (or the ExportResult with --json). */
export async function runExportCommand(command: ExportCommand, io: CliIo): Promise<number> {
  const dir = existingDirectory(command.dir)
  const out = resolve(command.out)
  const name = basename(out)
  // A file named like a stream (or the index) inside the store would become part of the store.
  if (dirname(out) === dir && (name.endsWith(streamSuffix) || name === indexFileName)) {
    throw usageError(`--out ${out} would write into the store itself; choose a name outside it`)
  }
  const controller = new AbortController()
  const cancel = (): void => controller.abort()
  process.once('SIGINT', cancel)
  let result: ExportResult
  try {
    result = await runExport({
      dir,
      format: command.format,
      out,
      aggregateIds: command.aggregateIds,
      types: command.types,
      ...(command.keepFormulas ? { csvFormulas: 'keep' as const } : {}),
      ...(command.since === null ? {} : { since: command.since }),
      ...(command.until === null ? {} : { until: command.until }),
      signal: controller.signal,
      ...(io.progress ? { onProgress: progressLine(io.progress) } : {}),
    })
  } catch (error) {
    if (error instanceof TaskCancelled) throw new CliError('export cancelled; nothing was written', 130)
    throw await withIdSuggestion(error, dir, command.aggregateIds)
  } finally {
    process.off('SIGINT', cancel)
    io.progress?.(null)
  }
  if (command.json) await io.out(`${JSON.stringify(result, null, 2)}\n`)
  else await io.out(`${exportLine(result)}\n`)
  return 0
}

// An unknown AGGREGATE_ID is named with the ids it is the start of.
async function withIdSuggestion(error: unknown, dir: string, wanted: readonly string[]): Promise<unknown> {
  if (!(error instanceof StoreError) || error.code !== 'not_found' || wanted.length === 0)
    return asCliError(error)
  const ids = await listStreamIds(dir)
  const known = new Set(ids)
  const unknown = wanted.find((id) => !known.has(id))
  return unknown === undefined
    ? asCliError(error)
    : new CliError(unknownAggregateMessage(unknown, ids), 1, 'not_found')
}

function progressLine(show: (line: string) => void): (done: number, total: number) => void {
  return (done, total) => show(`exporting: ${done.toLocaleString('en-US')} of ${plural(total, 'event')} read`)
}

/** `exported 1,234 events from 12 streams to PATH (2 damaged lines left out)`. */
export function exportLine(result: ExportResult): string {
  const skipped = result.skippedLines > 0 ? ` (${plural(result.skippedLines, 'damaged line')} left out)` : ''
  return `exported ${plural(result.events, 'event')} from ${plural(result.streams, 'stream')} to ${result.out}${skipped}`
}
