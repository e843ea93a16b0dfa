// `eventscope init DIR`: a new, empty store in the seed's layout.

import { resolve } from 'node:path'
import { initStore } from '../../core/write/init-store'
import type { CliIo } from '../cli-io'
import { quoteArg } from '../format/shell-quote'
import { asCliError } from './as-cli-error'

/** Create DIR (and its parents) with the seed's initial index.json; refuses a directory holding a store. */
export async function runInit(command: { dir: string; json: boolean }, io: CliIo): Promise<number> {
  const dir = resolve(command.dir)
  const result = await initStore(dir).catch((error: unknown) => {
    throw asCliError(error)
  })
  if (command.json) await io.out(`${JSON.stringify(result, null, 2)}\n`)
  else
    await io.out(
      `initialized an empty event store in ${dir}\n` +
        `Append to it: eventscope append ${quoteArg(dir)} AGGREGATE_ID EVENT_TYPE --data '{...}'\n`,
    )
  return 0
}
