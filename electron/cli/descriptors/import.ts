// `eventscope import DIR FILE`: the events of a JSONL file, each appended to its aggregate.

import { usageError } from '../cli-error'
import { defineCommand } from '../command-descriptor'

export interface ImportCommand {
  readonly kind: 'import'
  readonly dir: string
  /** A JSONL file of events (store lines or --batch lines). */
  readonly file: string
  /** Every event goes to this aggregate, whatever its line names; null: each line names its own. */
  readonly aggregateId: string | null
  readonly json: boolean
}

export const importCommand = defineCommand({
  name: 'import',
  section: 'write',
  synopsis: [
    {
      usage: 'import DIR FILE [--aggregate ID]',
      summary: 'Append the events of a JSONL file, each to its aggregate',
    },
  ],
  usage: 'import DIR FILE [--aggregate ID] [--json]',
  description: `Append the events of FILE, a JSONL file, to the store in DIR, each to the aggregate it names.

A line is either an event as a store keeps it, in any envelope style eventscope reads (the seed's
{"event_id", "event_type", "aggregate_id", "occurred_at", ...payload}, or "type"/"aggregateId" with the
payload under "data" or "payload"), or a line of the append --batch format ({"aggregateId", "type",
"data", ...}). An event's id and time are kept; it is written in the style of DIR's store, as append
writes it. An event whose id is its stream's last event id appends nothing, as with append
--event-id; running a whole import again appends its other events a second time.`,
  details: `Events go in 10,000 at a time, each chunk under one hold of the store lock with one write per touched
stream and one index.json write. The first bad line (not JSON, no type, no aggregate) or refused event
(see append) stops the import with its line number: the events before it stay appended, nothing after
it is written. Blank lines, CRLF line ends and a byte order mark are accepted.

Text output: imported N events to M aggregates (K events already there).
--json prints {"appended", "duplicates", "aggregates": [{"aggregateId", "version"}]}.`,
  options: {
    aggregate: {
      kind: 'text',
      value: 'ID',
      help: `Append every event to ID, whatever aggregate its line names (a stream file of one
aggregate, for instance); without it a line naming no aggregate is refused.`,
    },
  },
  positionals: [
    { name: 'DIR', required: true },
    { name: 'FILE', required: true },
  ],
  parse: ({ positionals: [dir = '', file = ''], values, json }): ImportCommand => {
    if (values.aggregate === '') throw usageError('--aggregate needs an aggregate id, got an empty one')
    return { kind: 'import', dir, file, aggregateId: values.aggregate, json }
  },
  run: async (args, { io }) => (await import('../commands/import-command')).runImport(args, io),
})
