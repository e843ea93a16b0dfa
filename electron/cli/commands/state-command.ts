// `eventscope state DIR AGGREGATE_ID [--at VERSION] [--reducer FILE | --trust]`: the replayed state,
// by the merge patch or by a custom reducer running in the sandbox.

import { resolve } from 'node:path'
import { ReducerService } from '../../core/reducers/reducer-service'
import { TrustedDirectories } from '../../core/settings/trusted-directories'
import { CliError } from '../cli-error'
import type { CliIo } from '../cli-io'
import { exitOnInterrupt } from '../interrupts'
import { stringifyExact } from '../../core/json/big-integers'
import { reducedJson, failureLine, stateJson, stateText, streamProblemsNote } from '../format/state-format'
import { plural } from '../format/table'
import type { StateCommand } from '../descriptors/state'
import { applyCachePreference } from './cache-switch'
import { asCliError } from './as-cli-error'
import { openStream, withNamedSession } from './session-access'

/** Rebuild and print an aggregate's state at a version (default: the latest). */
export async function runState(command: StateCommand, io: CliIo): Promise<number> {
  applyCachePreference(command.noCache)
  return withNamedSession(command.dir, async (session) => {
    const info = await openStream(session, command.aggregateId)
    const version = versionAt(command, info.eventCount)
    // In memory only: --trust is for this run, never remembered for the desktop app.
    const trust = new TrustedDirectories(null)
    if (command.trust) trust.trust(session.storeDir())
    const reducers = new ReducerService(session, trust)
    const stopWatching = exitOnInterrupt(io, 'state')
    // Before the state, so a reader of both streams sees it first; stdout stays the state alone.
    const damaged = streamProblemsNote(info, command.dir)
    if (damaged !== null) io.err(damaged)
    try {
      if (command.reducer === null && !command.trust) {
        await noteUntrustedReducer(reducers, command.aggregateId, io)
        const result = await session.stateAt({ aggregateId: command.aggregateId, version })
        if (command.json) await io.out(`${stringifyExact(stateJson(result), 2)}\n`)
        else await io.out(`${stateText(result, info.type).join('\n')}\n`)
        return 0
      }
      return await printReduced(reducers, command, version, info.type, io)
    } finally {
      stopWatching()
      reducers.dispose()
    }
  })
}

async function printReduced(
  reducers: ReducerService,
  command: StateCommand,
  version: number,
  type: string | null,
  io: CliIo,
): Promise<number> {
  if (command.reducer !== null) reducers.useReducerFile(resolve(command.reducer))
  else {
    // --trust: the store's reducer for this type where there is one, else the merge patch.
    const status = await reducers.status(command.aggregateId)
    if (status.loadError !== null) throw new CliError(lowerFirst(status.loadError))
  }
  const result = await reducers
    .stateAt(command.aggregateId, version, command.reducer !== null ? 'custom' : 'auto')
    .catch((error: unknown) => {
      throw asCliError(error)
    })
  if (command.json) await io.out(`${stringifyExact(reducedJson(result), 2)}\n`)
  else await io.out(`${stateText(result, type, result.reducer.reducer).join('\n')}\n`)
  if (result.failure === null) return 0
  // Thrown, not printed: run-cli makes it the one capped line (JSON with --json) every failure gets.
  throw new CliError(failureLine(result.failure, result.version), 1, 'reducer_failed')
}

/**
 * The version `--at` names: the latest when absent, counted back from the latest when negative.
 *
 * The core clamps a version past the end; a user asking for one deserves to hear it does not exist.
 */
export function versionAt(command: Pick<StateCommand, 'aggregateId' | 'at'>, eventCount: number): number {
  const { aggregateId, at } = command
  if (at === null) return eventCount
  const has = `${aggregateId} has ${plural(eventCount, 'event')}`
  if (at > eventCount) throw new CliError(`${has}; there is no version ${at}`)
  if (at < -eventCount) throw new CliError(`${has}; --at ${at} counts back past version 0`)
  return at < 0 ? eventCount + at : at
}

/** A store reducer exists but the directory is not trusted: say why the merge patch is shown. */
async function noteUntrustedReducer(reducers: ReducerService, aggregateId: string, io: CliIo): Promise<void> {
  const status = await reducers.status(aggregateId)
  if (status.untrustedFile !== null)
    io.err(
      `eventscope: ${status.untrustedFile} was not run (state by merge patch); pass --trust to run the store's reducer`,
    )
}

// Only a first word: a message that begins with a file name (`Account.js cannot be used`) keeps it.
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]*\s/.test(text) ? text[0]?.toLowerCase() + text.slice(1) : text
}
