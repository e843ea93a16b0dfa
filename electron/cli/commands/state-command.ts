// `eventscope state DIR AGGREGATE_ID [--at VERSION]`: the replayed state.

import { CliError } from '../cli-error'
import type { CliIo } from '../cli-io'
import { stateJson, stateText } from '../format/state-format'
import { plural } from '../format/table'
import { openStream, withSession } from './session-access'

/** Rebuild and print an aggregate's state at a version (default: the latest). */
export async function runState(
  command: { dir: string; aggregateId: string; at: number | null; json: boolean },
  io: CliIo,
): Promise<number> {
  return withSession(command.dir, async (session) => {
    const info = await openStream(session, command.aggregateId)
    const version = command.at ?? info.eventCount
    // The core clamps a version past the end; a user asking for one deserves to hear it does not exist.
    if (version > info.eventCount) {
      throw new CliError(
        `${command.aggregateId} has ${plural(info.eventCount, 'event')}; there is no version ${version}`,
      )
    }
    const result = await session.stateAt({ aggregateId: command.aggregateId, version })
    if (command.json) await io.out(`${JSON.stringify(stateJson(result), null, 2)}\n`)
    else await io.out(`${stateText(result, info.type).join('\n')}\n`)
    return 0
  })
}
