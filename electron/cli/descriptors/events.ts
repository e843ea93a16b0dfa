// `eventscope events DIR AGGREGATE_ID`: one stream's events with their versions.

import { storeDatabaseKind } from '../../core/source/database-address'
import { CliError, usageError } from '../cli-error'
import { defineCommand } from '../command-descriptor'
import { databaseChoice, databaseNote, databaseOptions } from './database-note'

export const eventsCommand = defineCommand({
  name: 'events',
  section: 'read',
  synopsis: [
    {
      usage: 'events DIR AGGREGATE_ID [--from N] [--limit N] [--follow]',
      summary: "Print an aggregate's events with their versions",
    },
  ],
  usage: 'events DIR AGGREGATE_ID [--from N] [--limit N | --follow] [--json]',
  description: `Print the events of AGGREGATE_ID in the store in DIR, oldest first, each with its version.

A version is the 1-based position of an event among the VALID events of its stream: a line that is
not JSON, a JSON value that is not an object or a torn last line is reported as a problem with its
line number and takes no version, so the events after it keep consecutive versions. So is a line
that is empty, white space only or only a byte order mark (blank_line, a warning: the seed's
load_events fails on it), and an event nested over 1,000 levels deep (too_deep). CRLF line ends and a
UTF-8 byte order mark before the first event are accepted silently.

${databaseNote} A database's events have a globalPosition instead of a line. A database row whose
payload is no JSON or no object is printed with its payload read as empty and, under it, why
("!  version 2: message_data is not JSON (…)"); with --json it carries "problems", and the
document's "problems" list them with their version. Versions a database counts but holds no row for
(an Eventuous stream truncated, Emmett rows archived, a row deleted) keep their numbers: each run of
them is one line in its place ("!  versions 1-1100: the store holds no rows for them (…)"); with
--json a "no_row" warning from "version" to "lastVersion". Rows that end before the stream's count
are said on stderr instead.

With --follow (a database store), the events are followed: after those there are, each new one is
printed as it is appended, until Ctrl-C (exit 0). Emmett's layout sends no notifications, so the
store is looked at every half second; what is printed is read from the stream itself, in order,
each version once. When the database goes away (the server stopped, the network down) one line on
stderr says following paused, eventscope keeps looking, and when the server is back one more line
says so and what was appended meanwhile is printed. A SQLite file removed or replaced while followed
ends it: one line on stderr, exit 1. A layout that cannot be watched is refused in one line.`,
  details: `Text output shortens each payload to one line; --json prints everything:
  {"aggregateId", "eventCount", "from", "events": [{"version", "line", "type", "occurredAt", "id",
   "payload", "metadata", "raw"}], "problems": [line problems of the whole stream], "problemCount"}
With --follow, --json prints one event per line instead (NDJSON), each with its "aggregateId".`,
  options: {
    from: {
      kind: 'integer',
      value: 'N',
      min: 0,
      help: "Skip the first N events, as the seed's load_events(from_version=N): output starts\nat version N+1 (default 0)",
    },
    limit: { kind: 'integer', value: 'N', min: 1, help: 'Print at most N events (default: all)' },
    ...databaseOptions,
    follow: {
      kind: 'flag',
      help: 'Then keep printing new events as they are appended, until Ctrl-C\n(a database store)',
    },
  },
  positionals: [
    { name: 'DIR', required: true },
    { name: 'AGGREGATE_ID', required: true },
  ],
  parse: ({ positionals: [dir = '', aggregateId = ''], values, json }) => {
    if (values.follow && values.limit !== null)
      throw usageError('--limit and --follow do not go together: following never stops at a count')
    return {
      kind: 'events' as const,
      dir,
      aggregateId,
      from: values.from ?? 0,
      limit: values.limit,
      database: databaseChoice(dir, values),
      json,
      follow: values.follow,
    }
  },
  run: async (args, { io }) => {
    if (storeDatabaseKind(args.dir) !== null)
      return (await import('../commands/source/source-events')).runSourceEvents(args, io)
    if (args.follow)
      throw new CliError(
        '--follow works on a database store; a directory is followed in the app (eventscope open DIR)',
        1,
        'unsupported',
      )
    return (await import('../commands/events-command')).runEvents(args, io)
  },
})
