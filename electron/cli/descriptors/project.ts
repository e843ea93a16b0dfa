// `eventscope project DIR (FILE | --builtin NAME)`: a projection over the whole store in time order.

import { builtinProjectionNames } from '../../core/projections/builtin-names'
import { usageError } from '../cli-error'
import { defineCommand } from '../command-descriptor'

export interface ProjectCommand {
  readonly kind: 'project'
  readonly dir: string
  /** Exactly one of `file` (a custom projection module) and `builtin` is set. */
  readonly file: string | null
  readonly builtin: string | null
  readonly json: boolean
}

export const projectCommand = defineCommand({
  name: 'project',
  section: 'read',
  synopsis: [
    {
      usage: 'project DIR (FILE | --builtin NAME)',
      summary: 'Run a projection over every event of the store',
    },
  ],
  usage: 'project DIR (FILE | --builtin NAME) [--json]',
  description: `Run a projection over every event of the store in DIR and print its result.

FILE is your own projection: an ES module exporting initialState() and handlers, an object of
functions (state, event) => state keyed by event type. Events reach it in time order across all
aggregates, as {type, version, occurredAt, id, aggregateId, payload, metadata}; only the types it
handles are sent. It runs in the same sandbox as reducers (no file, network or process access; the
same limits per handler call, stopped from outside if they are outrun).`,
  details: `A result that is a list of objects is printed as a table, anything else as indented JSON. Progress
is shown on stderr when it is a terminal; Ctrl-C ends it at once (exit 130), as SIGTERM does (exit
143). A projection that throws, or outruns a limit, stops there: one line on stderr names the event
(aggregate, version, type) and where in FILE, exit 1. Lines of the store that hold no event are
not given to the projection: one line on stderr counts them and names the first.

--json prints {"result", "failure": null | {"kind", "message", "location", "aggregateId", "version",
"eventType"}, "events"} (events: how many events the projection was given), on failure too.`,
  options: {
    builtin: {
      kind: 'text',
      value: 'NAME',
      help: `A projection every store gets, one of:\n${builtinProjectionNames.map((name) => `  ${name}`).join('\n')}`,
    },
  },
  positionals: [
    { name: 'DIR', required: true },
    { name: 'FILE', required: false },
  ],
  parse: ({ positionals: [dir = '', file = null], values: { builtin }, json }): ProjectCommand => {
    const names: readonly string[] = builtinProjectionNames
    if (file === null && builtin === null)
      throw usageError(`project needs FILE or --builtin NAME (${names.join(', ')})`)
    if (file !== null && builtin !== null)
      throw usageError(`project takes FILE or --builtin ${builtin}, not both`)
    if (builtin !== null && !names.includes(builtin))
      throw usageError(`--builtin must be one of ${names.join(', ')}, got "${builtin}"`)
    return { kind: 'project', dir, file, builtin, json }
  },
  run: async (args, { io }) => (await import('../commands/project-command')).runProject(args, io),
})
