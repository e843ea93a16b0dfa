// `eventscope help [COMMAND]` (also `--help` and `COMMAND --help`): the screens generated from the
// descriptors. Not in the registry: it describes the registry.

import { usageError } from '../cli-error'
import { defineCommand } from '../command-descriptor'
import { commandNamed } from '../command-registry'

export const helpCommand = defineCommand({
  name: 'help',
  section: 'explorer',
  synopsis: [{ usage: 'help [COMMAND]', summary: 'Show help for a command (also: COMMAND --help)' }],
  usage: 'help [COMMAND]',
  description:
    'Show the overview of every command, or the help of COMMAND; help where describes the expression\nlanguage of search --where and check --invariant.',
  options: {},
  positionals: [{ name: 'COMMAND', required: false }],
  parse: ({ positionals: [topic = null] }) => {
    if (topic !== null && topic !== 'help' && topic !== 'where' && commandNamed(topic) === null)
      throw usageError(
        `no help for "${topic.length > 60 ? `${topic.slice(0, 60)}…` : topic}": unknown command (see eventscope --help)`,
      )
    return { kind: 'help' as const, topic: topic === 'help' ? null : topic }
  },
  run: async (args, { io }) => {
    await io.out((await import('../help-text')).helpText(args.topic))
    return 0
  },
})
