// `eventscope list DIR`: every aggregate with its counts, read from the streams.

import { storeDatabaseKind } from '../../core/source/database-address'
import { defineCommand } from '../command-descriptor'
import { databaseChoice, databaseNote, databaseOptions } from './database-note'

export const listCommand = defineCommand({
  name: 'list',
  section: 'read',
  synopsis: [
    {
      usage: 'list DIR [--from-index] [--no-cache]',
      summary: 'List aggregates with their event counts and last event times',
    },
  ],
  usage: 'list DIR [--from-index] [--no-cache] [--json]',
  description: `List every aggregate of the store in DIR: one row per stream file, plus index.json entries whose
stream file is missing.

EVENTS is counted by reading every stream (lines that are not JSON objects are not events); INDEXED
is what index.json claims. STATUS is ok, warning or error, and each issue is listed under the table
with its line number where it has one. The totals line compares the counted events with index.json's
total_events, and the detected envelope style (flat like the seed, or nested under "data"/"payload")
is shown.

Every stream is checked, but one that the scan cache describes (eventscope cache --help) and whose
file stat's as it did then is not read again: FROM says how each row was had: "cache" (the file is
as cached: not read), "cache+tail" (it grew: only the new bytes were read), "stream" (read whole).
The line under the totals counts them. --no-cache reads every stream and leaves the cache alone.

--from-index answers from index.json alone, reading no stream and not even listing the directory:
the counts and times are what index.json claims, unchecked (FROM "index", STATUS "pending"); for
scripts that want the index's word quickly. While index.json is the file the scan cache last saw, its
copy there is used instead of parsing the file again.

${databaseNote} A database's rows have no INDEXED or STATUS column: its
counts are the streams' own positions, and --json prints {"source", "aggregates": [{"id",
"event_count", "last_event_at", "type"}], "total_events", "capabilities": {"append", "watch"}}: what the
store could do beyond reading, through eventscope's core.`,
  details: `--json prints:
  {"dir", "style": {"payload", "typeField", "idField", "timeField", "aggregateIdField"} | null,
   "index": "ok" | "missing" | "unreadable", "total_events", "indexed_total_events",
   "aggregates": [{"id", "event_count", "last_event_at", "type", "indexed_count", "status",
   "issues": [...], "from": "cache" | "cache+tail" | "stream" | "index"}],
   "problems": [store-level problems],
   "cache": {"state", "cache", "cache+tail", "stream"}}
"cache.state" says what the scan cache gave: "hit", "memory", "off", or why not ("miss: …",
"discarded: …": a cache file found bad is removed). With --from-index "cache" is null.
A problem is {"kind", "severity", "line", "offset", "message", "snippet"}.`,
  options: {
    'from-index': { kind: 'flag', help: 'Answer from index.json alone: no stream is read or checked' },
    'no-cache': { kind: 'flag', help: 'Read every stream whole; neither use nor write the scan cache' },
    ...databaseOptions,
  },
  positionals: [{ name: 'DIR', required: true }],
  parse: ({ positionals, values, json }) => ({
    kind: 'list' as const,
    dir: positionals[0] as string,
    fromIndex: values['from-index'],
    noCache: values['no-cache'],
    database: databaseChoice(positionals[0] as string, values),
    json,
  }),
  run: async (args, { io }) =>
    storeDatabaseKind(args.dir) !== null
      ? (await import('../commands/source/source-list')).runSourceList(args, io)
      : (await import('../commands/list-command')).runList(args, io),
})
