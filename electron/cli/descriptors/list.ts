// `eventscope list DIR`: every aggregate with its counts, read from the streams.

import { isPostgresAddress } from '../../core/source/source-address'
import { defineCommand } from '../command-descriptor'
import { databaseNote } from './database-note'

export const listCommand = defineCommand({
  name: 'list',
  section: 'read',
  synopsis: [{ usage: 'list DIR', summary: 'List aggregates with their event counts and last event times' }],
  usage: 'list DIR [--json]',
  description: `List every aggregate of the store in DIR: one row per stream file, plus index.json entries whose
stream file is missing.

EVENTS is counted by reading every stream (lines that are not JSON objects are not events); INDEXED
is what index.json claims. STATUS is ok, warning or error, and each issue is listed under the table
with its line number where it has one. The totals line compares the counted events with index.json's
total_events, and the detected envelope style (flat like the seed, or nested under "data"/"payload")
is shown.

${databaseNote} A database's rows have no INDEXED or STATUS column: its
counts are the streams' own positions, and --json prints {"source", "aggregates": [{"id",
"event_count", "last_event_at", "type"}], "total_events", "capabilities": {"append", "watch"}}: what the
store could do beyond reading, through eventscope's core.`,
  details: `--json prints:
  {"dir", "style": {"payload", "typeField", "idField", "timeField", "aggregateIdField"} | null,
   "index": "ok" | "missing" | "unreadable", "total_events", "indexed_total_events",
   "aggregates": [{"id", "event_count", "last_event_at", "type", "indexed_count", "status",
   "issues": [...]}], "problems": [store-level problems]}
A problem is {"kind", "severity", "line", "offset", "message", "snippet"}.`,
  options: {},
  positionals: [{ name: 'DIR', required: true }],
  parse: ({ positionals, json }) => ({ kind: 'list' as const, dir: positionals[0] as string, json }),
  run: async (args, { io }) =>
    isPostgresAddress(args.dir)
      ? (await import('../commands/source/source-list')).runSourceList(args, io)
      : (await import('../commands/list-command')).runList(args, io),
})
