// `eventscope append`: one event, or a batch of NDJSON events from stdin.
//
// JSON values stay text here: `--data -` is only known once stdin has been read, and both are parsed
// by the command with the same one-line message (json-argument.ts).

import { storeDatabaseKind } from '../../core/source/database-address'
import { CliError, usageError } from '../cli-error'
import { defineCommand } from '../command-descriptor'

export interface AppendCommand {
  readonly kind: 'append'
  readonly dir: string
  readonly aggregateId: string
  readonly eventType: string
  /** JSON text, or '-' to read it from stdin. */
  readonly data: string
  readonly metadata: string | null
  readonly expectedVersion: number | null
  readonly eventId: string | null
  readonly json: boolean
}

export interface AppendBatchCommand {
  readonly kind: 'appendBatch'
  readonly dir: string
  readonly json: boolean
}

const singleOnly = ['data', 'metadata', 'expected-version', 'event-id'] as const

export const appendCommand = defineCommand({
  name: 'append',
  section: 'write',
  synopsis: [
    {
      usage: 'append DIR AGGREGATE_ID EVENT_TYPE --data JSON [--expected-version N] [--event-id ID]',
      summary: 'Append one event (--data - reads it from stdin)',
    },
    { usage: 'append DIR --batch', summary: 'Append NDJSON events read from stdin, in order' },
  ],
  usage: 'append DIR (AGGREGATE_ID EVENT_TYPE --data JSON | --batch) [OPTIONS]',
  description: `Append one event to AGGREGATE_ID's stream in the store in DIR, or a batch of events read from stdin.

The line is written in the envelope style the store already uses, so its own program reads it back
unchanged: for the seed's flat style {"event_id", "event_type", "aggregate_id", "occurred_at", ...data}
in Python's json.dumps format; for a store that nests the payload under "data" or "payload", compact
JSON. Either way the payload is written as typed: its keys in the order given ("2" is not moved before
"b") and its numbers as written (1.0 stays 1.0). The stream is created on the first
event. index.json is edited in place: the aggregate's event_count becomes the stream's true count after
the append, its last_event_at the event's time, total_events moves by the same difference, and every
other byte stays as it was (it is rebuilt from every stream if it is missing). Writes take a lock
(DIR/.eventscope.lock) shared by every eventscope process, so concurrent appends never interleave.
The event's time is this process's clock, or the stream's last event time where that is ahead by
less than a second (another writer's clock), so two writers never step a stream's times back.

DIR may also be a PostgreSQL database holding Emmett's event store (postgres://…, as for list): the
event is appended as Emmett appends it, by one call of Emmett's own emt_append_to_stream in one
transaction that checks --expected-version, gives the event a new message id and moves the stream's
position. A conflict exits 3 as for a directory; --event-id and --batch are refused there, and so is
a layout eventscope only reads (Marten, Eventuous, Message DB).`,
  details: `Refused, with nothing written: an aggregate id that is not a safe file name, an empty type, data that
is not an object, a data field named like an envelope field of a flat-style store, a DIR that holds
no store (create one with eventscope init), a store locked by another writer for too long, and an
index.json that does not parse (repair it with eventscope reindex).

Every event gets its id before it is written. When the stream line is durable but index.json cannot
be replaced (a full disk), the append exits 4 saying so, with the event's version and id: do not
append it again (or retry with --event-id ID, a no-op), and run eventscope reindex DIR.

Text output: appended TYPE to ID as version N (event id EVENT_ID) (or: already appended: EVENT_ID is
the last event ...).
--json prints {"aggregateId", "version", "event": {the event as written}, "duplicate"};
with --batch: {"appended", "duplicates", "aggregates": [{"aggregateId", "version"}]}.`,
  options: {
    data: {
      kind: 'text',
      value: 'JSON',
      help: 'The payload, a JSON object (- reads it from stdin). Required.',
    },
    metadata: {
      kind: 'text',
      value: 'JSON',
      help: 'A JSON object stored under "metadata" (- reads it from stdin)',
    },
    'expected-version': {
      kind: 'integer',
      value: 'N',
      min: 0,
      help: `Append only if the stream is at version N (0: it has no events yet);
otherwise exit 3 with "expected version N, stream is at M"`,
    },
    'event-id': {
      kind: 'text',
      value: 'ID',
      help: `The event's id (default: a new UUID). Sending the id of the stream's last
event again appends nothing and says so: a retry is safe.`,
    },
    batch: {
      kind: 'flag',
      help: `Read NDJSON from stdin instead, one event per line:
{"aggregateId", "type", "data", "metadata"?, "expectedVersion"?, "eventId"?}
Lines are appended in order; the first refusal stops the batch and names
its input line (the lines before it stay appended). Blank lines are skipped.
Lines go in 10,000 at a time: one lock hold, one write per touched stream
and one index.json write each, so a long input never holds the lock for long.`,
    },
  },
  // Without --batch, AGGREGATE_ID and EVENT_TYPE are required: parse says so.
  positionals: [
    { name: 'DIR', required: true },
    { name: 'AGGREGATE_ID', required: false },
    { name: 'EVENT_TYPE', required: false },
  ],
  parse: ({
    positionals: [dir = '', aggregateId, eventType],
    values,
    json,
  }): AppendCommand | AppendBatchCommand => {
    if (values.batch) {
      const given = singleOnly.find((name) => values[name] !== null)
      if (given) throw usageError(`--${given} cannot be used with --batch: each input line carries its own`)
      if (aggregateId !== undefined)
        throw usageError(
          `append --batch takes only DIR; each input line names its aggregate (got "${aggregateId}")`,
        )
      return { kind: 'appendBatch', dir, json }
    }
    if (aggregateId === undefined || eventType === undefined)
      throw usageError(
        'append needs DIR, AGGREGATE_ID and EVENT_TYPE, or DIR --batch (see eventscope append --help)',
      )
    const { data, metadata } = values
    if (data === null) throw usageError(`append needs --data JSON (an object, or - to read it from stdin)`)
    if (data === '-' && metadata === '-')
      throw usageError('only one of --data and --metadata can be read from stdin')
    return {
      kind: 'append',
      dir,
      aggregateId,
      eventType,
      data,
      metadata,
      expectedVersion: values['expected-version'],
      eventId: values['event-id'],
      json,
    }
  },
  run: async (args, { io }) => {
    if (storeDatabaseKind(args.dir) !== null) {
      if (args.kind === 'appendBatch')
        throw new CliError(
          'append --batch does not work on a database store yet; one event at a time does',
          1,
          'unsupported',
        )
      return (await import('../commands/source/source-append')).runSourceAppend(args, io)
    }
    return args.kind === 'appendBatch'
      ? (await import('../commands/append-batch-command')).runAppendBatch(args, io)
      : (await import('../commands/append-command')).runAppend(args, io)
  },
})
