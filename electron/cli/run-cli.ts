// The CLI from argv to exit code: parse, run one command, and turn any failure into one line on stderr.

import type { AppPaths } from './app-paths'
import type { CliIo } from './cli-io'
import { describeFailure, failureLine } from './failure-line'
import { parseCommandLine } from './parse-command-line'

export interface CliContext {
  readonly io: CliIo
  readonly paths: AppPaths
  /** Print stack traces of unexpected errors (EVENTSCOPE_DEBUG=1). */
  readonly debug?: boolean
}

/** Run the command line; resolves with the exit code (0 ok, 1 failure, 2 usage error or, for verify, an unreadable directory, 3 version conflict). */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  try {
    // Each command's implementation is imported by its descriptor's `run` only now: loading all of them
    // (and zod, the sandbox, the web host) for every invocation cost about 0.2 s of start-up, which
    // scripts calling `eventscope append` in a loop pay each time.
    return await parseCommandLine(argv).run({ io: context.io, paths: context.paths })
  } catch (error) {
    const failure = describeFailure(error)
    // Before parsing succeeds too: `eventscope lsit DIR --json` gets its usage error as JSON.
    context.io.err(failureLine(failure, { json: wantsJson(argv), debug: context.debug === true }))
    if (context.debug && failure.stack) context.io.err(failure.stack)
    return failure.exitCode
  }
}

/** Whether `--json` is among the options (before a `--` that ends them). */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--')
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json')
}
