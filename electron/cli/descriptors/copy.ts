// `eventscope copy SRC DST`: every stream of one store into another, ids, types, times and payload
// bytes kept; resumable and idempotent.

import { defineCommand } from '../command-descriptor'

export interface CopyCommand {
  readonly kind: 'copy'
  readonly from: string
  readonly to: string
  readonly json: boolean
}

export const copyCommand = defineCommand({
  name: 'copy',
  section: 'write',
  synopsis: [{ usage: 'copy SRC DST', summary: 'Copy every stream of a store into another' }],
  usage: 'copy SRC DST [--json]',
  description: `Copy every stream of the store SRC into the store DST, each of them a store directory or a
PostgreSQL database in Emmett's layout (postgres://…, as for list). Every event keeps its id, type,
time, version and payload bytes; DST must already be a store (eventscope init DIR, or a database
where Emmett created its tables).

Run it again and it copies only what is missing: for each stream it checks that what DST holds is
SRC's beginning (the same ids and types, version by version) and appends the rest, 1,000 events at a
time, each batch in one transaction or one hold of the store lock with the stream's version checked.
Stopped anywhere (Ctrl-C, a lost connection), a second run goes on from the last batch; after a
complete run it writes nothing. A stream whose DST copy holds other events is left as it is and
named (exit 1); the other streams are still copied. A stream with a row whose payload or metadata
cannot be read as stored is copied up to that row and named the same way: no such row is written
as {}. A stream whose SRC skips versions (rows truncated, archived or deleted) is copied row by
row, and DST numbers its rows from 1 without gaps: stderr says so ("renumbered: …"). Into a
directory, index.json is written when the streams copied since its last write reach a quarter of
those it lists (1,000 at least), and at the end, also after Ctrl-C; a copy killed in between leaves
it behind the streams, and running the copy again brings it up to date.`,
  details: `Progress goes to stderr. Text output: copied N events of M streams (K already there).
--json prints {"streams", "copied", "already", "conflicts": [{"streamId", "reason"}],
"renumbered": [{"streamId", "note"}]}.
What a database does not keep of a payload's text or a time (jsonb orders keys its own way,
timestamptz keeps no offset) is kept beside it, so a copy back gives the same bytes (README:
Databases).`,
  options: {},
  positionals: [
    { name: 'SRC', required: true },
    { name: 'DST', required: true },
  ],
  parse: ({ positionals: [from = '', to = ''], json }): CopyCommand => ({ kind: 'copy', from, to, json }),
  run: async (args, { io }) => (await import('../commands/copy-command')).runCopy(args, io),
})
