// The CLI from argv to exit code: parse, run one command, and turn any failure into one line on stderr.

import type { AppPaths } from './app-paths'
import { CliError } from './cli-error'
import type { CliIo } from './cli-io'
import { helpText } from './help-text'
import { parseCommandLine, type Command } from './parse-command-line'

export interface CliContext {
  readonly io: CliIo
  readonly paths: AppPaths
  /** Print stack traces of unexpected errors (EVENTSCOPE_DEBUG=1). */
  readonly debug?: boolean
}

/** Run the command line; resolves with the exit code (0 ok, 1 failure, 2 usage error or, for verify, an unreadable directory, 3 version conflict). */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  try {
    return await run(parseCommandLine(argv), context)
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

// Each command is loaded when it runs: loading all of them (and zod, the sandbox, the web host) for every
// invocation cost about 0.2 s of start-up, which scripts calling `eventscope append` in a loop pay each time.
async function run(command: Command, { io, paths }: CliContext): Promise<number> {
  switch (command.kind) {
    case 'help':
      await io.out(helpText(command.topic === 'help' ? null : command.topic))
      return 0
    case 'version':
      await io.out(`${paths.version}\n`)
      return 0
    case 'open':
      return (await import('./commands/open-command')).runOpen(command, io, paths)
    case 'list':
      return (await import('./commands/list-command')).runList(command, io)
    case 'events':
      return (await import('./commands/events-command')).runEvents(command, io)
    case 'state':
      return (await import('./commands/state-command')).runState(command, io)
    case 'project':
      return (await import('./commands/project-command')).runProject(command, io)
    case 'search':
      return (await import('./commands/search-command')).runSearch(command, io)
    case 'serve':
      return (await import('./commands/serve-command')).runServe(command, io, paths)
    case 'gen':
      return (await import('./commands/gen-command')).runGen(command, io)
    case 'init':
      return (await import('./commands/init-command')).runInit(command, io)
    case 'append':
      return (await import('./commands/append-command')).runAppend(command, io)
    case 'appendBatch':
      return (await import('./commands/append-batch-command')).runAppendBatch(command, io)
    case 'import':
      return (await import('./commands/import-command')).runImport(command, io)
    case 'export':
      return (await import('./commands/export-command')).runExportCommand(command, io)
    case 'reindex':
      return (await import('./commands/reindex-command')).runReindex(command, io)
    case 'verify':
      return (await import('./commands/verify-command')).runVerify(command, io)
    case 'repair':
      return (await import('./commands/repair-command')).runRepair(command, io)
  }
}
