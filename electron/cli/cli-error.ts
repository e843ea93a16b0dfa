// The one kind of failure the CLI reports: a message for one line of stderr, a stable code (what
// `--json` prints) and an exit code.

/**
 * 2 for usage errors (bad command, flag or value), 3 when an append's expected version does not match
 * the stream (a conflict a script may retry), 4 when an append's event is durable in its stream but
 * index.json could not be updated (do not retry: run reindex), 130 for an export cancelled by Ctrl-C (128 + SIGINT, as
 * shells report it), 1 for everything else that failed.
 */
export type ExitCode = 1 | 2 | 3 | 4 | 130

/** Every code an error can carry in `{"error": {"code", "message"}}`, with what it means (help, README). */
export const cliErrorCodes = {
  usage: 'the command line is wrong (exit 2)',
  not_found: 'no such directory, file, aggregate or version',
  version_conflict: "an append's --expected-version does not match (exit 3)",
  index_behind: 'the event is appended but index.json was not updated (exit 4): run reindex, do not retry',
  invalid_input: 'a value that cannot be used (JSON that is not an object, a bad id)',
  no_store: 'DIR holds no store',
  forbidden: 'refused for safety (a link, a path outside the store)',
  permission_denied: 'the system refused access to a file or directory',
  io_error: 'reading or writing failed',
  too_deep: 'input nested too deeply to process',
  reducer_failed: 'a reducer stopped at an event (the state before it is printed)',
  projection_failed: 'a projection stopped at an event',
  unsupported: 'something this store or machine cannot do',
  cancelled: 'stopped by Ctrl-C (exit 130)',
  failed: 'any other refusal or failure',
  internal: 'a bug: please report it (EVENTSCOPE_DEBUG=1 shows details)',
} as const
export type CliErrorCode = keyof typeof cliErrorCodes

const codeOfExit: Readonly<Record<ExitCode, CliErrorCode>> = {
  1: 'failed',
  2: 'usage',
  3: 'version_conflict',
  4: 'index_behind',
  130: 'cancelled',
}

export class CliError extends Error {
  readonly code: CliErrorCode

  constructor(
    message: string,
    readonly exitCode: ExitCode = 1,
    code?: string,
  ) {
    super(message)
    this.name = 'CliError'
    // The core's codes are a subset of the CLI's; anything else is still a failure, never lost.
    this.code = code !== undefined && code in cliErrorCodes ? (code as CliErrorCode) : codeOfExit[exitCode]
  }
}

/** A usage error: the command line itself is wrong (exit code 2). */
export function usageError(message: string): CliError {
  return new CliError(message, 2)
}
