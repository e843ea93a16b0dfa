// `eventscope export DIR`: events to a new JSONL, JSON or CSV file, or a new store directory.

import { usageError } from '../cli-error'
import { defineCommand } from '../command-descriptor'

export const exportFormats = ['jsonl', 'json', 'csv', 'store'] as const
export type ExportFormatName = (typeof exportFormats)[number]

export interface ExportCommand {
  readonly kind: 'export'
  readonly dir: string
  readonly aggregateIds: readonly string[]
  readonly format: ExportFormatName
  readonly out: string
  readonly types: readonly string[]
  readonly since: string | null
  readonly until: string | null
  readonly keepFormulas: boolean
  readonly json: boolean
}

export const exportCommand = defineCommand({
  name: 'export',
  section: 'read',
  synopsis: [
    {
      usage: 'export DIR [AGGREGATE_ID...] --format jsonl|json|csv|store --out PATH',
      summary: 'Export events (filters: --type T, --since ISO, --until ISO)',
    },
  ],
  usage: 'export DIR [AGGREGATE_ID...] --format FORMAT --out PATH [OPTIONS]',
  description: `Export events of the store in DIR to a new file (or a new directory for --format store).

Every aggregate is exported unless AGGREGATE_IDs are given. Damaged lines are left out and counted.`,
  details: `The file is written under a temporary name and moved into place when complete, never over a file
that appeared at PATH meanwhile: Ctrl-C (exit 130) or a failure leaves nothing behind. Progress is
shown on stderr when it is a terminal.

Text output: exported N events from M streams to PATH (K damaged lines left out; blank lines count).
--json prints {"out", "format", "streams", "events", "skippedLines", "bytes"}.`,
  options: {
    format: {
      kind: 'text',
      value: 'F',
      help: `jsonl: each event's line byte for byte, but a BOM before it and the CR of a CRLF
are dropped and every line ends with one LF; json: an array of normalized events
{"version", "aggregate_id", "event_id", "event_type", "occurred_at", "payload",
"metadata"}, named as the CSV's columns and the seed's own envelope (snake_case);
csv: version, aggregate_id, event_id, event_type, occurred_at, then one column
per payload field: nested fields as dotted names, a . or \\ inside a key escaped as
\\. or \\\\, and a field named like an envelope column (or "payload") under
payload. (payload.version), so every field has a column of its own; numbers as
written; store: a new store directory in
the seed's layout, with its own index.json`,
    },
    out: {
      kind: 'text',
      value: 'PATH',
      help: 'Where to write; must not exist yet (for store: or be an empty directory)',
    },
    type: { kind: 'texts', value: 'T', help: 'Only events of type T; repeat for several types' },
    since: {
      kind: 'instant',
      value: 'ISO',
      help: 'Only events at or after this time (2026-01-31 or 2026-01-31T12:00:00Z)',
    },
    until: { kind: 'instant', value: 'ISO', help: 'Only events at or before this time' },
    'keep-formulas': {
      kind: 'flag',
      help: `csv: write cells that start with = + - @, a tab or a carriage return as they are.
By default such a cell (a payload value, an event type, an id, a column name)
gets a leading ' so a spreadsheet shows it instead of running it as a formula;
plain numbers such as -5 are left alone`,
    },
  },
  positionals: [
    { name: 'DIR', required: true },
    { name: 'AGGREGATE_ID', required: false, rest: true },
  ],
  parse: ({ positionals: [dir = '', ...aggregateIds], values, json }): ExportCommand => {
    const { format, out, since, until } = values
    if (format === null) throw usageError(`export needs --format (${exportFormats.join(', ')})`)
    if (!isExportFormat(format))
      throw usageError(`--format must be one of ${exportFormats.join(', ')}, got "${format}"`)
    if (out === null || out === '')
      throw usageError('export needs --out PATH (a new file, or a new directory for --format store)')
    if (values.type.some((t) => t.trim() === ''))
      throw usageError('--type needs an event type, got an empty one')
    if (since !== null && until !== null && Date.parse(since) > Date.parse(until))
      throw usageError(`--since (${since}) is after --until (${until}): no event could match`)
    return {
      kind: 'export',
      dir,
      aggregateIds,
      format,
      out,
      types: values.type,
      since,
      until,
      keepFormulas: values['keep-formulas'],
      json,
    }
  },
  run: async (args, { io }) => (await import('../commands/export-command')).runExportCommand(args, io),
})

function isExportFormat(value: string): value is ExportFormatName {
  return (exportFormats as readonly string[]).includes(value)
}
