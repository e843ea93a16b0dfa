// `eventscope state postgres://… AGGREGATE_ID [--at VERSION]`: the merge-patch state of a stream of a
// database store, folded from its events through the source's cursor.

import { stringifyExact } from '../../../core/json/big-integers'
import { addressWithoutPassword } from '../../../../shared/store-address'
import { usageError } from '../../cli-error'
import type { CliIo } from '../../cli-io'
import type { StateCommand } from '../../descriptors/state'
import { foldDamageNote, rowsEndNote, stateJson, stateText } from '../../format/state-format'
import { versionAt } from '../state-command'
import { requireStream, withSource } from './source-access'

/** Print a stream's state at a version (default: the latest). */
export async function runSourceState(command: StateCommand, io: CliIo): Promise<number> {
  // A database has no .eventscope folder to trust, and reducers over a source are not wired yet.
  if (command.reducer !== null || command.trust)
    throw usageError(
      '--reducer and --trust work on a store directory only; a database store is replayed by merge patch',
    )
  return withSource(command, async (source) => {
    const stream = await requireStream(source, command.aggregateId)
    const version = versionAt(command, stream.eventCount)
    const result = await source.stateAt(stream.id, version)
    // Before the state, as for a JSONL stream's problems: a state folded past them must not look whole.
    if (result.damage) io.err(foldDamageNote(result.damage, stream.id, addressWithoutPassword(command.dir)))
    if (result.rowsEndAt !== undefined)
      io.err(
        `${rowsEndNote(stream.id, stream.eventCount, result.rowsEndAt)}; the state shown is version ${result.rowsEndAt}`,
      )
    const shown = {
      aggregateId: stream.id,
      version: result.version,
      eventCount: result.eventCount,
      state: result.state,
    }
    if (command.json) await io.out(`${stringifyExact(stateJson(shown), 2)}\n`)
    else await io.out(`${stateText(shown, stream.type).join('\n')}\n`)
    return 0
  })
}
