// `eventscope list DIR`: every aggregate, counted from its stream.

import type { CliIo } from '../cli-io'
import { listJson, listText } from '../format/list-format'
import { withSession } from './session-access'

/** Read every stream of the store, then print the aggregates table (or JSON). */
export async function runList(command: { dir: string; json: boolean }, io: CliIo): Promise<number> {
  return withSession(command.dir, async (session) => {
    // Counts come from the streams, so wait until each one has been read.
    const summary = await session.whenReconciled()
    const rows = session.aggregates()
    if (command.json) await io.out(`${JSON.stringify(listJson(summary, rows), null, 2)}\n`)
    else await io.out(`${listText(summary, rows).join('\n')}\n`)
    return 0
  })
}
