// `eventscope project DIR (FILE | --builtin NAME)`: a projection over the whole store, a custom one in
// the sandbox. Progress on an interactive stderr; Ctrl-C and SIGTERM end it at once (nothing is written).

import { resolve } from 'node:path'
import {
  runProjection,
  type ProjectionOutcome,
  type ProjectionSpec,
} from '../../core/projections/run-projection'
import { readCodeFile } from '../../core/reducers/code-files'
import { noLinesLeftOut } from '../../core/scan/lines-left-out'
import { SandboxError } from '../../core/sandbox/sandbox-error'
import { CliError } from '../cli-error'
import type { CliIo } from '../cli-io'
import { exitOnInterrupt } from '../interrupts'
import { leftOutNote } from '../format/left-out-note'
import { resultText } from '../format/result-format'
import type { ProjectCommand } from '../descriptors/project'
import { existingDirectory } from './existing-directory'
import { asCliError } from './as-cli-error'

type Failure = NonNullable<ProjectionOutcome['failure']>

/** Run the projection and print its result; exit 1 with one line when a custom projection failed. */
export async function runProject(command: ProjectCommand, io: CliIo): Promise<number> {
  const dir = existingDirectory(command.dir)
  const spec = await specOf(command)
  const stopWatching = exitOnInterrupt(io, 'projection')
  let outcome: ProjectionOutcome
  try {
    outcome = await runProjection(dir, spec, {
      ...(io.progress ? { onProgress: progressLine(io.progress) } : {}),
    }).catch((error: unknown) => {
      // A module that does not load is the projection's failure too, reported the same way.
      if (error instanceof SandboxError)
        return { result: null, events: 0, failure: loadFailure(error), leftOut: noLinesLeftOut }
      throw error
    })
  } catch (error) {
    throw asCliError(error)
  } finally {
    stopWatching()
    io.progress?.(null)
  }
  if (command.json) {
    const { result, failure, events } = outcome
    await io.out(`${JSON.stringify({ result, failure, events }, null, 2)}\n`)
  } else if (outcome.failure === null) await io.out(`${resultText(outcome.result).join('\n')}\n`)
  // stderr, so stdout stays the result alone (and --json a document that parses).
  const leftOut = leftOutNote(outcome.leftOut, command.dir, 'not given to the projection')
  if (leftOut !== null) io.err(leftOut)
  if (outcome.failure === null) return 0
  // Thrown, not printed: run-cli makes it the one capped line (JSON with --json) every failure gets.
  throw new CliError(projectionFailureLine(command.file ?? '', outcome.failure), 1, 'projection_failed')
}

async function specOf(command: ProjectCommand): Promise<ProjectionSpec> {
  if (command.builtin !== null) return { kind: 'builtin', name: command.builtin }
  const file = resolve(command.file ?? '')
  const code = await readCodeFile(file)
  if (code === null) throw new CliError(`cannot read ${file} (missing, a link, not a file, or over 1 MiB)`)
  return { kind: 'custom', code }
}

function loadFailure(error: SandboxError): Failure {
  return {
    kind: 'load',
    message: error.message,
    location: error.location,
    aggregateId: null,
    version: null,
    eventType: null,
  }
}

/** `projection failed at acc-1 version 3 (MoneyWithdrawn): overdrawn (p.js:4:9)`, or `… cannot be used: …`. */
export function projectionFailureLine(file: string, failure: Failure): string {
  const where = failure.location ? ` (${failure.location})` : ''
  const message = failure.message.split('\n')[0] ?? ''
  if (failure.kind === 'load') return `${file} cannot be used: ${message}${where}`
  const at =
    failure.aggregateId === null
      ? ''
      : ` at ${failure.aggregateId} version ${failure.version ?? '?'}${failure.eventType ? ` (${failure.eventType})` : ''}`
  return `projection failed${at}: ${message}${where}`
}

function progressLine(
  show: (line: string) => void,
): (progress: { task: string; done: number; total: number }) => void {
  return ({ task, done, total }) => show(`${task}: ${total > 0 ? Math.floor((100 * done) / total) : 0}%`)
}
