// The one kind of failure the CLI reports: a message for one line of stderr and an exit code.

/**
 * 2 for usage errors (bad command, flag or value), 3 when an append's expected version does not match
 * the stream (a conflict a script may retry), 4 when an append's event is durable in its stream but
 * index.json could not be updated (do not retry: run reindex), 130 for an export cancelled by Ctrl-C (128 + SIGINT, as
 * shells report it), 1 for everything else that failed.
 */
export type ExitCode = 1 | 2 | 3 | 4 | 130

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = 1,
  ) {
    super(message)
    this.name = 'CliError'
  }
}

/** A usage error: the command line itself is wrong (exit code 2). */
export function usageError(message: string): CliError {
  return new CliError(message, 2)
}
