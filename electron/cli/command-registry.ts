// The registered commands in the order the help lists them: by section, then by name.

import { sections, type CommandDescriptor } from './command-descriptor'
import * as registered from './registered-commands'

export const commands: readonly CommandDescriptor[] = (Object.values(registered) as CommandDescriptor[]).sort(
  (a, b) => sections.indexOf(a.section) - sections.indexOf(b.section) || (a.name < b.name ? -1 : 1),
)

/** The command of that name, or null; `help` is not in the registry (it describes the registry). */
export function commandNamed(name: string): CommandDescriptor | null {
  return commands.find((command) => command.name === name) ?? null
}
