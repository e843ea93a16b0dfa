// The CLI from argv to exit code: parse, run one command, and turn any failure into one line on stderr.

import type { AppPaths } from './app-paths'
import { CliError } from './cli-error'
import type { CliIo } from './cli-io'
import { runAppend } from './commands/append-command'
import { runAppendBatch } from './commands/append-batch-command'
import { runEvents } from './commands/events-command'
import { runExportCommand } from './commands/export-command'
import { runGen } from './commands/gen-command'
import { runImport } from './commands/import-command'
import { runInit } from './commands/init-command'
import { runList } from './commands/list-command'
import { runOpen } from './commands/open-command'
import { runProject } from './commands/project-command'
import { runReindex } from './commands/reindex-command'
import { runRepair } from './commands/repair-command'
import { runSearch } from './commands/search-command'
import { runServe } from './commands/serve-command'
import { runState } from './commands/state-command'
import { runVerify } from './commands/verify-command'
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

async function run(command: Command, { io, paths }: CliContext): Promise<number> {
  switch (command.kind) {
    case 'help':
      await io.out(helpText(command.topic === 'help' ? null : command.topic))
      return 0
    case 'version':
      await io.out(`${paths.version}\n`)
      return 0
    case 'open':
      return runOpen(command, io, paths)
    case 'list':
      return runList(command, io)
    case 'events':
      return runEvents(command, io)
    case 'state':
      return runState(command, io)
    case 'project':
      return runProject(command, io)
    case 'search':
      return runSearch(command, io)
    case 'serve':
      return runServe(command, io, paths)
    case 'gen':
      return runGen(command, io)
    case 'init':
      return runInit(command, io)
    case 'append':
      return runAppend(command, io)
    case 'appendBatch':
      return runAppendBatch(command, io)
    case 'import':
      return runImport(command, io)
    case 'export':
      return runExportCommand(command, io)
    case 'reindex':
      return runReindex(command, io)
    case 'verify':
      return runVerify(command, io)
    case 'repair':
      return runRepair(command, io)
  }
}
