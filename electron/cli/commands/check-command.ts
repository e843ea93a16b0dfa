// `eventscope check DIR [--invariant EXPR]... [--type T]... [--trust]`: every version of every aggregate
// checked against the invariants; exit 1 when one is broken. Progress on an interactive stderr; Ctrl-C
// cancels through the AbortSignal.

import { checkStore, type CheckReport, type Violation } from '../../core/check/check-store'
import {
  compileInvariant,
  invariantsPath,
  readInvariantsFile,
  type Invariant,
  type InvariantSpec,
} from '../../core/check/invariants'
import { loadStoreReducers } from '../../core/check/store-reducers'
import { stringifyExact } from '../../core/json/big-integers'
import { ExpressionError } from '../../core/search/expression-error'
import { CliError, usageError } from '../cli-error'
import type { CliIo } from '../cli-io'
import { checkJson, failureText, summaryText, violationText } from '../format/check-format'
import { leftOutNote } from '../format/left-out-note'
import type { CheckCommand } from '../descriptors/check'
import { existingDirectory } from './existing-directory'
import { asCliError } from './as-cli-error'

/** Check the store; exit 0 when every invariant holds, 1 when one is broken or a reducer failed. */
export async function runCheck(command: CheckCommand, io: CliIo): Promise<number> {
  const dir = existingDirectory(command.dir)
  const invariants = compileAll(await invariantsOf(command, dir))
  const reducers = await loadStoreReducers(dir, command.trust)
  for (const file of reducers.untrusted)
    io.err(
      `eventscope: ${file} was not run (states by merge patch); pass --trust to run the store's reducers`,
    )
  for (const line of reducers.loadErrors) io.err(`eventscope: ${line} (states by merge patch)`)
  const controller = new AbortController()
  const cancel = (): void => controller.abort()
  process.once('SIGINT', cancel)
  let writing = Promise.resolve()
  let report: CheckReport
  try {
    report = await checkStore(dir, invariants, reducers.forType, {
      signal: controller.signal,
      customTypes: [...reducers.custom.keys()],
      ...(io.progress
        ? {
            onProgress: (done: number, total: number) =>
              io.progress?.(`checking: ${total > 0 ? Math.floor((100 * done) / total) : 100}%`),
          }
        : {}),
      // Text goes out as each aggregate is done; --json waits for the whole document.
      ...(command.json
        ? {}
        : {
            onViolation: (violation: Violation) => {
              const text = `${violationText(violation, invariants[violation.invariant] as Invariant).join('\n')}\n\n`
              writing = writing.then(() => io.out(text))
            },
          }),
    })
  } catch (error) {
    if (controller.signal.aborted) {
      await writing
      throw new CliError('check cancelled', 130)
    }
    throw asCliError(error)
  } finally {
    process.off('SIGINT', cancel)
    io.progress?.(null)
    reducers.dispose()
  }
  await writing
  if (report.aggregates === 0) {
    const types = command.types.length > 0 ? ` of type ${command.types.join(', ')}` : ''
    io.err(`eventscope: no aggregate${types} to check in ${dir}`)
  }
  // stderr, so stdout stays the report alone (and --json a document that parses).
  const leftOut = leftOutNote(report.leftOut, command.dir, 'not checked')
  if (leftOut !== null) io.err(leftOut)
  if (command.json) await io.out(`${stringifyExact(checkJson(report, invariants, reducers.untrusted), 2)}\n`)
  else {
    const lines = [...report.failures.map(failureText), summaryText(report, invariants.length)]
    await io.out(`${lines.join('\n')}\n`)
  }
  return report.violations.length > 0 || report.failures.length > 0 ? 1 : 0
}

/** The invariants given, restricted to --type; else the store's file, restricted the same way. */
async function invariantsOf(command: CheckCommand, dir: string): Promise<InvariantSpec[]> {
  const given = command.invariants.map((expression) => ({
    name: expression,
    expression,
    types: command.types,
  }))
  if (given.length > 0) return given
  const stored = await readInvariantsFile(dir).catch((error: unknown) => {
    throw asCliError(error)
  })
  if (stored === null)
    throw usageError(`no invariant to check: give --invariant EXPR, or write ${invariantsPath(dir)}`)
  if (command.types.length === 0) return stored
  const only = stored.flatMap((spec) => {
    const types =
      spec.types.length === 0 ? command.types : spec.types.filter((type) => command.types.includes(type))
    return types.length === 0 ? [] : [{ ...spec, types }]
  })
  if (only.length === 0)
    throw usageError(`no invariant of ${invariantsPath(dir)} applies to --type ${command.types.join(', ')}`)
  return only
}

function compileAll(specs: readonly InvariantSpec[]): Invariant[] {
  return specs.map((spec) => {
    try {
      return compileInvariant(spec)
    } catch (error) {
      if (error instanceof ExpressionError) throw usageError(`--invariant: ${error.message}`)
      throw error
    }
  })
}
