// The one kind of failure the CLI reports: a message for one line of stderr and an exit code.

/** 2 for usage errors (bad command, flag or value), 1 for everything else that failed. */
export type ExitCode = 1 | 2

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
