// The CLI from argv to exit code: parse, run one command, and turn any failure into one line on stderr.

import type { AppPaths } from './app-paths'
import { CliError } from './cli-error'
import type { CliIo } from './cli-io'
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
    if (error instanceof CliError) {
      context.io.err(`eventscope: ${error.message}`)
      return error.exitCode
    }
    // A bug or an unforeseen system error: still one line, with the stack only on request.
    const message = error instanceof Error ? error.message : String(error)
    context.io.err(
      `eventscope: unexpected error: ${message.split('\n')[0]}${context.debug ? '' : ' (EVENTSCOPE_DEBUG=1 shows details)'}`,
    )
    if (context.debug && error instanceof Error && error.stack) context.io.err(error.stack)
    return 1
  }
}
