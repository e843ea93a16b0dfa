// `eventscope search DIR`: the events of the whole store that match every filter given.

import { usageError } from '../cli-error'
import { storeDatabaseKind } from '../../core/source/database-address'
import { defineCommand } from '../command-descriptor'
import { databaseChoice, databaseNote, databaseOptions, type DatabaseChoice } from './database-note'

export interface SearchCommand {
  /** How to read a database store (--layout, --table, --columns); null: found from its tables. */
  readonly database: DatabaseChoice | null
  readonly kind: 'search'
  readonly dir: string
  readonly eventTypes: readonly string[]
  readonly aggregateTypes: readonly string[]
  readonly aggregateIds: readonly string[]
  readonly since: string | null
  readonly until: string | null
  readonly where: string | null
  readonly text: string | null
  /** At most this many matches; null for all. */
  readonly limit: number | null
  readonly json: boolean
}

export const searchCommand = defineCommand({
  name: 'search',
  section: 'read',
  synopsis: [
    {
      usage: 'search DIR [--type T]... [--where EXPR] [--text S] [--since ISO] [--until ISO] [--limit N]',
      summary: 'Find the events of the store that match',
    },
  ],
  usage: 'search DIR [--type T]... [--where EXPR] [--text S] [--limit N] [OPTIONS]',
  description: `Find the events of the store in DIR that match every filter given, in aggregate-id order and
version order within an aggregate. Damaged lines are skipped.

${databaseNote} --text looks in a database event's payload (its jsonb text); --json
then counts scannedEvents instead of scanned bytes.`,
  details: `Text output: one line per match, printed as each stream is searched:
  AGGREGATE_ID  vVERSION  OCCURRED_AT  TYPE  PAYLOAD (on one line, shortened)
Progress is shown on stderr when it is a terminal; Ctrl-C stops the search (exit 130).
A line that holds the filters' bytes but no event (not JSON, not an object) cannot be searched: one
line on stderr counts such lines and names the first; eventscope verify lists each.

Only lines holding the bytes the filters imply are parsed: the --type names, --text, and the
literals of --where (a string as its JSON text, a number by its digits however it was written,
true, false, null, a startsWith prefix). The others are checked byte by byte, never parsed, so
every version stays exact; a stream the scan cache read and that has not changed since is not
even checked.

Numbers print as the store wrote them (1.0, -0.0, 1E5, integers beyond 2^53 with every digit).
--json prints {"matches": [{"aggregateId", "version", "type", "occurredAt", "payload"}],
"scanned", "truncated"}: scanned is the bytes of stream files read, truncated whether --limit
stopped the search early.`,
  options: {
    type: { kind: 'texts', value: 'T', help: 'Events of type T; repeat for several types (any of them)' },
    'aggregate-type': {
      kind: 'texts',
      value: 'T',
      help: 'Events of aggregates of type T (as list shows it); repeatable',
    },
    aggregate: { kind: 'texts', value: 'ID', help: 'Events of aggregate ID; repeatable' },
    since: {
      kind: 'instant',
      value: 'ISO',
      help: 'Events at or after this time (2026-01-31 or 2026-01-31T12:00:00Z)',
    },
    until: {
      kind: 'instant',
      value: 'ISO',
      help: 'Events at or before this time (events without a time never match a range)',
    },
    where: {
      kind: 'text',
      value: 'EXPR',
      help: `A predicate over the event, for example
  'payload.amount > 100'
  'payload.email == "ann@example.com" and not exists(payload.reason)'
  'contains(lower(payload.name), "ann") or type != "OrderCancelled"'
paths start at payload, metadata, type, id, occurredAt, version,
aggregateId or event (payload.items[0].sku); operators == != < <= > >=, and,
or, not, parentheses; functions exists(x), contains(x, s), startsWith(x, s),
lower(x). Numbers compare by the exact value written: integers beyond 2^53 by
every digit, decimals by value (1.0 == 1, 0.10 == 0.1), 1e400 above every
double. A malformed expression is a usage error (exit 2) naming its column.
The whole language: eventscope help where.`,
    },
    text: { kind: 'text', value: 'S', help: 'Events whose raw line contains S, ignoring case' },
    limit: { kind: 'integer', value: 'N', min: 1, help: 'Stop after N matches' },
    ...databaseOptions,
  },
  positionals: [{ name: 'DIR', required: true }],
  parse: ({ positionals: [dir = ''], values, json }): SearchCommand => {
    const { since, until, where, text } = values
    if (since !== null && until !== null && Date.parse(since) > Date.parse(until))
      throw usageError(`--since (${since}) is after --until (${until}): no event could match`)
    if (where !== null && where.trim() === '')
      throw usageError('--where needs an expression, got an empty one')
    if (text === '') throw usageError('--text needs some text, got an empty one')
    return {
      kind: 'search',
      dir,
      eventTypes: nonEmpty(values.type, '--type needs an event type'),
      aggregateTypes: nonEmpty(values['aggregate-type'], '--aggregate-type needs an aggregate type'),
      aggregateIds: nonEmpty(values.aggregate, '--aggregate needs an aggregate id'),
      since,
      until,
      where,
      text,
      limit: values.limit,
      database: databaseChoice(dir, values),
      json,
    }
  },
  run: async (args, { io }) =>
    storeDatabaseKind(args.dir) !== null
      ? (await import('../commands/source/source-search')).runSourceSearch(args, io)
      : (await import('../commands/search-command')).runSearch(args, io),
})

function nonEmpty(items: readonly string[], needs: string): readonly string[] {
  if (items.some((item) => item.trim() === '')) throw usageError(`${needs}, got an empty one`)
  return items
}
