// `eventscope state DIR AGGREGATE_ID`: the replayed state, by the merge patch or a custom reducer.

import { usageError } from '../cli-error'
import { storeDatabaseKind } from '../../core/source/database-address'
import { defineCommand } from '../command-descriptor'
import { databaseChoice, databaseNote, databaseOptions, type DatabaseChoice } from './database-note'

export interface StateCommand {
  /** How to read a database store (--layout, --table, --columns); null: found from its tables. */
  readonly database: DatabaseChoice | null
  readonly kind: 'state'
  readonly dir: string
  readonly aggregateId: string
  /** The version; a negative one counts back from the latest (-1: the state before the last event). */
  readonly at: number | null
  /** A reducer module the user names: trusted by that choice. */
  readonly reducer: string | null
  /** Run the store's own `.eventscope/reducers/<Type>.js` (never without this flag). */
  readonly trust: boolean
  /** Read the stream whole; neither use nor write the scan cache. */
  readonly noCache: boolean
  readonly json: boolean
}

export const stateCommand = defineCommand({
  name: 'state',
  section: 'read',
  synopsis: [
    {
      usage: 'state DIR AGGREGATE_ID [--at VERSION] [--reducer FILE | --trust] [--no-cache]',
      summary: "Print an aggregate's state rebuilt from its events",
    },
  ],
  usage: 'state DIR AGGREGATE_ID [--at VERSION] [--reducer FILE | --trust] [--no-cache] [--json]',
  description: `Print the state of AGGREGATE_ID rebuilt from its events.

By default the state is every event's payload applied in order as a JSON merge patch (RFC 7396):
fields are set, nested objects are merged, arrays are replaced and null deletes a field.

Only that aggregate's stream is read. A stream of 8 MiB or more is read on every core, and what the
read learned is kept in the scan cache (see eventscope help cache): the next state of it reads
nothing but the bytes appended since. --no-cache reads it whole and leaves the cache alone.

A line of the stream that is no event (not JSON, torn, not an object) is left out of the state, and
said on stderr with the first one's line number; eventscope events shows each in place.

${databaseNote} --reducer and --trust need a directory. A database row whose payload is no JSON or no
object is folded as an empty payload, and said on stderr with the first one's version; a stream
whose rows end before the count the database keeps for it is shown at its last row, and said. The
state at a version the database holds no row for (truncated, archived) is the state before it.`,
  details: `When a reducer throws (or returns something that is not JSON, or runs out of time or memory), the
state before the failing event is printed and the command exits 1 with one line on stderr:
  eventscope: reducer failed at version 7: balance is NaN (bank.js:12:5); state shown is version 6
Ctrl-C ends it at once (exit 130), as SIGTERM does (exit 143).

--json prints: {"aggregateId", "version", "eventCount", "state"}; with --reducer or --trust also
"reducer": {"kind": "custom" | "merge-patch", "file", "source": "explicit" | "store" | "default"}
and "failure": null | {"version", "eventType", "kind", "message", "location"} (printed on failure
too, "version" then being the version the state is at).`,
  options: {
    at: {
      kind: 'integer',
      value: 'VERSION',
      min: null,
      expects: 'a version: a whole number, or a negative one counting back from the latest',
      help: `Stop after that version (0 is the state before the first event); a negative
VERSION counts back from the latest: -1 is the state before the last event.
Default: the latest version. A version past either end is an error.`,
    },
    reducer: {
      kind: 'text',
      value: 'FILE',
      help: `Rebuild the state with your own reducer: an ES module exporting
initialState() and evolve(state, event), where event is {type, version,
occurredAt, id, payload, metadata}; evolve returns the next state (JSON).
It runs in a sandbox with no file, network or process access, on a thread
of its own that is stopped when one call runs past 100 ms (its module's
loading past 1 s) or its heap past 64 MiB, whatever the code does.`,
    },
    'no-cache': { kind: 'flag', help: 'Read the stream whole; neither use nor write the scan cache' },
    trust: {
      kind: 'flag',
      help: `Run the store's own reducer for the aggregate's type,
DIR/.eventscope/reducers/<Type>.js, if there is one (else the merge patch).
A directory can come from anyone, so its code never runs without this flag,
and the choice is not remembered. Without it, a store reducer that exists is
named on stderr and left alone.`,
    },
    ...databaseOptions,
  },
  positionals: [
    { name: 'DIR', required: true },
    { name: 'AGGREGATE_ID', required: true },
  ],
  parse: ({ positionals: [dir = '', aggregateId = ''], values, json }): StateCommand => {
    if (values.reducer === '') throw usageError('--reducer needs a file, got an empty path')
    if (values.reducer !== null && values.trust)
      throw usageError(
        '--reducer and --trust exclude each other: --reducer FILE already says which code to run',
      )
    return {
      kind: 'state',
      dir,
      aggregateId,
      at: values.at,
      reducer: values.reducer,
      trust: values.trust,
      noCache: values['no-cache'],
      database: databaseChoice(dir, values),
      json,
    }
  },
  run: async (args, { io }) =>
    storeDatabaseKind(args.dir) !== null
      ? (await import('../commands/source/source-state')).runSourceState(args, io)
      : (await import('../commands/state-command')).runState(args, io),
})
