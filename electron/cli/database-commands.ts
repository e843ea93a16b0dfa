// Which commands read a database store, and the one-line refusal for the others.
//
// A command that takes DIR but has no database path yet would otherwise meet `postgres://…`,
// `sqlite:…` or a SQLite file as a directory name and say "no such directory", which sends the user
// looking for a typo. Light: the parser loads this on every start-up (a plain path costs one stat).

import { storeDatabaseKind } from '../core/source/database-address'
import { CliError } from './cli-error'
import type { Positional } from './command-descriptor'

/** The commands whose DIR may be a database address (their descriptors send it to commands/source/). */
export const databaseCommands: readonly string[] = [
  'list',
  'events',
  'state',
  'search',
  'append',
  'open',
  'serve',
]

/** Throw `unsupported` when a command without a database path is given a database address as DIR. */
export function refuseDatabaseStore(
  command: string,
  declared: readonly Positional[],
  given: readonly string[],
): void {
  const at = declared.findIndex((positional) => positional.name === 'DIR')
  const dir = at === -1 ? undefined : given[at]
  if (dir === undefined || storeDatabaseKind(dir) === null || databaseCommands.includes(command)) return
  throw new CliError(`${command} does not work on a database store yet; ${readers()} do`, 1, 'unsupported')
}

/** "list, events, state, search, append, open and serve": the commands that do take a database. */
function readers(): string {
  return `${databaseCommands.slice(0, -1).join(', ')} and ${databaseCommands.at(-1) ?? ''}`
}
