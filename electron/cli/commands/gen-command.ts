// `eventscope gen DIR`: write a sample store, never over an existing one.

import { readdir, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { generateStore } from '../../core/gen/generate-store'
import { CliError, usageError } from '../cli-error'
import type { CliIo } from '../cli-io'
import { quoteArg } from '../format/shell-quote'
import { plural } from '../format/table'
import { existingStoreReason } from '../store-guard'

export interface GenCommand {
  readonly dir: string
  readonly aggregates: number
  readonly events: number
  readonly seed: string
  /** Average bytes of filler text per event. */
  readonly pad: number
  readonly json: boolean
}

/** Generate the sample store, after checking DIR holds no store. */
export async function runGen(command: GenCommand, io: CliIo): Promise<number> {
  if (command.events < command.aggregates) {
    throw usageError(
      `--events (${command.events}) must be at least --aggregates (${command.aggregates}): every aggregate gets one event or more`,
    )
  }
  const dir = resolve(command.dir)
  const info = await stat(dir).catch(() => null)
  if (info && !info.isDirectory()) throw new CliError(`not a directory: ${dir}`)
  if (info) {
    const reason = existingStoreReason(await readdir(dir))
    if (reason)
      throw new CliError(`refusing to write into ${dir}: ${reason}; choose an empty or new directory`)
  }
  const store = await generateStore({
    dir,
    aggregates: command.aggregates,
    events: command.events,
    seed: command.seed,
    pad: command.pad,
  })
  if (command.json) {
    const doc = {
      dir,
      aggregates: store.aggregates.length,
      events: store.totalEvents,
      bytes: store.bytes,
      seed: command.seed,
      pad: command.pad,
    }
    await io.out(`${JSON.stringify(doc, null, 2)}\n`)
  } else {
    const size = `${(store.bytes / 1024).toFixed(store.bytes < 10240 ? 1 : 0)} KiB`
    await io.out(
      `Wrote ${plural(store.totalEvents, 'event')} in ${plural(store.aggregates.length, 'aggregate')} to ${dir} (${size}, seed ${command.seed}).\n` +
        `Explore it: eventscope list ${quoteArg(dir)}\n`,
    )
  }
  return 0
}
